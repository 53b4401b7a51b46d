// Section 2, why attention exists: an RNN chain against one attention hop
// between two words rnn_distance apart, with how much of the first word's
// influence survives the chain (a real RNN, core/rnn.h), and the cost of both
// as the sentence grows (core/cost_model.h).
#include <algorithm>
#include <cmath>

#include "core/figure_math.h"
#include "web/draw.h"
#include "web/figure_facts.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace lesson {
namespace {

// Laid out from the bottom up, so nothing overprints on a short phone canvas:
// the RNN's line (wrapped), the words under the nodes, the nodes, and the
// attention arc in whatever height is left under its label.
void chain(const FigureState& fig, const std::vector<float>& relative, draw::Area area) {
  const Palette& p = palette();
  ImFont* small = fonts().small;
  const std::vector<std::string> words = token_labels(*fig.trace);
  const int distance = rnn_distance(fig);
  const int nodes = distance + 1;
  const float step = area.width() / nodes;
  const std::string rnn_line = "RNN: " + std::to_string(distance) + " steps, each squeezing everything into one state vector";
  const float rnn_h = draw::wrapped_height(small, rnn_line, area.width());
  draw::text_wrapped(ImVec2(area.min.x, area.max.y - rnn_h), rnn_line, p.muted, area.width(), small);
  const float label_y = area.max.y - rnn_h - 6.f - draw::font_px(small);
  const float arc_label_h = draw::font_px(small) + 4.f;
  // The nodes sit just above their words, shrinking on a short canvas so the
  // arc keeps at least 12 px above them.
  const float r = std::clamp(std::min(step * 0.28f, (label_y - 4.f - area.min.y - arc_label_h - 12.f) * 0.5f), 5.f, 16.f);
  const float y = label_y - 4.f - r;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 first(area.min.x + step * 0.5f, y), last(area.min.x + step * (nodes - 0.5f), y);
  // Attention: one direct hop from the last word back to the first. A cubic
  // arc peaks at three quarters of its lift, which must stay under the label.
  const float room = (y - r) - (area.min.y + arc_label_h);
  draw::arc(last - ImVec2(0, r), first - ImVec2(0, r + 2.f), std::min(room / 0.75f, 30.f + step * nodes * 0.1f), p.key, 3.f);
  draw::text_centered(ImVec2((first.x + last.x) * 0.5f, area.min.y + draw::font_px(small) * 0.5f), "attention: 1 step",
                      p.key, small);
  for (int t = 0; t < nodes; ++t) {
    const ImVec2 c(area.min.x + step * (t + 0.5f), y);
    if (t + 1 < nodes) list->AddLine(c + ImVec2(r, 0), c + ImVec2(step - r - 4.f, 0), p.muted, 1.5f);
    if (t + 1 < nodes) list->AddTriangleFilled(c + ImVec2(step - r - 1.f, 0), c + ImVec2(step - r - 7.f, -4.f),
                                               c + ImVec2(step - r - 7.f, 4.f), p.muted);
    // How much of the first word's influence is still in the state here.
    const float share = t < static_cast<int>(relative.size()) ? relative[t] : 0.f;
    list->AddCircleFilled(c, r, blend(p.panel, p.query, std::clamp(share, 0.f, 1.f)));
    list->AddCircle(c, r, p.muted);
    const std::string label = draw::fit(small, words[t], step - 2.f);
    draw::text_centered(ImVec2(c.x, y + r + 4.f + draw::font_px(small) * 0.5f), label,
                        t == 0 || t == distance ? p.text : p.muted, small);
    if (ImGui::IsWindowHovered() && ImLengthSqr(ImGui::GetIO().MousePos - c) < (r + 3.f) * (r + 3.f))
      draw::tooltip(draw::quote(words[t]) + ": after " + std::to_string(t) + (t == 1 ? " step" : " steps") +
                    ", the RNN state still holds " +
                    draw::percent(share) + " of " + draw::quote(words[0]) + "'s influence after its first step.");
  }
}

}  // namespace

void draw_rnn(FigureState& fig) {
  const Palette& p = palette();
  const attn::ExplainTrace& trace = *fig.trace;
  draw::Area area = draw::figure_area();
  if (trace.tokens.size() < 2) {
    draw::title(area, "RNN against attention", "The comparison needs at least two words.");
    return;
  }
  const int distance = rnn_distance(fig);
  const attn::FirstInputInfluence& influence = rnn_influence(fig);
  const float kept = distance < static_cast<int>(influence.relative.size()) ? influence.relative[distance] : 0.f;
  draw::title(area, "From " + draw::quote(trace.tokens[0].text) + " to " + draw::quote(trace.tokens[distance].text),
              "The RNN keeps " + draw::percent(kept) + " of the signal after " + std::to_string(distance) +
                  " steps; attention connects them in 1.");
  // At least the height the chain needs with small nodes (its two lines, the
  // arc, the words); the plot below takes the rest.
  const float chain_least = 4.f * draw::font_px(fonts().small) + 36.f;
  chain(fig, influence.relative, area.take_top(std::max(chain_least, std::min(150.f, area.height() * 0.4f))));
  area.take_top(8.f);

  // Cost against length, from the core's operation counts.
  const attn::CostCurve curve =
      attn::cost_curve(kCostPlotLength, 16, trace.d_model, static_cast<std::int64_t>(trace.heads.size()));
  std::vector<double> xs;
  draw::Series attention{"attention: every word against every word (n\xC2\xB2)", {}, p.key};
  draw::Series rnn{"RNN: one step per word (n), but one after another", {}, p.query};
  for (std::size_t i = 0; i < curve.lengths.size(); ++i) {
    xs.push_back(static_cast<double>(curve.lengths[i]));
    attention.ys.push_back(static_cast<double>(curve.attention_ops[i]) / 1e6);  // shown in millions
    rnn.ys.push_back(static_cast<double>(curve.rnn_ops[i]) / 1e6);
  }
  const int hovered = draw::line_plot(area, xs, {attention, rnn}, "sentence length n (tokens)", "millions of operations");
  if (hovered >= 0)
    draw::tooltip("n = " + std::to_string(curve.lengths[hovered]) + ": attention " +
                  draw::fixed(static_cast<float>(attention.ys[hovered]), 1) + "M, RNN " +
                  draw::fixed(static_cast<float>(rnn.ys[hovered]), 1) + "M operations\n(but the RNN's " +
                  std::to_string(curve.lengths[hovered]) + " steps must run one after another)");
}

std::vector<NamedMatrix> rnn_matrices(FigureState& fig) {
  if (fig.trace->tokens.size() < 2) return {};
  const attn::FirstInputInfluence& influence = rnn_influence(fig);
  attn::Matrix kept(1, static_cast<Eigen::Index>(influence.relative.size()));
  std::vector<std::string> steps;
  for (std::size_t t = 0; t < influence.relative.size(); ++t) {
    kept(0, static_cast<Eigen::Index>(t)) = influence.relative[t];
    steps.push_back(std::to_string(t));
  }
  return {{"rnn influence of the first word by steps", {"relative"}, steps, kept}};
}

}  // namespace lesson
