// Placeholder for the walkthrough figure while it is being written.
#include "web/draw.h"
#include "web/figures.h"

namespace lesson {

void draw_walkthrough(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "walkthrough", fig.trace->tokens.empty() ? "" : fig.trace->tokens[0].text);
}

std::vector<NamedMatrix> walkthrough_matrices(FigureState& fig) {
  (void)fig;
  return {};
}

}  // namespace lesson
