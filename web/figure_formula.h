// The formula figure's pieces, each in its own file: the clickable formula
// line (figure_formula.cpp), the selected word's computation laid out column
// by column (figure_formula_row.cpp) and the d_k demo (figure_formula_dk.cpp).
#pragma once

#include <string>

#include "web/app_state.h"
#include "web/draw.h"

namespace lesson {

// One row per key word: its key, the raw score q.k, the score after the
// divisor, the softmax (or hard argmax) weight and its share of the output,
// with the query's q row above and the output row below. The column that
// belongs to `part` (a formula_part) is boxed. Returns a word clicked, or -1.
int draw_formula_row(const FigureState& fig, draw::Area area, const std::string& part);

// The d_k demo: one query against a few random keys, softmax with and
// without dividing by sqrt(d_k), and each one's entropy.
void draw_formula_dk(const FigureState& fig, draw::Area area, bool boxed);

}  // namespace lesson
