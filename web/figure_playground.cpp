// Placeholder for the playground figure while it is being written.
#include "web/draw.h"
#include "web/figures.h"

namespace lesson {

void draw_playground(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "playground", fig.trace->tokens.empty() ? "" : fig.trace->tokens[0].text);
}

std::vector<NamedMatrix> playground_matrices(FigureState& fig) {
  (void)fig;
  return {};
}

}  // namespace lesson
