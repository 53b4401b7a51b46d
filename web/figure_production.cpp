// Placeholder for the production figure while it is being written.
#include "web/draw.h"
#include "web/figures.h"

namespace lesson {

void draw_production(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "production", fig.trace->tokens.empty() ? "" : fig.trace->tokens[0].text);
}

std::vector<NamedMatrix> production_matrices(FigureState& fig) {
  (void)fig;
  return {};
}

}  // namespace lesson
