// The figure table: which draw and export functions belong to which figure,
// and what the canvas shows when a figure has nothing valid to draw.
#include "web/figures.h"

#include "web/draw.h"
#include "web/figure_learn.h"
#include "web/theme.h"

namespace lesson {
namespace {

struct FigureEntry {
  void (*draw)(FigureState&);
  std::vector<NamedMatrix> (*matrices)(FigureState&);
};

// In FigureId order.
constexpr FigureEntry kFigures[kFigureCount] = {
    {draw_flow, flow_matrices},
    {draw_rnn, rnn_matrices},
    {draw_formula, formula_matrices},
    {draw_analogy, analogy_matrices},
    {draw_walkthrough, walkthrough_matrices},
    {draw_production, production_matrices},
    {draw_playground, playground_matrices},
    {draw_takeaway, takeaway_matrices},
    {draw_learn, learn_matrices},
};

const FigureEntry& entry(const FigureState& fig) { return kFigures[static_cast<int>(fig.id)]; }

}  // namespace

std::vector<std::string> token_labels(const attn::ExplainTrace& trace) {
  std::vector<std::string> words;
  for (const auto& token : trace.tokens) words.push_back(token.text);
  return words;
}

void draw_figure(FigureState& fig) {
  if (fig.id == FigureId::learn) return draw_learn(fig);  // draws its session, needs no trace
  if (!fig.trace) {
    try {
      ensure_trace(fig);
    } catch (const std::exception& e) {
      fig.error = e.what();
    }
  }
  if (!fig.trace) {
    draw::Area area = draw::figure_area();
    draw::title(area, "Nothing to show yet", fig.error);
    return;
  }
  entry(fig).draw(fig);
}

std::vector<NamedMatrix> figure_matrices(FigureState& fig) {
  if (fig.id == FigureId::learn) return learn_matrices(fig);
  if (!fig.trace) return {};
  return entry(fig).matrices(fig);
}

}  // namespace lesson
