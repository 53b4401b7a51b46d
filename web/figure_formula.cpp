// Placeholder for the formula figure while it is being written.
#include "web/draw.h"
#include "web/figures.h"

namespace lesson {

void draw_formula(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "formula", fig.trace->tokens.empty() ? "" : fig.trace->tokens[0].text);
}

std::vector<NamedMatrix> formula_matrices(FigureState& fig) {
  (void)fig;
  return {};
}

}  // namespace lesson
