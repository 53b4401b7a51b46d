// The production figure's block diagram for the selected word: each head's
// output side by side, their concatenation, times W_O, the residual and
// layer norm, the feed-forward network and its residual, one row per stage
// with the residual paths drawn as skips on the right. The block is post-norm,
// as core/transformer_block computes it, and a note under it says so. Every
// cell is a number from the trace or core/transformer_block; hovering shows it.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "web/figure_production.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace lesson {
namespace {

struct Stage {
  std::string name;   // the row's label, with its shape
  attn::Matrix row;   // 1 x width
  ImU32 hue;
  std::string why;    // the tooltip's explanation
};

std::string times() { return " \xC3\x97 "; }

}  // namespace

void draw_production_block(const FigureState& fig, draw::Area area) {
  const Palette& p = palette();
  const attn::ExplainTrace& trace = *fig.trace;
  const int s = fig.settings.selected;
  const int h = static_cast<int>(trace.heads.size());
  const long d = trace.d_model, dk = trace.d_k, width = static_cast<long>(trace.concat.cols());
  const attn::TransformerBlockTrace& b = production_block(fig);
  ImFont* small = fonts().small;
  area.take_top(draw::text_wrapped(area.min, "One block for " + draw::quote(trace.tokens[s].text) + ": " +
                                                 std::to_string(h) + " heads of d_k = " + std::to_string(dk) +
                                                 ", concatenated to " + std::to_string(width) + ", then W_O",
                                   p.text, area.width(), fonts().bold) + 6.f);

  const std::vector<Stage> stages = {
      {"x  (1" + times() + std::to_string(d) + ")", trace.x.row(s), p.accent, "the word's vector: embedding + position"},
      {"", attn::Matrix(), p.key, ""},  // the heads, drawn separately
      {"concat  (1" + times() + std::to_string(width) + ")", trace.concat.row(s), p.key,
       "the heads' outputs laid end to end: " + std::to_string(h) + times() + std::to_string(dk) + " = " +
           std::to_string(width)},
      {times() + "W_O (" + draw::shape(width, d) + ")", trace.output.row(s), p.key,
       "MultiHead(x): one fixed W_O, the same for every word, mixes the heads' outputs\n(each head writes through "
       "its own " + std::to_string(dk) + " rows of W_O, and the results add up)"},
      {"a = LN(x + MultiHead)", b.attention_normed.row(s), p.accent,
       "residual: the input passes straight through and attention adds to it; then layer norm rescales the "
       "word's vector to mean 0, variance 1 (post-norm: after the addition)"},
      {"FFN(a), per word", b.ffn_output.row(s), p.value,
       "the feed-forward network, the same for each word on its own; its hidden layer is 4" + times() +
           std::to_string(d) + " wide, with seeded weights, not trained"},
      {"LN(a + FFN(a))", b.output.row(s), p.accent,
       "residual around the feed-forward network, then layer norm: the block's output, the next block's input"}};
  // The placement, in words, under the diagram, when there is room for it as
  // well as for one readable line per stage; the stage labels show it as formulas.
  const std::string note = "LN = layer norm, after each residual addition: post-norm, as in the 2017 paper";
  const float note_text_h = draw::wrapped_height(small, note, area.width());
  const float note_h = note_text_h + 6.f;
  const float line_min = draw::font_px(small) + 3.f;
  if (area.height() - note_h >= line_min * static_cast<float>(stages.size())) {
    draw::text_wrapped(ImVec2(area.min.x, area.max.y - note_text_h), note, p.muted, area.width(), small);
    area.max.y -= note_h;
  }
  const float row_h = std::clamp(area.height() / static_cast<float>(stages.size()), 12.f, 34.f);
  // Wide enough for "a = LN(x + MultiHead)" in full on a phone.
  const float label_w = std::min(190.f, area.width() * 0.42f);
  const float skip_w = 26.f;  // room on the right for the residual paths
  ImDrawList* list = ImGui::GetWindowDrawList();
  std::vector<float> mid_y;
  std::string tip;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    draw::Area line = area.take_top(row_h);
    mid_y.push_back((line.min.y + line.max.y) * 0.5f - 2.f);
    draw::Area label = line.take_left(label_w);
    line.max.x -= skip_w;
    const float text_y = label.min.y + (row_h - 4.f - draw::font_px(small)) * 0.5f;
    draw::HeatmapStyle style;
    style.signed_values = true;
    style.numbers = false;
    style.column_labels = false;
    style.max_cell = row_h - 4.f;
    if (i == 1) {  // each head's output, side by side, named under
      draw::text(ImVec2(label.min.x, text_y), draw::fit(small, std::to_string(h) + " heads, each 1" + times() +
                                                                   std::to_string(dk), label_w - 6.f), p.text, small);
      const float slot = line.width() / static_cast<float>(h);
      for (int k = 0; k < h; ++k) {
        const attn::HeadTrace& head = trace.heads[k];
        draw::Area cell{ImVec2(line.min.x + k * slot, line.min.y), ImVec2(line.min.x + (k + 1) * slot - 6.f, line.max.y - 4.f)};
        style.hue = p.key;
        const attn::Matrix out = head.attention.output.row(s);
        const draw::HeatmapResult map = draw::heatmap(cell, "", out, {}, {}, style);
        if (map.row >= 0)
          tip = head.name + " head, dimension " + std::to_string(map.column) + ": " + draw::fixed(out(0, map.column)) +
                "\nwhat this head gathered for " + draw::quote(trace.tokens[s].text);
      }
      continue;
    }
    draw::text(ImVec2(label.min.x, text_y), draw::fit(small, stages[i].name, label_w - 6.f), p.text, small);
    style.hue = stages[i].hue;
    const draw::HeatmapResult map = draw::heatmap(line, "", stages[i].row, {}, {}, style);
    if (i == 2)  // mark where each head's columns sit in the concatenation
      for (int k = 1; k < h; ++k) {
        const float x = map.cells.Min.x + static_cast<float>(k * dk) * map.cell_width;
        list->AddLine(ImVec2(x, map.cells.Min.y - 2.f), ImVec2(x, map.cells.Max.y + 2.f), p.text, 1.5f);
      }
    if (map.row >= 0)
      tip = stages[i].why + "\ndimension " + std::to_string(map.column) + " = " + draw::fixed(stages[i].row(0, map.column));
  }
  // The residual paths: from x around attention, and from the first norm around the FFN.
  const float x_skip = area.max.x - skip_w * 0.45f;
  const auto skip = [&](float from, float to) {
    list->AddLine(ImVec2(x_skip - 10.f, from), ImVec2(x_skip, from), p.muted, 1.5f);
    list->AddLine(ImVec2(x_skip, from), ImVec2(x_skip, to), p.muted, 1.5f);
    list->AddLine(ImVec2(x_skip, to), ImVec2(x_skip - 10.f, to), p.muted, 1.5f);
    list->AddTriangleFilled(ImVec2(x_skip - 14.f, to), ImVec2(x_skip - 8.f, to - 4.f), ImVec2(x_skip - 8.f, to + 4.f), p.muted);
  };
  skip(mid_y[0], mid_y[4] - 3.f);
  skip(mid_y[4] + 3.f, mid_y[6]);
  if (ImGui::IsWindowHovered() && std::fabs(ImGui::GetIO().MousePos.x - x_skip) < 6.f &&
      ImGui::GetIO().MousePos.y > mid_y[0] && ImGui::GetIO().MousePos.y < mid_y[6])
    tip = "A residual connection: the input skips the sub-layer and is added to its output, so the original signal "
          "and the gradients pass straight through deep stacks.";
  if (!tip.empty()) draw::tooltip(tip);
}

}  // namespace lesson
