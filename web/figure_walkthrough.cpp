// Section 5, the walkthrough: the same trace shown one stage at a time, in
// eight steps (tokens, embeddings, projections, raw scores, scaling, softmax,
// output, multiple heads), with the real matrices, their shapes, and hover
// breakdowns. Every number drawn is read from the trace.
#include <algorithm>
#include <cmath>

#include "core/facts.h"
#include "core/figure_math.h"
#include "web/commands.h"
#include "web/draw.h"
#include "web/row_claim.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace lesson {
namespace {

constexpr const char* kStepNames[8] = {"Tokens", "Embeddings", "Projections", "Raw scores",
                                       "Scaling", "Softmax", "Output", "Multiple heads"};

struct View {
  FigureState& fig;
  const attn::ExplainTrace& trace;
  const attn::HeadTrace& head;
  std::vector<std::string> words;
  int selected;
  int clicked = -1;  // a word the learner picked this frame
};

std::string times() { return " \xC3\x97 "; }
std::string row_of(const View& v, int i) { return draw::quote(v.words[i]); }

// A small row of chips to pick the query word, on every step but the first.
void query_chips(View& v, draw::Area& area) {
  std::vector<ImU32> fills(v.words.size(), palette().chip);
  const draw::ChipResult chips = draw::token_chips(area, v.words, fills, v.selected, fonts().small, 5.f);
  if (chips.clicked >= 0) v.clicked = chips.clicked;
  if (chips.hovered >= 0) draw::tooltip("Click to follow " + row_of(v, chips.hovered) + " as the query word.");
  area.min.y = chips.bottom + 10.f;
}

void step_tokens(View& v, draw::Area& area) {
  const Palette& p = palette();
  std::vector<ImU32> fills;
  for (const auto& token : v.trace.tokens) fills.push_back(token.known ? p.chip : p.panel);
  // Rows of chips leave room for the index written under each chip.
  const draw::ChipResult chips = draw::token_chips(area, v.words, fills, v.selected, fonts().bold, 12.f, 24.f);
  int unknown = 0;
  for (std::size_t i = 0; i < chips.rects.size(); ++i) {
    const ImRect& r = chips.rects[i];
    draw::text_centered(ImVec2((r.Min.x + r.Max.x) * 0.5f, r.Max.y + 9.f), std::to_string(i), p.muted, fonts().small);
    if (!v.trace.tokens[i].known) {
      ++unknown;
      ImGui::GetWindowDrawList()->AddRect(r.Min, r.Max, p.muted, 6.f, 0, 1.f);
      draw::text(ImVec2(r.Max.x - 7.f, r.Min.y - 8.f), "?", p.muted, fonts().small);
    }
  }
  if (chips.clicked >= 0) v.clicked = chips.clicked;
  if (chips.hovered >= 0)
    draw::tooltip("Token " + std::to_string(chips.hovered) + ": " + row_of(v, chips.hovered) +
                  (v.trace.tokens[chips.hovered].known ? "" : "\nThe demo model does not know this word: its embedding is a fixed hash, so it carries no meaning."));
  float y = chips.bottom + 30.f;
  const float width = area.width();
  y += draw::text_wrapped(ImVec2(area.min.x, y),
                          std::to_string(v.words.size()) + " tokens: words and punctuation marks.", p.text, width) + 8.f;
  if (unknown > 0) {
    y += draw::text_wrapped(ImVec2(area.min.x, y),
                            std::to_string(unknown) + " marked ? are not in the demo model's vocabulary.", p.muted,
                            width) + 8.f;
  }
  y += draw::text_wrapped(ImVec2(area.min.x, y), "Real models split rarer words into pieces (sub-words):", p.muted,
                          width) + 6.f;
  draw::Area pieces{ImVec2(area.min.x, y), ImVec2(area.max.x, y + 40.f)};
  draw::token_chips(pieces, {"un", "happi", "ly"}, {p.panel, p.panel, p.panel}, -1, fonts().body, 3.f);
}

void step_embeddings(View& v, draw::Area& area) {
  // Rotary rotates Q and K instead of adding to x, so only these two add a position row.
  const std::string& positional = v.fig.settings.positional;
  const bool has_positions = positional == "sinusoidal" || positional == "learned";
  draw::HeatmapStyle style;
  style.hue = palette().accent;
  style.signed_values = true;
  style.highlight_row = v.selected;
  style.column_labels = false;
  draw::Area top = area;
  if (has_positions) top = area.take_top(area.height() * 0.5f);
  const draw::HeatmapResult map =
      draw::heatmap(top, "Embeddings", v.trace.embeddings, v.words, v.trace.feature_names, style);
  if (map.row >= 0) {
    const std::string feature = map.column < static_cast<int>(v.trace.feature_names.size())
                                    ? v.trace.feature_names[map.column] : "dimension " + std::to_string(map.column);
    draw::tooltip(row_of(v, map.row) + ", " + feature + ": " + draw::fixed(v.trace.embeddings(map.row, map.column)) +
                  "\nEach column is one named feature of the demo model's word vectors.");
  }
  if (map.clicked_row >= 0) v.clicked = map.clicked_row;
  if (has_positions) {
    area.take_top(8.f);
    const draw::HeatmapResult x = draw::heatmap(area, "x = embeddings + positions", v.trace.x, v.words, {}, style);
    if (x.row >= 0)
      draw::tooltip("x[" + row_of(v, x.row) + ", " + std::to_string(x.column) + "] = " +
                    draw::fixed(v.trace.embeddings(x.row, x.column)) + " + " +
                    draw::fixed(v.trace.positions(x.row, x.column)) + " = " + draw::fixed(v.trace.x(x.row, x.column)) +
                    "\nThe position signal tells the model where each word stands.");
    if (x.clicked_row >= 0) v.clicked = x.clicked_row;
  }
}

void step_projections(View& v, draw::Area& area) {
  const Palette& p = palette();
  const long n = static_cast<long>(v.words.size()), d = v.trace.d_model, dk = v.trace.d_k;
  area.take_top(draw::text_wrapped(area.min, "X (" + draw::shape(n, d) + ")" + times() + "W (" + draw::shape(d, dk) +
                                                 ") = " + draw::shape(n, dk) + " for each of Q, K, V",
                                   p.muted, area.width(), fonts().small) + 8.f);
  // Only Q's map names the rows, so its column is wider by their labels
  // (at most a fifth of the width): on a phone the words then stay whole.
  float label_w = 0.f;
  for (const std::string& word : v.words) label_w = std::max(label_w, draw::text_size(fonts().small, word).x + 6.f);
  label_w = std::min(label_w, area.width() * 0.2f);
  const float w = (area.width() - 24.f - label_w) / 3.f;
  const attn::Matrix* mats[3] = {&v.head.q, &v.head.k, &v.head.v};
  const char* names[3] = {"Q = X W_Q", "K = X W_K", "V = X W_V"};
  const ImU32 hues[3] = {p.query, p.key, p.value};
  const char* roles[3] = {"what this word is looking for", "how this word labels itself",
                          "what this word hands over"};
  for (int m = 0; m < 3; ++m) {
    const float left = area.min.x + (m == 0 ? 0.f : label_w + m * (w + 12.f));
    draw::Area column{ImVec2(left, area.min.y), ImVec2(area.min.x + label_w + m * (w + 12.f) + w, area.max.y)};
    draw::HeatmapStyle style;
    style.hue = hues[m];
    style.signed_values = true;
    style.highlight_row = v.selected;
    style.column_labels = false;
    style.numbers = false;
    style.label_share = m == 0 ? (label_w + 0.5f) / column.width() : 0.f;
    const draw::HeatmapResult map = draw::heatmap(column, names[m], *mats[m], m == 0 ? v.words : std::vector<std::string>{}, {}, style);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(column.min.x, column.min.y + 20.f), ImVec2(column.min.x + 30.f, column.min.y + 20.f), hues[m], 3.f);
    if (map.row >= 0)
      draw::tooltip(std::string(names[m]).substr(0, 1) + "[" + row_of(v, map.row) + ", " + std::to_string(map.column) +
                    "] = " + draw::fixed((*mats[m])(map.row, map.column)) + "\nRow " + row_of(v, map.row) +
                    " of X times column " + std::to_string(map.column) + " of its W.\n" + names[m][0] + ": " + roles[m] + ".");
    if (map.clicked_row >= 0) v.clicked = map.clicked_row;
  }
}

