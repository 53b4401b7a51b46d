// Section 1, the live attention flow: the sentence as word chips; the selected
// word sends arcs to every word, as thick and opaque as its attention weight
// under the chosen head; bars below give the exact percentages.
#include <algorithm>
#include <cmath>

#include "core/facts.h"
#include "web/commands.h"
#include "web/draw.h"
#include "web/row_claim.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/main_loop.h"
#include "web/theme.h"

namespace lesson {
namespace {

// The weights as drawn, easing toward the selected row after a change. Pure
// view state: the true weights are always the trace's.
std::vector<float> eased_row;

const std::vector<float>& ease_toward(const attn::Matrix& weights, int row) {
  const int n = static_cast<int>(weights.cols());
  if (static_cast<int>(eased_row.size()) != n) eased_row.assign(n, 0.f);
  const float step = app().reduced_motion ? 1.f : std::min(1.f, ImGui::GetIO().DeltaTime * 14.f);
  bool moving = false;
  for (int j = 0; j < n; ++j) {
    const float target = weights(row, j);
    eased_row[j] += (target - eased_row[j]) * step;
    if (std::fabs(target - eased_row[j]) > 0.002f) moving = true;
    else eased_row[j] = target;
  }
  if (moving) animate_for(40.0);
  return eased_row;
}

// Before the learner's guess (setting hide_weights): the chips where they
// always stand, all one colour, and no arcs, bars or percentages.
void draw_flow_hidden(FigureState& fig, draw::Area area, const std::vector<std::string>& words) {
  const Palette& p = palette();
  const std::string query = draw::quote(words[fig.settings.selected]);
  area.take_top(std::clamp(area.height() * 0.22f, 40.f, 110.f));
  const draw::ChipResult chips =
      draw::token_chips(area, words, std::vector<ImU32>(words.size(), p.chip), fig.settings.selected);
  float y = chips.bottom + 16.f;
  y += draw::text_wrapped(ImVec2(area.min.x, y), "Which word will " + query + " look at most?", p.text,
                          area.width(), fonts().bold) + 6.f;
  draw::text_wrapped(ImVec2(area.min.x, y),
                     "Make your guess in the text: the weights appear here once you check it "
                     "or ask for the answer.", p.muted, area.width());
  if (chips.hovered >= 0) draw::tooltip("Click to ask about " + draw::quote(words[chips.hovered]) + " instead.");
  if (chips.clicked >= 0) select_from_canvas(chips.clicked);
}

}  // namespace

void draw_flow(FigureState& fig) {
  const attn::ExplainTrace& trace = *fig.trace;
  const attn::HeadTrace& head = trace.heads[fig.settings.head];
  const int selected = fig.settings.selected;
  std::vector<std::string> words;
  for (const auto& token : trace.tokens) words.push_back(token.text);
  const std::string query = words[selected];
  const std::vector<float>& row = ease_toward(head.attention.weights, selected);
  const Palette& p = palette();

  draw::Area area = draw::figure_area();
  draw::title(area, "Where does " + draw::quote(query) + " look?",
              "Head: " + head.name + "  \xC2\xB7  click or tap a word, or use \xE2\x86\x90 \xE2\x86\x92");
  if (fig.settings.hide_weights) {
    draw_flow_hidden(fig, area, words);
    return;
  }

  // Room above the chips for the arcs to rise into.
  const float arc_room = std::clamp(area.height() * 0.22f, 40.f, 110.f);
  area.take_top(arc_room);
  std::vector<ImU32> fills;
  for (float w : row) fills.push_back(blend(p.chip, p.key, std::sqrt(std::clamp(w, 0.f, 1.f)) * 0.85f));
  // Lay the chips out once to learn where they go, draw the arcs behind them,
  // then draw the chips again on top (ImGui has no z-order within a list).
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->ChannelsSplit(2);
  list->ChannelsSetCurrent(1);
  const draw::ChipResult chips = draw::token_chips(area, words, fills, selected);
  list->ChannelsSetCurrent(0);
  const ImVec2 from((chips.rects[selected].Min.x + chips.rects[selected].Max.x) * 0.5f,
                    chips.rects[selected].Min.y);
  for (int j = 0; j < static_cast<int>(row.size()); ++j) {
    if (j == selected || row[j] < 0.005f) continue;
    const ImRect& rect = chips.rects[j];
    const ImVec2 to((rect.Min.x + rect.Max.x) * 0.5f, rect.Min.y - 2.f);
    const float lift = std::min(arc_room - 6.f, 18.f + std::fabs(to.x - from.x) * 0.35f);
    const float w = std::clamp(row[j], 0.f, 1.f);
    // Faint arcs vanish against the dark background: they start more opaque there.
    const float faintest = app().theme == Theme::dark ? 0.5f : 0.25f;
    draw::arc(from, to, lift, with_alpha(p.key, faintest + (1.f - faintest) * w), 1.5f + 10.5f * w);
  }
  list->ChannelsMerge();

  int hovered = chips.hovered;
  int clicked = chips.clicked;

  // Exact percentages, one bar per word, under the row's claim: a flat row
  // says so rather than let the eye crown a "top" word by a point or two.
  draw::Area bars = area;
  bars.min.y = chips.bottom + 16.f;
  bars.take_top(draw::text_wrapped(bars.min, row_claim(attn::flow_facts(trace, fig.settings.head, selected)), p.text,
                                   bars.width(), fonts().bold) + 4.f);
  draw::text(bars.min, "Attention from " + draw::quote(query) + " (sums to 100%)", p.muted, fonts().small);
  bars.take_top(draw::font_px(fonts().small) + 6.f);
  const draw::BarResult bar = draw::bar_rows(bars, words, row, p.key, selected);
  if (bar.hovered >= 0) hovered = bar.hovered;
  if (bar.clicked >= 0) clicked = bar.clicked;

  if (hovered >= 0) {
    const float w = head.attention.weights(selected, hovered);
    draw::tooltip(draw::quote(query) + " \xE2\x86\x92 " + draw::quote(words[hovered]) + ": " + draw::percent(w) +
                  " of its attention" + (trace.tokens[hovered].known ? "" : "\n(the demo model does not know this word)") +
                  "\nClick to look from " + draw::quote(words[hovered]) + " instead.");
  }
  if (clicked >= 0) select_from_canvas(clicked);
}

std::vector<NamedMatrix> flow_matrices(FigureState& fig) {
  std::vector<std::string> words;
  for (const auto& token : fig.trace->tokens) words.push_back(token.text);
  const attn::HeadTrace& head = fig.trace->heads[fig.settings.head];
  return {{"weights (" + head.name + ")", words, words, head.attention.weights}};
}

}  // namespace lesson
