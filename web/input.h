// Canvas-only input: mouse, touch, key and focus callbacks bound to the
// canvas element (not the window, so HTML inputs keep Tab and Backspace),
// feeding ImGui's IO and the figures' keyboard selection.
#pragma once

#include <string>

namespace lesson {

void install_input(const std::string& canvas_selector);

// ImGui 1.86 reads the mouse button once per frame, so a press and release
// that arrive between two frames (a tap) would be lost: releases wait until a
// frame has seen the press. Call before and after each ImGui frame.
void input_before_frame();
void input_after_frame();

}  // namespace lesson
