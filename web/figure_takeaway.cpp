// Placeholder for the takeaway figure while it is being written.
#include "web/draw.h"
#include "web/figures.h"

namespace lesson {

void draw_takeaway(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "takeaway", fig.trace->tokens.empty() ? "" : fig.trace->tokens[0].text);
}

std::vector<NamedMatrix> takeaway_matrices(FigureState& fig) {
  (void)fig;
  return {};
}

}  // namespace lesson
