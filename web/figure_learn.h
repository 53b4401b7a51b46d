// The "Watch it learn" figure: one training session of the tiny phone-book
// model (core/learn_session.h), the "learn" command that drives it, and the
// frame-by-frame training slices that keep the page responsive.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "web/app_state.h"
#include "web/figures.h"

namespace lesson {

// {"cmd": "learn", "action": "train" | "pause" | "step" | "reset" | "state",
//  "learning_rate": .., "seed": .., "heads": .., "steps": ..} -> the learn
// figure's state. A new seed or head count starts a new session (the model
// changes); a new learning rate applies from the next step. Never throws:
// a bad request leaves the session as it was and says why in "error".
nlohmann::json learn_command(const nlohmann::json& request);

// The state JSON of docs/API.md for the learn figure, plus "learn": the
// session's state (core/learn_api.h) and whether it is training.
nlohmann::json learn_figure_state(FigureState& fig);

// Runs one slice of training (at most ~10 ms) if training is on, then draws.
void draw_learn(FigureState& fig);
std::vector<NamedMatrix> learn_matrices(FigureState& fig);

}  // namespace lesson
