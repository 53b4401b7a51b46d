// The browser main loop: WebGL2 context, on-demand frames, canvas sizing.
// There is no continuous loop: a frame is drawn when input, a command, a
// resize or a short animation asks for one.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace lesson {

// Creates the WebGL2 context on the canvas, sets up ImGui and input, and
// draws the first frame. {"ok": true} or {"error": "..."}; never aborts.
nlohmann::json start_app(const std::string& canvas_selector);

// Asks for a few frames (ImGui needs two or three to settle after input or a
// resize; a command from the page needs one).
void request_frames(int count = 3);
// Keeps drawing until `ms` milliseconds from now (a short animation), unless
// the page asked for reduced motion.
void animate_for(double ms);
// Draws one frame now, so the page can read the canvas right after.
void render_now();

// The page's listener for state changes made on the canvas (onEvent).
void set_state_listener(std::function<void(const std::string&)> listener);
// A figure changed its own state (a click, a tap, an arrow key): tell the page
// after this frame.
void note_canvas_change();

}  // namespace lesson