// The dot product behind one score, term by term, as the core writes it out.
std::string dot_product_tooltip(const View& v, int i, int j) {
  const attn::DotProductTerms terms = attn::dot_product_terms(v.head.q.row(i), v.head.k.row(j));
  std::string text;
  int shown = 0;
  for (std::size_t t = 0; t < terms.products.size(); ++t) {
    if (std::fabs(terms.products[t]) < 0.005f) continue;  // too small to matter at 2 decimals
    text += std::string(shown ? " + " : "") + draw::fixed(terms.q[t]) + "\xC3\x97" + draw::fixed(terms.k[t]);
    if (++shown % 4 == 0) text += "\n";
  }
  if (shown == 0) text = "every term is about 0";
  return "q" + row_of(v, i) + " \xC2\xB7 k" + row_of(v, j) + " = " + "\n" + text + "\n= " + draw::fixed(terms.sum) +
         "  (terms under 0.005 left out)";
}

void step_scores(View& v, draw::Area& area) {
  draw::HeatmapStyle style;
  style.hue = palette().accent;
  style.signed_values = true;
  style.highlight_row = v.selected;
  style.digits = 1;
  const draw::HeatmapResult map = draw::heatmap(area, "Scores = Q K\xE1\xB5\x80", v.head.attention.scores, v.words, v.words, style);
  if (map.row >= 0) draw::tooltip(dot_product_tooltip(v, map.row, map.column));
  if (map.clicked_row >= 0) v.clicked = map.clicked_row;
}

