// Section 6, production transformers: the word-order comparison ("dog bites
// man" against "man bites dog" under the chosen positional encoding), and one
// block around attention for the selected word: x, MultiHead(x), the residual
// and layer norm, the FFN and its residual (core/transformer_block.h), with
// the multi-head shapes.
#include <algorithm>

#include "core/transformer_block.h"
#include "web/commands.h"
#include "web/draw.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace lesson {
namespace {

attn::TransformerBlockTrace block_for(const FigureState& fig) {
  const attn::ExplainTrace& trace = *fig.trace;
  const auto weights = attn::make_transformer_block_weights(trace.d_model, static_cast<std::uint64_t>(fig.settings.seed));
  return attn::transformer_block(trace.x, trace.output, weights);
}

void word_orders(const FigureState& fig, draw::Area area) {
  const Palette& p = palette();
  const int h = std::min<int>(fig.settings.head, static_cast<int>(fig.word_orders[0].heads.size()) - 1);
  draw::text(area.min, "Word order, positional: " + fig.settings.positional + " (head " + fig.word_orders[0].heads[h].name + ")",
             p.text, fonts().bold);
  area.take_top(draw::font_px(fonts().bold) + 6.f);
  const float half = area.width() * 0.5f;
  for (int i = 0; i < 2; ++i) {
    const attn::ExplainTrace& t = fig.word_orders[i];
    const std::vector<std::string> words = token_labels(t);
    draw::Area box{ImVec2(area.min.x + i * half, area.min.y), ImVec2(area.min.x + (i + 1) * half - 12.f, area.max.y)};
    draw::HeatmapStyle style;
    style.hue = p.key;
    style.probabilities = true;
    style.max_cell = 40.f;
    const std::string name = words[0] + " " + words[1] + " " + words[2];
    const draw::HeatmapResult map = draw::heatmap(box, name, t.heads[h].attention.weights, words, words, style);
    if (map.row >= 0)
      draw::tooltip(draw::quote(words[map.row]) + " \xE2\x86\x92 " + draw::quote(words[map.column]) + ": " +
                    draw::percent(t.heads[h].attention.weights(map.row, map.column)) +
                    "\nWithout positions, the same pairs get the same weights in both orders.");
  }
}

void block(const FigureState& fig, draw::Area area) {
  const Palette& p = palette();
  const attn::ExplainTrace& trace = *fig.trace;
  const int s = fig.settings.selected;
  const attn::TransformerBlockTrace b = block_for(fig);
  const std::string word = draw::quote(trace.tokens[s].text);
  draw::text(area.min, "One block for " + word + ": h = " + std::to_string(trace.heads.size()) + " heads of d_k = " +
                           std::to_string(trace.d_k) + ", concat " + std::to_string(trace.concat.cols()) +
                           " \xC3\x97 W_O \xE2\x86\x92 d = " + std::to_string(trace.d_model), p.text, fonts().bold);
  area.take_top(draw::font_px(fonts().bold) + 6.f);
  struct Stage {
    const char* name;
    const attn::Matrix* m;
    ImU32 hue;
    const char* why;
  };
  const Stage stages[] = {
      {"x", &trace.x, p.accent, "the word's vector (embedding + position)"},
      {"MultiHead(x)", &trace.output, p.key, "what attention gathered from the other words"},
      {"x + MultiHead(x)", &b.attention_residual, p.accent, "residual: the original signal passes straight through"},
      {"LayerNorm", &b.attention_normed, p.accent, "rescaled to mean 0, variance 1"},
      {"FFN", &b.ffn_output, p.value, "a per-word network: where much knowledge is thought to live"},
      {"+ residual, LayerNorm", &b.output, p.accent, "the block's output, the next block's input"}};
  const int count = static_cast<int>(sizeof stages / sizeof stages[0]);
  const float row_h = std::min(34.f, area.height() / count);
  for (int i = 0; i < count; ++i) {
    draw::Area line = area.take_top(row_h);
    draw::Area label = line.take_left(std::min(170.f, line.width() * 0.32f));
    draw::text(ImVec2(label.min.x, label.min.y + 4.f), stages[i].name, p.text, fonts().small);
    draw::HeatmapStyle style;
    style.hue = stages[i].hue;
    style.signed_values = true;
    style.numbers = false;
    style.column_labels = false;
    style.max_cell = row_h - 6.f;
    const attn::Matrix row = stages[i].m->row(s);
    const draw::HeatmapResult map = draw::heatmap(line, "", row, {}, {}, style);
    if (map.row >= 0)
      draw::tooltip(std::string(stages[i].name) + ": " + stages[i].why + "\ndimension " + std::to_string(map.column) +
                    " = " + draw::fixed(row(0, map.column)));
  }
}

}  // namespace

void draw_production(FigureState& fig) {
  draw::Area area = draw::figure_area();
  draw::title(area, "Around attention in a real transformer", "Hover the cells for the numbers");
  if (fig.word_orders.size() == 2) word_orders(fig, area.take_top(area.height() * 0.5f));
  area.take_top(12.f);
  block(fig, area);
}

std::vector<NamedMatrix> production_matrices(FigureState& fig) {
  std::vector<NamedMatrix> out;
  for (const attn::ExplainTrace& t : fig.word_orders) {
    const std::vector<std::string> words = token_labels(t);
    const attn::HeadTrace& head = t.heads[std::min<int>(fig.settings.head, static_cast<int>(t.heads.size()) - 1)];
    out.push_back({"weights (" + head.name + ", " + words[0] + " " + words[1] + " " + words[2] + ")", words, words,
                   head.attention.weights});
  }
  const std::vector<std::string> words = token_labels(*fig.trace);
  const attn::TransformerBlockTrace b = block_for(fig);
  out.push_back({"x", words, {}, fig.trace->x});
  out.push_back({"multi-head output", words, {}, fig.trace->output});
  out.push_back({"x + multi-head", words, {}, b.attention_residual});
  out.push_back({"layer norm", words, {}, b.attention_normed});
  out.push_back({"ffn", words, {}, b.ffn_output});
  out.push_back({"block output", words, {}, b.output});
  return out;
}

}  // namespace lesson
