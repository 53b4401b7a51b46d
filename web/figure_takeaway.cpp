// Section 8, the takeaway: attention as a soft lookup table, drawn once on
// the running example: query -> keys matched -> softmax weights -> values
// blended -> output.
#include <algorithm>
#include <cmath>

#include "core/facts.h"
#include "web/commands.h"
#include "web/draw.h"
#include "web/row_claim.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace lesson {

void draw_takeaway(FigureState& fig) {
  const Palette& p = palette();
  const attn::ExplainTrace& trace = *fig.trace;
  const attn::HeadTrace& head = trace.heads[fig.settings.head];
  const int s = fig.settings.selected;
  const std::vector<std::string> words = token_labels(trace);
  draw::Area area = draw::figure_area();
  draw::title(area, "Attention is a soft lookup table", "Queries search, keys are matched, values are returned.");

  // The lookup as four boxes joined by arrows.
  struct Box {
    std::string title, detail;
    ImU32 colour;
  };
  const Box boxes[4] = {{"Query", draw::quote(words[s]) + " asks", p.query},
                        {"Keys", "every word answers", p.key},
                        {"softmax", "weights sum to 1", p.accent},
                        {"Values", "blended by weight", p.value}};
  draw::Area row = area.take_top(70.f);
  const float w = (row.width() - 3 * 22.f) / 4.f;
  ImDrawList* list = ImGui::GetWindowDrawList();
  for (int i = 0; i < 4; ++i) {
    const ImVec2 a(row.min.x + i * (w + 22.f), row.min.y), b(a.x + w, row.min.y + 60.f);
    list->AddRectFilled(a, b, blend(p.background, boxes[i].colour, 0.15f), 8.f);
    list->AddRect(a, b, boxes[i].colour, 8.f, 0, 2.f);
    draw::text_centered(ImVec2((a.x + b.x) * 0.5f, a.y + 18.f), boxes[i].title, boxes[i].colour, fonts().bold);
    draw::text_centered(ImVec2((a.x + b.x) * 0.5f, a.y + 42.f), draw::fit(fonts().small, boxes[i].detail, w - 6.f), p.muted, fonts().small);
    if (i < 3) draw::text_centered(ImVec2(b.x + 11.f, (a.y + b.y) * 0.5f), "\xE2\x86\x92", p.muted, fonts().bold);
  }
  area.take_top(12.f);

  // The running example's row, as the evidence.
  std::vector<float> weights;
  for (Eigen::Index j = 0; j < head.attention.weights.cols(); ++j) weights.push_back(head.attention.weights(s, j));
  draw::text(area.min, "On the running example (" + head.name + " head):", p.text, fonts().bold);
  area.take_top(draw::font_px(fonts().bold) + 6.f);
  area.take_top(draw::text_wrapped(area.min, row_claim(attn::flow_facts(trace, fig.settings.head, s)), p.text,
                                   area.width(), fonts().small) + 4.f);
  const draw::Area bars_area = area.take_top(std::min(area.height() - 60.f, 24.f * weights.size()));
  const draw::BarResult bars = draw::bar_rows(bars_area, words, weights, p.key, s);
  if (bars.hovered >= 0)
    draw::tooltip(draw::quote(words[s]) + " \xE2\x86\x92 " + draw::quote(words[bars.hovered]) + ": " + draw::percent(weights[bars.hovered]));
  if (bars.clicked >= 0) select_from_canvas(bars.clicked);
  area.take_top(10.f);
  draw::text(area.min, "Softmax makes the lookup differentiable, so learning decides which lookups help.", p.muted, fonts().small);
  area.take_top(draw::font_px(fonts().small) + 4.f);
  draw::text(area.min, "Many heads, residuals and positions are the engineering that makes it scale.", p.muted, fonts().small);
}

std::vector<NamedMatrix> takeaway_matrices(FigureState& fig) {
  const attn::HeadTrace& head = fig.trace->heads[fig.settings.head];
  const std::vector<std::string> words = token_labels(*fig.trace);
  return {{"weights (" + head.name + ")", words, words, head.attention.weights}};
}

}  // namespace lesson
