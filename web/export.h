// The "export" command: the shown figure's matrices as CSV or JSON text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "web/app_state.h"

namespace lesson {

// {"text": "...", "filename": "attention-<figure>.<format>"}; format is csv or json.
nlohmann::json export_figure(FigureState& fig, const std::string& format);

}  // namespace lesson