void step_scaling(View& v, draw::Area& area) {
  const Palette& p = palette();
  const float sqrt_dk = attn::attention_divisor(v.trace.d_k, attn::AttentionOptions{});
  const bool scaled = v.fig.settings.scale;
  const std::string divide = scaled ? "\xC3\xB7 \xE2\x88\x9A" "d_k = \xC3\xB7 " + draw::fixed(sqrt_dk, 2) : "scaling is off";
  const float temperature = static_cast<float>(v.fig.settings.temperature);
  area.take_top(draw::text_wrapped(area.min, divide + (temperature != 1.f ? "  and \xC3\xB7 temperature " + draw::fixed(temperature) : ""),
                                   p.text, area.width(), fonts().bold) + 8.f);
  // "Before" names the rows for both maps, so it is wider by their labels
  // (at most a fifth of the width) and the two grids get the same cells.
  float label_w = 0.f;
  for (const std::string& word : v.words) label_w = std::max(label_w, draw::text_size(fonts().small, word).x + 6.f);
  label_w = std::min(label_w, area.width() * 0.2f);
  draw::Area left = area.take_left((area.width() - 12.f - label_w) * 0.5f + label_w);
  area.take_left(12.f);
  draw::HeatmapStyle style;
  style.hue = p.accent;
  style.signed_values = true;
  style.highlight_row = v.selected;
  style.digits = 1;
  // Both on the scale of the raw scores, so the shrink is visible.
  style.scale_max = v.head.attention.scores.cwiseAbs().maxCoeff();
  style.label_share = (label_w + 0.5f) / left.width();
  const draw::HeatmapResult before = draw::heatmap(left, "Before", v.head.attention.scores, v.words, v.words, style);
  const draw::HeatmapResult after = draw::heatmap(area, "After", v.head.attention.scaled, {}, v.words, style);
  for (const draw::HeatmapResult* map : {&before, &after}) {
    if (map->row < 0) continue;
    draw::tooltip(row_of(v, map->row) + " \xE2\x86\x92 " + row_of(v, map->column) + ": " +
                  draw::fixed(v.head.attention.scores(map->row, map->column)) + " before, " +
                  draw::fixed(v.head.attention.scaled(map->row, map->column)) + " after.\n"
                  "Long vectors give large dot products; dividing keeps softmax from snapping to one word.");
  }
  if (before.clicked_row >= 0) v.clicked = before.clicked_row;
  if (after.clicked_row >= 0) v.clicked = after.clicked_row;
}

// The selected row's claim under the lesson's rule, above steps 6 and 7.
void claim_line(View& v, draw::Area& area) {
  const std::string claim = row_claim(attn::walkthrough_facts(v.trace, v.fig.settings.head, v.selected));
  area.take_top(draw::text_wrapped(area.min, claim, palette().text, area.width(), fonts().bold) + 6.f);
}

void step_softmax(View& v, draw::Area& area) {
  const Palette& p = palette();
  claim_line(v, area);
  const attn::Matrix& weights = v.head.attention.weights;
  const attn::Vector row_totals = attn::row_sums(weights);
  draw::Area sums = area;
  sums.min.x = area.max.x - 60.f;
  area.max.x -= 66.f;
  draw::HeatmapStyle style;
  style.hue = p.key;
  style.probabilities = true;
  style.highlight_row = v.selected;
  const draw::HeatmapResult map = draw::heatmap(area, "Weights = softmax(rows)", weights, v.words, v.words, style);
  // The row sums, so the learner sees every row add up to 1.
  draw::text(ImVec2(sums.min.x, map.cells.Min.y - draw::font_px(fonts().small) - 4.f), "row sum", p.muted, fonts().small);
  for (Eigen::Index r = 0; r < weights.rows() && map.cell >= 10.f; ++r) {
    const float y = map.cells.Min.y + (r + 0.5f) * map.cell;
    draw::text(ImVec2(sums.min.x, y - draw::font_px(fonts().small) * 0.5f), "= " + draw::fixed(row_totals(r)),
               r == v.selected ? p.query : p.text, fonts().small);
  }
  if (map.row >= 0)
    draw::tooltip(row_of(v, map.row) + " gives " + draw::percent(weights(map.row, map.column)) + " of its attention to " +
                  row_of(v, map.column) + ".\nsoftmax: e^score / (sum of e^score over the row)");
  if (map.clicked_row >= 0) v.clicked = map.clicked_row;
}

