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
  // The detail lines wrap inside their boxes (a phone gives each box about
  // 75 px), and the boxes grow to the tallest of them. A query word too long
  // for its box is not broken mid-word: the line under the boxes names it.
  const float gap = std::clamp(area.width() * 0.04f, 14.f, 22.f);
  const float w = (area.width() - 3 * gap) / 4.f;
  const float pad = 4.f;
  const std::string query = draw::quote(words[s]);
  const bool query_fits = draw::text_size(fonts().small, query).x <= w - 2 * pad;
  const Box boxes[4] = {{"Query", (query_fits ? query : "the chosen word") + " asks", p.query},
                        {"Keys", "every word answers", p.key},
                        {"softmax", "weights sum to 1", p.accent},
                        {"Values", "blended by weight", p.value}};
  float title_h = 0.f, detail_h = 0.f;
  for (const Box& box : boxes) {
    title_h = std::max(title_h, draw::wrapped_height(fonts().bold, box.title, w - 2 * pad));
    detail_h = std::max(detail_h, draw::wrapped_height(fonts().small, box.detail, w - 2 * pad));
  }
  const float box_h = pad + title_h + 4.f + detail_h + pad;
  const draw::Area row = area.take_top(box_h);
  ImDrawList* list = ImGui::GetWindowDrawList();
  for (int i = 0; i < 4; ++i) {
    const ImVec2 a(row.min.x + i * (w + gap), row.min.y), b(a.x + w, row.min.y + box_h);
    const float centre = (a.x + b.x) * 0.5f;
    list->AddRectFilled(a, b, blend(p.background, boxes[i].colour, 0.15f), 8.f);
    list->AddRect(a, b, boxes[i].colour, 8.f, 0, 2.f);
    draw::text_wrapped_centered(ImVec2(centre, a.y + pad), boxes[i].title, boxes[i].colour, w - 2 * pad, fonts().bold);
    draw::text_wrapped_centered(ImVec2(centre, a.y + pad + title_h + 4.f), boxes[i].detail, p.muted, w - 2 * pad,
                                fonts().small);
    if (i < 3) draw::text_centered(ImVec2(b.x + gap * 0.5f, (a.y + b.y) * 0.5f), "\xE2\x86\x92", p.muted, fonts().bold);
  }
  area.take_top(12.f);

  // The running example's row, as the evidence.
  std::vector<float> weights;
  for (Eigen::Index j = 0; j < head.attention.weights.cols(); ++j) weights.push_back(head.attention.weights(s, j));
  area.take_top(draw::text_wrapped(area.min, "On the running example (" + head.name + " head):", p.text, area.width(),
                                   fonts().bold) + 6.f);
  area.take_top(draw::text_wrapped(area.min, row_claim(attn::flow_facts(trace, fig.settings.head, s)), p.text,
                                   area.width(), fonts().small) + 4.f);
  // The two closing lines wrap; they go when the bars would otherwise get
  // less than a readable row per word (the bars are the evidence).
  const std::string closing[2] = {"Softmax makes the lookup differentiable, so learning decides which lookups help.",
                                  "Many heads, residuals and positions are the engineering that makes it scale."};
  float closing_h = 10.f;
  for (const std::string& line : closing) closing_h += draw::wrapped_height(fonts().small, line, area.width()) + 4.f;
  const float bars_wanted = 24.f * weights.size();
  const float bars_least = std::min(bars_wanted, (draw::font_px(fonts().small) + 3.f) * weights.size());
  const bool show_closing = area.height() - closing_h >= bars_least;
  const float bars_h = std::min(bars_wanted, area.height() - (show_closing ? closing_h : 0.f));
  const draw::BarResult bars = draw::bar_rows(area.take_top(bars_h), words, weights, p.key, s);
  if (bars.hovered >= 0)
    draw::tooltip(draw::quote(words[s]) + " \xE2\x86\x92 " + draw::quote(words[bars.hovered]) + ": " + draw::percent(weights[bars.hovered]));
  if (bars.clicked >= 0) select_from_canvas(bars.clicked);
  if (!show_closing) return;
  area.take_top(10.f);
  for (const std::string& line : closing)
    area.take_top(draw::text_wrapped(area.min, line, p.muted, area.width(), fonts().small) + 4.f);
}

std::vector<NamedMatrix> takeaway_matrices(FigureState& fig) {
  const attn::HeadTrace& head = fig.trace->heads[fig.settings.head];
  const std::vector<std::string> words = token_labels(*fig.trace);
  return {{"weights (" + head.name + ")", words, words, head.attention.weights}};
}

}  // namespace lesson
