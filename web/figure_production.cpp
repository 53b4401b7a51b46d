// Section 6, production transformers: the word-order comparison ("dog bites
// man" against "man bites dog" under the chosen positional encoding, with the
// core's verdict), and below it one block around multi-head attention
// (figure_production_block.cpp).
#include "web/figure_production.h"

#include <algorithm>
#include <map>
#include <string>

#include "web/figure_facts.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/main_loop.h"
#include "web/theme.h"

namespace lesson {
namespace {

void word_orders(const FigureState& fig, draw::Area area) {
  const Palette& p = palette();
  const int h = std::min<int>(fig.settings.head, static_cast<int>(fig.word_orders[0].heads.size()) - 1);
  area.take_top(draw::text_wrapped(area.min, "Word order with positional encoding: " + fig.settings.positional + " (" +
                                                 fig.word_orders[0].heads[h].name + " head)",
                                   p.text, area.width(), fonts().bold) + 2.f);
  // The core's verdict on the two orders, so the learner need not compare by eye.
  const nlohmann::json& facts = production_facts_cached(fig);
  const bool same = facts.value("orders_identical_up_to_permutation", false);
  // The verdict covers every head, not only the one drawn: a head that ignores
  // positions (coreference, say) looks the same in both orders either way.
  const std::string heads = std::to_string(facts.value("heads", 0));
  const std::string verdict =
      same ? "In all " + heads + " heads, the same weights with rows and columns swapped: without positions, "
                 "order is invisible."
           : "Over all " + heads + " heads, the weights differ (largest difference " +
                 draw::fixed(facts.value("orders_max_difference", 0.f)) +
                 "): the heads that read positions make the order count.";
  area.take_top(draw::text_wrapped(area.min, verdict, same ? p.query : p.muted, area.width(), fonts().small) + 6.f);
  const float half = area.width() * 0.5f;
  for (int i = 0; i < 2; ++i) {
    const attn::ExplainTrace& t = fig.word_orders[i];
    const std::vector<std::string> words = token_labels(t);
    draw::Area box{ImVec2(area.min.x + i * half, area.min.y), ImVec2(area.min.x + (i + 1) * half - 12.f, area.max.y)};
    draw::HeatmapStyle style;
    style.hue = p.key;
    style.probabilities = true;
    style.max_cell = 42.f;
    const std::string name = words[0] + " " + words[1] + " " + words[2];
    const draw::HeatmapResult map = draw::heatmap(box, name, t.heads[h].attention.weights, words, words, style);
    if (map.row >= 0)
      draw::tooltip(draw::quote(words[map.row]) + " \xE2\x86\x92 " + draw::quote(words[map.column]) + ": " +
                    draw::percent(t.heads[h].attention.weights(map.row, map.column)) +
                    "\nCompare the same pair of words in the other sentence.");
  }
}

}  // namespace

const attn::TransformerBlockTrace& production_block(const FigureState& fig) {
  // Keyed by the model settings: the seed picks the block's weights, the trace its input.
  static std::map<std::string, attn::TransformerBlockTrace> cache;
  auto found = cache.find(fig.trace_key);
  if (found != cache.end()) return found->second;
  if (cache.size() >= 8) cache.clear();
  const attn::ExplainTrace& trace = *fig.trace;
  const auto weights =
      attn::make_transformer_block_weights(trace.d_model, static_cast<std::uint64_t>(fig.settings.seed));
  return cache.emplace(fig.trace_key, attn::transformer_block(trace.x, trace.output, weights)).first->second;
}

namespace {

// A canvas shorter than this under the title (a phone's) cannot show the
// word orders with their numbers and the block's seven rows together.
constexpr float kBothPanelsHeight = 330.f;

enum class Panel { word_order, block };

// View state only, for a short canvas: the panel the learner's last move was
// about. Choosing a positional encoding is about word order, selecting a word
// (arrow keys) is about its block, and the two tabs switch by hand.
Panel& short_canvas_panel(const FigureSettings& s) {
  static Panel panel = Panel::block;
  static std::string seen_positional;
  static int seen_selected = -1;
  if (!seen_positional.empty() && s.positional != seen_positional) panel = Panel::word_order;
  if (seen_selected >= 0 && s.selected != seen_selected) panel = Panel::block;
  seen_positional = s.positional;
  seen_selected = s.selected;
  return panel;
}

// Two tabs naming the panels; returns the one tapped, if any.
int panel_tabs(draw::Area& area, Panel shown) {
  const Palette& p = palette();
  const std::vector<ImU32> fills = {shown == Panel::word_order ? p.accent : p.chip, shown == Panel::block ? p.accent : p.chip};
  const draw::ChipResult tabs = draw::token_chips(area, {"Word order", "One block"}, fills, -1, fonts().small);
  if (tabs.hovered >= 0) draw::tooltip("Tap to show this panel (the canvas is too short for both).");
  area.min.y = tabs.bottom + 8.f;
  return tabs.clicked;
}

}  // namespace

void draw_production(FigureState& fig) {
  draw::Area area = draw::figure_area();
  const bool orders = fig.word_orders.size() == 2;
  const std::string heading = "Around attention in a real transformer", hint = "Hover the cells for the numbers";
  if (orders && area.height() - draw::title_height(area.width(), heading, hint) < kBothPanelsHeight) {
    // One panel at a time; the tabs replace the hover hint.
    draw::title(area, heading);
    Panel& panel = short_canvas_panel(fig.settings);
    const int tapped = panel_tabs(area, panel);
    if (tapped >= 0) {
      panel = tapped == 0 ? Panel::word_order : Panel::block;
      note_canvas_change();
    }
    if (panel == Panel::word_order) word_orders(fig, area);
    else draw_production_block(fig, area);
    return;
  }
  draw::title(area, heading, hint);
  if (orders) word_orders(fig, area.take_top(std::min(205.f, area.height() * 0.45f)));
  area.take_top(10.f);
  draw_production_block(fig, area);
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
  const attn::TransformerBlockTrace& b = production_block(fig);
  out.push_back({"x", words, {}, fig.trace->x});
  out.push_back({"concat", words, {}, fig.trace->concat});
  out.push_back({"multi-head output", words, {}, fig.trace->output});
  out.push_back({"x + multi-head", words, {}, b.attention_residual});
  out.push_back({"layer norm", words, {}, b.attention_normed});
  out.push_back({"ffn", words, {}, b.ffn_output});
  out.push_back({"block output", words, {}, b.output});
  return out;
}

}  // namespace lesson
