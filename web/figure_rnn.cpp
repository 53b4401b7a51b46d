// Placeholder for the rnn figure while it is being written.
#include "web/draw.h"
#include "web/figures.h"

namespace lesson {

void draw_rnn(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "rnn", fig.trace->tokens.empty() ? "" : fig.trace->tokens[0].text);
}

std::vector<NamedMatrix> rnn_matrices(FigureState& fig) {
  (void)fig;
  return {};
}

}  // namespace lesson