void step_output(View& v, draw::Area& area) {
  const Palette& p = palette();
  claim_line(v, area);
  const attn::Matrix& weights = v.head.attention.weights;
  area.take_top(draw::text_wrapped(area.min, "output of " + row_of(v, v.selected) + " = \xCE\xA3 weight \xC3\x97 value",
                                   p.text, area.width(), fonts().bold) + 10.f);
  std::vector<std::string> labels;
  for (std::size_t j = 0; j < v.words.size(); ++j)
    labels.push_back(draw::percent(weights(v.selected, j)) + " \xC3\x97 " + v.words[j]);
  draw::Area bottom = area;
  bottom.min.y = area.max.y - std::min(90.f, area.height() * 0.3f);
  area.max.y = bottom.min.y - 10.f;
  draw::HeatmapStyle style;
  style.hue = p.value;
  style.signed_values = true;
  style.numbers = false;
  style.column_labels = false;
  // Each row is one word's share, weight times value: small weights give pale
  // rows, and the rows add up, column by column, to the output below.
  const attn::Matrix parts = attn::weighted_values(weights, v.head.v, v.selected);
  const draw::HeatmapResult values =
      draw::heatmap(area, "weight \xC3\x97 value, one row per word", parts, labels, {}, style);
  if (values.row >= 0)
    draw::tooltip(row_of(v, values.row) + "'s value, times " + draw::percent(weights(v.selected, values.row)) +
                  ": its share of " + row_of(v, v.selected) + "'s output.\nDimension " + std::to_string(values.column) +
                  ": " + draw::fixed(v.head.v(values.row, values.column)) + " \xC3\x97 " +
                  draw::fixed(weights(v.selected, values.row)) + " = " + draw::fixed(parts(values.row, values.column)));
  const attn::Matrix output = v.head.attention.output.row(v.selected);
  style.numbers = true;
  const draw::HeatmapResult out = draw::heatmap(bottom, "output (1 \xC3\x97 d_k)", output, {v.words[v.selected]}, {}, style);
  if (out.row >= 0)
    draw::tooltip("output[" + std::to_string(out.column) + "] = " + draw::fixed(output(0, out.column)) +
                  ": column " + std::to_string(out.column) + " of the rows above, added up.");
}

void step_heads(View& v, draw::Area& area) {
  const Palette& p = palette();
  const int h = static_cast<int>(v.trace.heads.size());
  draw::Area top = area.take_top(area.height() * 0.55f);
  const float w = (top.width() - 10.f * (h - 1)) / h;
  for (int i = 0; i < h; ++i) {
    draw::Area cell{ImVec2(top.min.x + i * (w + 10.f), top.min.y), ImVec2(top.min.x + i * (w + 10.f) + w, top.max.y)};
    draw::HeatmapStyle style;
    style.hue = p.key;
    style.probabilities = true;
    style.highlight_row = v.selected;
    style.numbers = false;
    style.column_labels = false;
    const attn::HeadTrace& head = v.trace.heads[i];
    const draw::HeatmapResult map =
        draw::heatmap(cell, head.name, head.attention.weights, i == 0 ? v.words : std::vector<std::string>{}, {}, style);
    if (map.row >= 0)
      draw::tooltip(head.name + ": " + row_of(v, map.row) + " \xE2\x86\x92 " + row_of(v, map.column) + " " +
                    draw::percent(head.attention.weights(map.row, map.column)));
    if (map.clicked_row >= 0) v.clicked = map.clicked_row;
  }
  area.take_top(10.f);
  const long n = static_cast<long>(v.words.size());
  area.take_top(draw::text_wrapped(area.min, "concat (" + draw::shape(n, v.trace.concat.cols()) + ")" + times() + "W_O (" +
                                                 draw::shape(v.trace.w_o.rows(), v.trace.w_o.cols()) + ") = output (" +
                                                 draw::shape(n, v.trace.output.cols()) + ")",
                                   p.text, area.width(), fonts().small) + 6.f);
  draw::Area left = area.take_left(area.width() * 0.5f - 6.f);
  area.take_left(12.f);
  draw::HeatmapStyle style;
  style.hue = p.value;
  style.signed_values = true;
  style.numbers = false;
  style.column_labels = false;
  style.highlight_row = v.selected;
  const draw::HeatmapResult concat = draw::heatmap(left, "concat", v.trace.concat, v.words, {}, style);
  // Mark where each head's d_k columns sit in the concatenation.
  for (int i = 1; i < h && concat.cell > 0.f; ++i) {
    const float x = concat.cells.Min.x + i * v.trace.d_k * concat.cell_width;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, concat.cells.Min.y), ImVec2(x, concat.cells.Max.y), p.text, 1.5f);
  }
  if (concat.row >= 0)
    draw::tooltip("column " + std::to_string(concat.column) + " comes from head " +
                  v.trace.heads[concat.column / std::max(1, v.trace.d_k)].name);
  style.hue = p.accent;
  const draw::HeatmapResult out = draw::heatmap(area, "output", v.trace.output, {}, {}, style);
  if (out.row >= 0)
    draw::tooltip(row_of(v, out.row) + ", dimension " + std::to_string(out.column) + ": " +
                  draw::fixed(v.trace.output(out.row, out.column)) + "\nW_O mixes the heads' outputs back to d_model.");
}

