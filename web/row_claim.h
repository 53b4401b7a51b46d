// The canvas's one sentence about a row of attention weights, worded like the
// page's captions (shell/js/claims.js) from the same row facts of the core
// (core/facts.h: decisive, argmax_*, even_percent, hint_head).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lesson {

// A decisive row names its argmax and its weight ("“she” gives its largest
// share, 82%, to “Alice”." or "... keeps its largest share, 60%, on itself.");
// a flat row says it is flat, with the even share and the hint head if any.
// "" when the facts carry no row.
std::string row_claim(const nlohmann::json& facts);

}  // namespace lesson
