// Section 3, the formula: softmax(Q Kᵀ / √d_k) V with its parts clickable
// (formula_part). The clicked part gets a one-line card and is boxed in the
// figure below it: the selected word's computation, column by column, and
// the d_k demo for the √d_k part.
#include "web/figure_formula.h"

#include <algorithm>

#include "web/commands.h"
#include "web/figure_facts.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/main_loop.h"
#include "web/theme.h"

namespace lesson {
namespace {

struct Piece {
  const char* text;
  const char* part;  // the formula_part it belongs to
};

// softmax( Q K ᵀ / √d_k ) V
constexpr Piece kFormula[] = {{"softmax(", "softmax"}, {"Q", "q"},  {" K", "k"},          {"\xE1\xB5\x80", "kt"},
                              {" / \xE2\x88\x9A" "d_k", "sqrt_dk"}, {")", "softmax"}, {" V", "v"}};

ImU32 part_colour(const std::string& part) {
  const Palette& p = palette();
  if (part == "q") return p.query;
  if (part == "k" || part == "kt") return p.key;
  if (part == "v") return p.value;
  return p.text;
}

// What the clicked part means, in one line under the formula.
std::string part_card(const std::string& part, const std::string& query) {
  if (part == "q") return "Q: what " + query + " is looking for, like a search query.";
  if (part == "k") return "K: how each word labels itself so that it can be found.";
  if (part == "kt") return "K\xE1\xB5\x80: the keys turned into columns, so one product scores every word at once.";
  if (part == "sqrt_dk") return "\xC3\xB7 \xE2\x88\x9A" "d_k: keeps long dot products small enough that softmax stays soft.";
  if (part == "softmax") return "softmax: turns a row of scores into weights that are positive and add up to 1.";
  if (part == "v") return "V: what each word hands over once matched: the page, not its label.";
  if (part == "product") return "\xC3\x97 V: the output is the weights' blend of the value rows.";
  return "Click a part of the formula to see where it lives below.";
}

// Draws the formula; returns the part clicked, or nullptr.
const char* formula_line(draw::Area& area, const std::string& highlighted) {
  const Palette& p = palette();
  ImFont* font = fonts().title;
  float x = area.min.x;
  const float y = area.min.y;
  const float h = draw::font_px(font) + 8.f;
  const char* clicked = nullptr;
  const bool product = highlighted == "product";
  for (const Piece& piece : kFormula) {
    const ImVec2 size = draw::text_size(font, piece.text);
    const ImRect rect(ImVec2(x - 2.f, y), ImVec2(x + size.x + 2.f, y + h));
    const bool on = product || highlighted == piece.part || (highlighted == "kt" && std::string(piece.part) == "k");
    if (on) ImGui::GetWindowDrawList()->AddRectFilled(rect.Min, rect.Max, with_alpha(p.accent, 0.22f), 4.f);
    if (ImGui::IsWindowHovered() && rect.Contains(ImGui::GetIO().MousePos)) {
      ImGui::GetWindowDrawList()->AddRect(rect.Min, rect.Max, p.muted, 4.f);
      draw::tooltip("Click to see this part in the figure.");
      if (ImGui::IsMouseClicked(0)) clicked = piece.part;
    }
    draw::text(ImVec2(x, y + 4.f), piece.text, part_colour(piece.part), font);
    x += size.x;
  }
  area.take_top(h + 2.f);
  return clicked;
}

// View state only: whether the learner's last move was about the d_k demo
// (its width or the scaling switch) rather than another part of the formula.
bool demo_in_focus(const FigureSettings& s) {
  static int seen_dk = -1;
  static bool seen_scale = true, focus = false;
  static std::string seen_part;
  if (seen_dk >= 0 && (s.dk != seen_dk || s.scale != seen_scale)) focus = true;
  if (s.formula_part != seen_part) focus = s.formula_part == "sqrt_dk";
  seen_dk = s.dk, seen_scale = s.scale, seen_part = s.formula_part;
  return focus;
}

}  // namespace

void draw_formula(FigureState& fig) {
  const Palette& p = palette();
  const FigureSettings& s = fig.settings;
  const std::string query = draw::quote(fig.trace->tokens[s.selected].text);
  draw::Area area = draw::figure_area();
  if (const char* part = formula_line(area, s.formula_part)) {
    fig.settings.formula_part = part == s.formula_part ? "" : part;
    note_canvas_change();
  }
  const std::string& part = fig.settings.formula_part;
  area.take_top(draw::text_wrapped(area.min, part_card(part, query),
                                   part.empty() ? p.muted : part_colour(part) == p.text ? p.accent : part_colour(part),
                                   area.width(), fonts().small) + 10.f);

  if (area.height() < 360.f) {
    // A short canvas (a phone) fits one panel: the d_k demo when its part is
    // chosen or its controls were just moved, the selected row otherwise.
    int clicked = -1;
    if (demo_in_focus(fig.settings)) draw_formula_dk(fig, area, part == "sqrt_dk");
    else clicked = draw_formula_row(fig, area, part);
    if (clicked >= 0) select_from_canvas(clicked);
    return;
  }
  // The √d_k part is about the demo, so it gets more room when chosen.
  const float demo_share = part == "sqrt_dk" ? 0.45f : 0.32f;
  draw::Area demo = area;
  demo.min.y = area.max.y - std::max(110.f, area.height() * demo_share);
  area.max.y = demo.min.y - 14.f;
  const int clicked = draw_formula_row(fig, area, part);
  draw_formula_dk(fig, demo, part == "sqrt_dk");
  if (clicked >= 0) select_from_canvas(clicked);
}

std::vector<NamedMatrix> formula_matrices(FigureState& fig) {
  const attn::HeadTrace& head = fig.trace->heads[fig.settings.head];
  const std::vector<std::string> words = token_labels(*fig.trace);
  const attn::ScalingDemo demo = figure_scaling_demo(fig);
  attn::Matrix demo_rows(3, demo.scores.size());
  demo_rows.row(0) = demo.scores;
  demo_rows.row(1) = demo.weights_scaled;
  demo_rows.row(2) = demo.weights_unscaled;
  return {{"scaled scores (" + head.name + ")", words, words, head.attention.scaled},
          {"weights (" + head.name + ")", words, words, head.attention.weights},
          {"d_k demo", {"scores", "weights scaled", "weights unscaled"}, {}, demo_rows}};
}

}  // namespace lesson
