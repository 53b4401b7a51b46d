// The JSON face of a "Watch it learn" session (core/learn_session.h): the
// options a request may set, and the state the page's captions and the
// figure read. The web layer owns the session; this only converts.
#pragma once

#include <nlohmann/json.hpp>

#include "core/learn_session.h"

namespace attn {

// Reads "seed" (0..2^32-1), "learning_rate" (0 < lr <= 1) and "heads" (1..8)
// from `request` over `base`; other keys are ignored. Throws
// std::invalid_argument naming the field that is wrong.
LearnOptions learn_options_from_json(const nlohmann::json& request, const LearnOptions& base);

// {"step", "loss", "accuracy", "converged", "converged_at", "at_step_cap",
//  "seed", "learning_rate", "heads", "max_steps",
//  "loss_history": [[step, loss], ...], "accuracy_history": [[step, accuracy], ...],
//  "example": {"slots", "answer", "prediction", "probabilities"},
//  "attention": [{"name": "head 1", "weights": [...]}, ...]}
// The histories are averaged into at most `max_points` points so the state
// stays small however long training runs.
nlohmann::json learn_state_json(const LearnSession& session, int max_points = 100);

// The numbers the prose quotes: step, loss, accuracy_percent, chance_percent
// (guessing any digit), slot_guess_percent (guessing among the digits shown),
// converged, converged_at.
nlohmann::json learn_facts(const LearnSession& session);

}  // namespace attn
