// Section 3, the formula: softmax(Q Kᵀ / √d_k) V with its parts clickable and
// highlighted (formula_part); the selected word's row under softmax or hard
// argmax (hard_argmax); and the d_k demo from core/scaling_demo.h, with and
// without the √d_k scaling, and the entropy of each.
#include <algorithm>
#include <cmath>

#include "core/attention.h"
#include "web/commands.h"
#include "web/draw.h"
#include "web/figure_facts.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/main_loop.h"
#include "web/theme.h"

namespace lesson {
namespace {

struct Piece {
  const char* text;
  const char* part;  // the formula_part it belongs to ("" for plain punctuation)
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
      draw::tooltip("Click to highlight this part.");
      if (ImGui::IsMouseClicked(0)) clicked = piece.part;
    }
    draw::text(ImVec2(x, y + 4.f), piece.text, part_colour(piece.part), font);
    x += size.x;
  }
  area.take_top(h + 10.f);
  return clicked;
}

void panel_frame(const draw::Area& area, bool highlighted) {
  if (!highlighted) return;
  ImGui::GetWindowDrawList()->AddRect(area.min - ImVec2(4, 4), area.max + ImVec2(4, 4), palette().accent, 6.f, 0, 2.f);
}

}  // namespace

void draw_formula(FigureState& fig) {
  const Palette& p = palette();
  const attn::ExplainTrace& trace = *fig.trace;
  const FigureSettings& s = fig.settings;
  const attn::HeadTrace& head = trace.heads[s.head];
  const std::vector<std::string> words = token_labels(trace);
  draw::Area area = draw::figure_area();
  if (const char* part = formula_line(area, s.formula_part)) {
    fig.settings.formula_part = part == s.formula_part ? "" : part;
    note_canvas_change();
  }

  // The selected word's row: a smooth blend, or one hard pick.
  draw::Area top = area.take_top(area.height() * 0.5f);
  panel_frame(top, s.formula_part == "softmax");
  const attn::Matrix row = head.attention.scaled.row(s.selected);
  const attn::Matrix hard = attn::hard_argmax_rows(row);
  std::vector<float> values;
  for (Eigen::Index j = 0; j < row.cols(); ++j)
    values.push_back(s.hard_argmax ? hard(0, j) : head.attention.weights(s.selected, j));
  draw::text(top.min, std::string(s.hard_argmax ? "Hard argmax" : "Softmax") + " of " + draw::quote(words[s.selected]) +
                          "'s scores (" + head.name + " head)", p.text, fonts().bold);
  top.take_top(draw::font_px(fonts().bold) + 4.f);
  draw::text(top.min, s.hard_argmax ? "All attention on one word: no \"mostly this, partly that\", and no gradient."
                                    : "A smooth blend: every word keeps a share, and learning can adjust it.",
             p.muted, fonts().small);
  top.take_top(draw::font_px(fonts().small) + 6.f);
  const draw::BarResult bars = draw::bar_rows(top, words, values, s.hard_argmax ? p.accent : p.key, s.selected, 22.f);
  if (bars.hovered >= 0)
    draw::tooltip(draw::quote(words[bars.hovered]) + ": scaled score " + draw::fixed(row(0, bars.hovered)) + ", weight " +
                  draw::percent(values[bars.hovered]));
  if (bars.clicked >= 0) select_from_canvas(bars.clicked);

  // The d_k demo: the same kind of scores with and without dividing by √d_k.
  area.take_top(12.f);
  panel_frame(area, s.formula_part == "sqrt_dk");
  const attn::ScalingDemo demo = figure_scaling_demo(fig);
  draw::text(area.min, "d_k = " + std::to_string(s.dk) + ": one query against " + std::to_string(demo.scores.size()) +
                           " random keys", p.text, fonts().bold);
  area.take_top(draw::font_px(fonts().bold) + 6.f);
  draw::Area left = area.take_left(area.width() * 0.5f - 8.f);
  area.take_left(16.f);
  std::vector<std::string> keys;
  std::vector<float> scaled, unscaled;
  for (Eigen::Index j = 0; j < demo.scores.size(); ++j) {
    keys.push_back("key " + std::to_string(j + 1));
    scaled.push_back(demo.weights_scaled(j));
    unscaled.push_back(demo.weights_unscaled(j));
  }
  const std::string bits = " bits";
  draw::text(left.min, "\xC3\xB7 \xE2\x88\x9A" "d_k: entropy " + draw::fixed(demo.entropy_scaled_bits) + bits,
             s.scale ? p.text : p.muted, s.scale ? fonts().bold : fonts().small);
  left.take_top(draw::font_px(fonts().bold) + 4.f);
  draw::text(area.min, "unscaled: entropy " + draw::fixed(demo.entropy_unscaled_bits) + bits,
             s.scale ? p.muted : p.text, s.scale ? fonts().small : fonts().bold);
  area.take_top(draw::font_px(fonts().bold) + 4.f);
  const draw::BarResult a = draw::bar_rows(left, keys, scaled, s.scale ? p.key : p.grid, -1, 20.f);
  const draw::BarResult b = draw::bar_rows(area, keys, unscaled, s.scale ? p.grid : p.accent, -1, 20.f);
  if (a.hovered >= 0 || b.hovered >= 0) {
    const int j = a.hovered >= 0 ? a.hovered : b.hovered;
    draw::tooltip("key " + std::to_string(j + 1) + ": raw score " + draw::fixed(demo.scores(j)) + "\n" +
                  draw::percent(scaled[j]) + " with scaling, " + draw::percent(unscaled[j]) + " without.\n" +
                  "A uniform row would have " + draw::fixed(demo.max_entropy_bits) + " bits.");
  }
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
