// Placeholder for the analogy figure while it is being written.
#include "web/draw.h"
#include "web/figures.h"

namespace lesson {

void draw_analogy(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "analogy", fig.trace->tokens.empty() ? "" : fig.trace->tokens[0].text);
}

std::vector<NamedMatrix> analogy_matrices(FigureState& fig) {
  (void)fig;
  return {};
}

}  // namespace lesson
