// Commands in, state out (docs/API.md, "The figures"): the one entry point the
// page's m.command(...) reaches, plus the selection changes the canvas makes.
#pragma once

#include <string>

namespace lesson {

// A JSON request string -> a JSON reply string (the state, an export, or
// {"error": ...}). Never throws.
std::string handle_command(const std::string& request);

// The canvas moved the selected query word (arrow keys; delta may be huge
// for Home/End) or picked one (click, tap). Both tell the page.
void move_selection_from_canvas(int delta);
void select_from_canvas(int token);

}  // namespace lesson