// Steps 6 to 8 before the learner's guess (setting hide_weights): the query
// chips stay, the weights and everything made from them wait for the text.
void step_hidden(View& v, draw::Area& area) {
  const Palette& p = palette();
  float y = area.min.y + 8.f;
  y += draw::text_wrapped(ImVec2(area.min.x, y), "Which word will " + row_of(v, v.selected) +
                          " give the largest weight?", p.text, area.width(), fonts().bold) + 6.f;
  draw::text_wrapped(ImVec2(area.min.x, y),
                     "Make your guess in the text: the weights appear here once you check it "
                     "or ask for the answer.", p.muted, area.width());
}

}  // namespace

void draw_walkthrough(FigureState& fig) {
  const attn::ExplainTrace& trace = *fig.trace;
  View v{fig, trace, trace.heads[fig.settings.head], token_labels(trace), fig.settings.selected};
  const int step = std::clamp(fig.settings.step, 1, 8);
  draw::Area area = draw::figure_area();
  const std::string shapes = "n = " + std::to_string(v.words.size()) + ", d_model = " + std::to_string(trace.d_model) +
                             ", d_k = " + std::to_string(trace.d_k) + ", head: " + v.head.name;
  draw::title(area, "Step " + std::to_string(step) + " of 8: " + kStepNames[step - 1], shapes);
  if (step != 1) query_chips(v, area);
  if (step >= 6 && fig.settings.hide_weights) step_hidden(v, area);
  else switch (step) {
    case 1: step_tokens(v, area); break;
    case 2: step_embeddings(v, area); break;
    case 3: step_projections(v, area); break;
    case 4: step_scores(v, area); break;
    case 5: step_scaling(v, area); break;
    case 6: step_softmax(v, area); break;
    case 7: step_output(v, area); break;
    default: step_heads(v, area); break;
  }
  if (v.clicked >= 0) select_from_canvas(v.clicked);
}

std::vector<NamedMatrix> walkthrough_matrices(FigureState& fig) {
  const attn::ExplainTrace& trace = *fig.trace;
  const std::vector<std::string> words = token_labels(trace);
  const attn::HeadTrace& head = trace.heads[fig.settings.head];
  std::vector<std::string> dims;
  for (int i = 0; i < trace.d_k; ++i) dims.push_back(std::to_string(i));
  std::vector<NamedMatrix> out = {
      {"embeddings", words, trace.feature_names, trace.embeddings},
      {"x", words, trace.feature_names, trace.x},
      {"q (" + head.name + ")", words, dims, head.q},
      {"k (" + head.name + ")", words, dims, head.k},
      {"v (" + head.name + ")", words, dims, head.v},
      {"scores (" + head.name + ")", words, words, head.attention.scores},
      {"scaled (" + head.name + ")", words, words, head.attention.scaled},
      {"weights (" + head.name + ")", words, words, head.attention.weights},
      {"output (" + head.name + ")", words, dims, head.attention.output},
      {"concat", words, {}, trace.concat},
      {"output", words, {}, trace.output}};
  return out;
}

}  // namespace lesson
