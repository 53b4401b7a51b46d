// The formula figure's main panel: the selected word's attention computed
// column by column, one row per key word: k_j | q.k_j | ÷ divisor | weight |
// weight × v_j, with q above the keys and the output under the values, so
// each part of the formula has a place the learner can point at.
#include <algorithm>
#include <cmath>

#include "core/figure_math.h"
#include "web/figure_formula.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace lesson {
namespace {

struct Columns {
  float label, k, score, scaled, bar, value;  // left edges
  float grid_w, num_w, bar_w;
};

Columns layout(const draw::Area& area, const std::vector<std::string>& words) {
  ImFont* small = fonts().small;
  Columns c{};
  float label_w = draw::text_size(small, "output").x;
  for (const std::string& w : words) label_w = std::max(label_w, draw::text_size(small, w).x);
  label_w = std::min(label_w + 8.f, area.width() * 0.2f);
  c.num_w = draw::text_size(small, "\xE2\x88\x92" "00.00").x + 6.f;
  const float gap = 8.f;
  const float rest = area.width() - label_w - 2.f * c.num_w - 4.f * gap;
  c.bar_w = std::max(40.f, rest * 0.3f);
  c.grid_w = std::max(10.f, (rest - c.bar_w) * 0.5f);
  c.label = area.min.x;
  c.k = c.label + label_w;
  c.score = c.k + c.grid_w + gap;
  c.scaled = c.score + c.num_w + gap;
  c.bar = c.scaled + c.num_w + gap;
  c.value = c.bar + c.bar_w + gap;
  return c;
}

draw::HeatmapResult grid(float x, float y, float w, float row_h, const attn::Matrix& m, ImU32 hue) {
  draw::HeatmapStyle style;
  style.hue = hue;
  style.signed_values = true;
  style.numbers = false;
  style.column_labels = false;
  style.max_cell = row_h;
  const draw::Area area{ImVec2(x, y), ImVec2(x + w, y + row_h * static_cast<float>(m.rows()))};
  return draw::heatmap(area, "", m, {}, {}, style);
}

void right_text(float right, float y, float row_h, const std::string& s, ImU32 colour, ImFont* font) {
  const ImVec2 size = draw::text_size(font, s);
  draw::text(ImVec2(right - size.x, y + (row_h - size.y) * 0.5f), s, colour, font);
}

}  // namespace

