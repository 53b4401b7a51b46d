// Section 4, the conference analogy in three steps (analogy_step) on the
// running example: the pronoun broadcasts its query; every word's key is
// scored against it; the pronoun leaves with a blend of the values.
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

void draw_analogy(FigureState& fig) {
  const Palette& p = palette();
  const attn::ExplainTrace& trace = *fig.trace;
  const FigureSettings& s = fig.settings;
  const attn::HeadTrace& head = trace.heads[s.head];
  const std::vector<std::string> words = token_labels(trace);
  const std::string query = draw::quote(words[s.selected]);
  const int step = std::clamp(s.analogy_step, 1, 3);
  static constexpr const char* kTitles[3] = {"1. The query: what am I looking for?", "2. The keys: who matches?",
                                             "3. The values: what do I take away?"};
  draw::Area area = draw::figure_area();
  draw::title(area, kTitles[step - 1], step == 1   ? query + " broadcasts its query, like asking around a crowded room."
                                       : step == 2 ? "Each word's key (its name badge) is scored against " + query + "'s query."
                                                   : query + " listens to each word as much as it matched and leaves with a blend.");
  const attn::Matrix& weights = head.attention.weights;  // read, never recomputed
  std::vector<ImU32> fills;
  for (Eigen::Index j = 0; j < weights.cols(); ++j)
    fills.push_back(step == 1 ? p.chip : blend(p.chip, step == 2 ? p.key : p.value, std::sqrt(weights(s.selected, j)) * 0.85f));
  const draw::ChipResult chips = draw::token_chips(area, words, fills, s.selected, fonts().bold, 10.f);
  if (chips.clicked >= 0) select_from_canvas(chips.clicked);
  area.min.y = chips.bottom + 18.f;

  draw::HeatmapStyle style;
  style.signed_values = true;
  style.column_labels = false;
  style.numbers = true;
  if (step == 1) {
    style.hue = p.query;
    const attn::Matrix q = head.q.row(s.selected);
    // The two notes under the query get their room first (a 1-row map needs
    // far less than 90 px); a note that still does not fit is left out.
    const char* notes[2] = {"Q = X W_Q: a learned question, not the word itself.",
                            "Next, every word shows its name badge: its key, K = X W_K."};
    float notes_h = 10.f;
    for (const char* note : notes) notes_h += draw::wrapped_height(nullptr, note, area.width()) + 4.f;
    const float map_h = std::min(90.f, std::max(50.f, area.height() - notes_h));
    const draw::HeatmapResult map = draw::heatmap(area.take_top(map_h), "query of " + query, q, {words[s.selected]}, {}, style);
    if (map.row >= 0) draw::tooltip("q[" + std::to_string(map.column) + "] = " + draw::fixed(q(0, map.column)));
    area.take_top(10.f);
    for (const char* note : notes) {
      if (draw::wrapped_height(nullptr, note, area.width()) > area.height()) break;
      area.take_top(draw::text_wrapped(area.min, note, p.muted, area.width()) + 4.f);
    }
    return;
  }
  if (step == 2) {
    // The badges read: each word's score against the query, before softmax.
    const attn::Matrix scores = head.attention.scaled.row(s.selected).transpose();
    style.hue = p.key;
    style.max_cell = 26.f;
    area.take_top(draw::text_wrapped(area.min,
                                     "score = q \xC2\xB7 k / \xE2\x88\x9A" "d_k: high for a good match, low or negative for a poor one",
                                     p.muted, area.width(), fonts().small) + 6.f);
    draw::Area column = area;
    column.max.x = column.min.x + std::min(area.width(), 260.f);
    const draw::HeatmapResult map = draw::heatmap(column, "", scores, words, {}, style);
    if (map.row >= 0)
      draw::tooltip(draw::quote(words[map.row]) + "'s key against " + query + "'s query: " +
                    draw::fixed(scores(map.row, 0)) + " (" + draw::percent(weights(s.selected, map.row)) +
                    " after softmax)");
    if (map.clicked_row >= 0) select_from_canvas(map.clicked_row);
    return;
  }
  // Step 3: listen to each word as much as it matched, and add up what you heard.
  std::vector<float> row;
  for (Eigen::Index j = 0; j < weights.cols(); ++j) row.push_back(weights(s.selected, j));
  // The weight is the one measure quoted for "how much comes from" a word,
  // here and in the walkthrough's step 7.
  area.take_top(draw::text_wrapped(area.min, row_claim(attn::analogy_facts(trace, s.head, s.selected)), p.text,
                                   area.width(), fonts().bold) + 6.f);
  const draw::BarResult bars =
      draw::bar_rows(area.take_top(std::min(area.height() * 0.6f, 24.f * row.size())), words, row, p.value, s.selected);
  if (bars.hovered >= 0)
    draw::tooltip(draw::percent(row[bars.hovered]) + " of " + query + "'s attention goes to " +
                  draw::quote(words[bars.hovered]) + ", so its value counts that much in the blend.");
  if (bars.clicked >= 0) select_from_canvas(bars.clicked);
  area.take_top(10.f);
  style.hue = p.value;
  const attn::Matrix out = head.attention.output.row(s.selected);
  const draw::HeatmapResult map = draw::heatmap(area.take_top(70.f), "new vector of " + query, out, {words[s.selected]}, {}, style);
  if (map.row >= 0) draw::tooltip("output[" + std::to_string(map.column) + "] = " + draw::fixed(out(0, map.column)));
}

std::vector<NamedMatrix> analogy_matrices(FigureState& fig) {
  const attn::HeadTrace& head = fig.trace->heads[fig.settings.head];
  const std::vector<std::string> words = token_labels(*fig.trace);
  return {{"q (" + head.name + ")", words, {}, head.q},
          {"weights (" + head.name + ")", words, words, head.attention.weights},
          {"v (" + head.name + ")", words, {}, head.v},
          {"output (" + head.name + ")", words, {}, head.attention.output}};
}

}  // namespace lesson
