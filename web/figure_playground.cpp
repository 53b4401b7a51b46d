// Section 7, the playground: the learner's own sentence and model settings;
// every head's attention weights as small multiples side by side, or the
// chosen head large with its numbers. Clicking a head picks it; clicking a row
// picks the query word.
#include <algorithm>
#include <cmath>

#include "core/facts.h"
#include "core/gpt_explain.h"
#include "web/commands.h"
#include "web/draw.h"
#include "web/row_claim.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/main_loop.h"
#include "web/theme.h"

namespace lesson {
namespace {

std::string weight_tooltip(const attn::HeadTrace& head, const std::vector<std::string>& words, int row, int column) {
  const float w = head.attention.weights(row, column);
  const bool masked = head.attention.masked.size() > 0 && !std::isfinite(head.attention.masked(row, column));
  return head.name + ": " + draw::quote(words[row]) + " \xE2\x86\x92 " + draw::quote(words[column]) + " " +
         draw::percent(w) + (masked ? "\n(masked: a word may not look ahead)" : "") +
         "\nscore " + draw::fixed(head.attention.scaled(row, column)) + " after scaling";
}

// Picks a head from the canvas: the page hears about it like any other change.
void pick_head(FigureState& fig, int head) {
  if (head == fig.settings.head) return;
  fig.settings.head = head;
  note_canvas_change();
}

void small_multiples(FigureState& fig, const std::vector<std::string>& words, draw::Area area) {
  const Palette& p = palette();
  const int h = static_cast<int>(fig.trace->heads.size());
  // As many columns as keep the cells closest to square.
  int columns = 1;
  float best = 0.f;
  for (int c = 1; c <= h; ++c) {
    const int rows = (h + c - 1) / c;
    const float side = std::min(area.width() / c, area.height() / rows);
    if (side > best) best = side, columns = c;
  }
  const int rows = (h + columns - 1) / columns;
  const float cw = area.width() / columns, ch = area.height() / rows;
  int clicked_row = -1;
  for (int i = 0; i < h; ++i) {
    const attn::HeadTrace& head = fig.trace->heads[i];
    const int c = i % columns, r = i / columns;
    draw::Area cell{ImVec2(area.min.x + c * cw, area.min.y + r * ch), ImVec2(area.min.x + (c + 1) * cw - 10.f, area.min.y + (r + 1) * ch - 8.f)};
    if (i == fig.settings.head)
      ImGui::GetWindowDrawList()->AddRectFilled(cell.min - ImVec2(4, 2), cell.max + ImVec2(4, 2), p.panel, 4.f);
    draw::HeatmapStyle style;
    style.hue = p.key;
    style.probabilities = true;
    style.highlight_row = fig.settings.selected;
    style.numbers = false;
    style.column_labels = false;
    style.max_cell = 60.f;
    const draw::HeatmapResult map = draw::heatmap(cell, head.name, head.attention.weights,
                                                  c == 0 ? words : std::vector<std::string>{}, {}, style);
    if (map.row >= 0) draw::tooltip(weight_tooltip(head, words, map.row, map.column) + "\nClick to pick this head and word.");
    if (map.clicked_row >= 0) {
      clicked_row = map.clicked_row;
      pick_head(fig, i);
    }
  }
  if (clicked_row >= 0) select_from_canvas(clicked_row);
}

void single_head(FigureState& fig, const std::vector<std::string>& words, draw::Area area) {
  const attn::HeadTrace& head = fig.trace->heads[fig.settings.head];
  draw::HeatmapStyle style;
  style.hue = palette().key;
  style.probabilities = true;
  style.highlight_row = fig.settings.selected;
  style.max_cell = 56.f;
  const std::string claim = row_claim(attn::playground_facts(*fig.trace, fig.settings.head, fig.settings.selected));
  area.take_top(draw::text_wrapped(area.min, claim, palette().text, area.width(), fonts().small) + 6.f);
  const draw::HeatmapResult map = draw::heatmap(area, head.name, head.attention.weights, words, words, style);
  if (map.row >= 0) draw::tooltip(weight_tooltip(head, words, map.row, map.column));
  if (map.clicked_row >= 0) select_from_canvas(map.clicked_row);
}

}  // namespace

void draw_playground(FigureState& fig) {
  const attn::ExplainTrace& trace = *fig.trace;
  const std::vector<std::string> words = token_labels(trace);
  const FigureSettings& s = fig.settings;
  draw::Area area = draw::figure_area();
  std::string subtitle = std::to_string(trace.heads.size()) + (trace.heads.size() == 1 ? " head" : " heads") +
                         ", d_model " + std::to_string(trace.d_model) + ", d_k " + std::to_string(trace.d_k) +
                         ", " + s.positional + (s.causal ? ", causal" : "") + (s.scale ? "" : ", unscaled") +
                         (s.temperature != 1.0 ? ", T = " + draw::fixed(static_cast<float>(s.temperature)) : "");
  // The trained model has its own fixed settings; the designed model's do not apply to it.
  if (s.model == "trained" && attn::installed_trained_gpt())
    subtitle = "trained on fortunes: " + std::to_string(trace.heads.size()) + " heads in " +
               std::to_string(attn::installed_trained_gpt()->shape.layers) + " layers, d_model " +
               std::to_string(trace.d_model) + ", d_k " + std::to_string(trace.d_k) + ", learned positions, causal";
  draw::title(area, "Query: " + draw::quote(words[s.selected]), subtitle);
  if (!trace.notice.empty()) {
    draw::text(area.min, trace.notice, palette().muted, fonts().small);
    area.take_top(draw::font_px(fonts().small) + 6.f);
  }
  if (s.layout == "single" || trace.heads.size() == 1) single_head(fig, words, area);
  else small_multiples(fig, words, area);
}

std::vector<NamedMatrix> playground_matrices(FigureState& fig) {
  const std::vector<std::string> words = token_labels(*fig.trace);
  std::vector<NamedMatrix> out;
  for (const attn::HeadTrace& head : fig.trace->heads)
    out.push_back({"weights (" + head.name + ")", words, words, head.attention.weights});
  return out;
}

}  // namespace lesson