int draw_formula_row(const FigureState& fig, draw::Area area, const std::string& part) {
  const Palette& p = palette();
  const attn::ExplainTrace& trace = *fig.trace;
  const FigureSettings& s = fig.settings;
  const attn::HeadTrace& head = trace.heads[s.head];
  const attn::AttentionTrace& at = head.attention;
  const std::vector<std::string> words = token_labels(trace);
  const int n = static_cast<int>(words.size()), q = s.selected;
  const bool hard = s.hard_argmax;
  const attn::RowVector weights = attn::row_weights(at, q, hard);
  const attn::Matrix weight_row = weights;
  const attn::Matrix parts = attn::weighted_values(weight_row, head.v, 0);
  const attn::Matrix output = hard ? attn::Matrix(attn::blend_values(weights, head.v)) : attn::Matrix(at.output.row(q));
  const float divisor = attn::attention_divisor(head.q.cols(), explain_options(s).attention);
  ImFont* small = fonts().small;
  const float line = draw::font_px(small) + 4.f;

  // Both lines wrap: on a phone the panel is about 350 px wide.
  area.take_top(draw::text_wrapped(area.min, std::string(hard ? "Hard argmax" : "Softmax") + " for " + draw::quote(words[q]) +
                                                 " (" + head.name + " head)",
                                   p.text, area.width(), fonts().bold) + 2.f);
  area.take_top(draw::text_wrapped(area.min,
                                   hard ? "All attention on one word: no \"mostly this, partly that\", and no gradient to learn from."
                                        : "A smooth blend: every word keeps a share, and learning can adjust it.",
                                   p.muted, area.width(), small) + 8.f);

  const float row_h = std::clamp((area.height() - line - 8.f) / static_cast<float>(n + 2), 2.f, 20.f);
  const bool labels = row_h >= draw::font_px(small) - 1.f;
  const Columns c = layout(area, words);
  const float y_q = area.min.y;
  const float y_head = y_q + row_h + 4.f;
  const float y_rows = y_head + line;
  const float y_end = y_rows + row_h * static_cast<float>(n);
  const float y_out = y_end + 4.f;

  // The query's q row sits above the keys it is compared with.
  // A long query word does not fit the label column: then just "q" (hovering
  // the row names the word).
  const std::string q_label = "q " + draw::quote(words[q]);
  right_text(c.k - 6.f, y_q, row_h, draw::text_size(small, q_label).x <= c.k - 6.f - c.label ? q_label : "q", p.query, small);
  const draw::HeatmapResult q_map = grid(c.k, y_q, c.grid_w, row_h, attn::Matrix(head.q.row(q)), p.query);
  const std::string divide = s.scale || s.temperature != 1.0 ? "\xC3\xB7 " + draw::fixed(divisor) : "\xC3\xB7 1 (off)";
  const char* heads[5] = {"k (keys)", "q\xC2\xB7k", "", hard ? "argmax" : "softmax", "weight \xC3\x97 v"};
  const float lefts[5] = {c.k, c.score, c.scaled, c.bar, c.value};
  for (int i = 0; i < 5; ++i)
    draw::text(ImVec2(lefts[i], y_head), i == 2 ? divide : heads[i], p.muted, small);

  const draw::HeatmapResult k_map = grid(c.k, y_rows, c.grid_w, row_h, head.k, p.key);
  const draw::HeatmapResult v_map = grid(c.value, y_rows, c.grid_w, row_h, parts, p.value);
  ImDrawList* list = ImGui::GetWindowDrawList();
  int hovered = -1, clicked = -1;
  for (int j = 0; j < n; ++j) {
    const float y = y_rows + row_h * static_cast<float>(j);
    const bool masked = at.masked.rows() > 0 && !std::isfinite(at.masked(q, j));
    if (labels) {
      right_text(c.k - 6.f, y, row_h, draw::fit(small, words[j], c.k - c.label - 8.f), j == q ? p.query : p.text, small);
      right_text(c.score + c.num_w, y, row_h, draw::fixed(at.scores(q, j), 1), p.text, small);
      right_text(c.scaled + c.num_w, y, row_h, masked ? "\xE2\x88\x92\xE2\x88\x9E" : draw::fixed(at.scaled(q, j), 2), p.text, small);
    }
    const float w = std::clamp(weights(j), 0.f, 1.f);
    const float pct_w = labels ? draw::text_size(small, "100%").x + 4.f : 0.f;
    const float bar_len = c.bar_w - pct_w;
    list->AddRectFilled(ImVec2(c.bar, y + row_h * 0.15f), ImVec2(c.bar + bar_len, y + row_h * 0.85f), p.panel, 2.f);
    if (w > 0.f)
      list->AddRectFilled(ImVec2(c.bar, y + row_h * 0.15f), ImVec2(c.bar + std::max(2.f, bar_len * w), y + row_h * 0.85f),
                          hard ? p.accent : p.key, 2.f);
    if (labels) right_text(c.bar + c.bar_w, y, row_h, draw::percent(w), p.text, small);
    const ImRect row_rect(ImVec2(c.label, y), ImVec2(c.value + c.grid_w, y + row_h));
    if (ImGui::IsWindowHovered() && row_rect.Contains(ImGui::GetIO().MousePos)) {
      hovered = j;
      if (ImGui::IsMouseClicked(0)) clicked = j;
    }
  }
  right_text(c.value - 6.f, y_out, row_h, "= output", p.accent, small);
  const draw::HeatmapResult out_map = grid(c.value, y_out, c.grid_w, row_h, output, p.accent);

  if (hovered >= 0) {
    const std::string key = draw::quote(words[hovered]);
    draw::tooltip("key " + key + ": q\xC2\xB7k = " + draw::fixed(at.scores(q, hovered)) + ", " + divide + " = " +
                  draw::fixed(at.scaled(q, hovered)) + ", weight " + draw::percent(weights(hovered)) + ".\nSo " +
                  draw::percent(weights(hovered)) + " of " + key + "'s value goes into " + draw::quote(words[q]) +
                  "'s output.\nClick to make " + key + " the query.");
  } else if (q_map.row >= 0) {
    draw::tooltip("q of " + draw::quote(words[q]) + ", dimension " + std::to_string(q_map.column) + ": " +
                  draw::fixed(head.q(q, q_map.column)));
  } else if (out_map.row >= 0) {
    draw::tooltip("output, dimension " + std::to_string(out_map.column) + ": " + draw::fixed(output(0, out_map.column)) +
                  "\nthe column above it, added up");
  }

  // Box the part of the formula the learner clicked.
  const float pad = 3.f;
  const float k_right = k_map.cells.Max.x + pad, v_right = v_map.cells.Max.x + pad;
  if (part == "q") draw::highlight_box(ImVec2(c.k - pad, y_q - pad), ImVec2(q_map.cells.Max.x + pad, y_q + row_h + pad), p.query);
  if (part == "k" || part == "kt") draw::highlight_box(ImVec2(c.k - pad, y_head - pad), ImVec2(k_right, y_end + pad), p.key);
  if (part == "kt") draw::highlight_box(ImVec2(c.score - pad, y_head - pad), ImVec2(c.score + c.num_w + pad, y_end + pad), p.key);
  if (part == "sqrt_dk") draw::highlight_box(ImVec2(c.scaled - pad, y_head - pad), ImVec2(c.scaled + c.num_w + pad, y_end + pad), p.accent);
  if (part == "softmax") draw::highlight_box(ImVec2(c.bar - pad, y_head - pad), ImVec2(c.bar + c.bar_w + pad, y_end + pad), p.accent);
  if (part == "v") draw::highlight_box(ImVec2(c.value - pad, y_head - pad), ImVec2(v_right, y_end + pad), p.value);
  if (part == "product") draw::highlight_box(ImVec2(c.value - pad, y_head - pad), ImVec2(v_right, y_out + row_h + pad), p.accent);
  return clicked;
}

}  // namespace lesson
