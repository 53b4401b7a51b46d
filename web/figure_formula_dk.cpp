// The formula figure's d_k demo (core/scaling_demo.h): one query against a
// few random keys of width d_k, softmax with and without dividing by √d_k,
// side by side as column charts with each one's entropy. The setting that
// is on (scale) is drawn strong, the other faded.
#include <string>
#include <vector>

#include "web/figure_facts.h"
#include "web/figure_formula.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace lesson {

void draw_formula_dk(const FigureState& fig, draw::Area area, bool boxed) {
  const Palette& p = palette();
  const FigureSettings& s = fig.settings;
  const attn::ScalingDemo demo = figure_scaling_demo(fig);
  if (boxed) draw::highlight_box(area.min - ImVec2(4, 4), area.max + ImVec2(4, 4), p.accent);
  area.take_top(draw::text_wrapped(area.min, "Why \xC3\xB7 \xE2\x88\x9A" "d_k? d_k = " + std::to_string(s.dk) +
                                                 ": one query against " + std::to_string(demo.scores.size()) +
                                                 " random keys",
                                   p.text, area.width(), fonts().bold) + 4.f);
  std::vector<std::string> keys;
  std::vector<float> scaled, unscaled;
  for (Eigen::Index j = 0; j < demo.scores.size(); ++j) {
    keys.push_back(std::to_string(j + 1));
    scaled.push_back(demo.weights_scaled(j));
    unscaled.push_back(demo.weights_unscaled(j));
  }
  const float gap = 18.f;
  draw::Area left = area.take_left((area.width() - gap) * 0.5f);
  area.take_left(gap);
  struct Side {
    draw::Area* where;
    std::string name;
    float entropy;
    const std::vector<float>* values;
    bool on;
  };
  const Side sides[2] = {{&left, "with \xC3\xB7 \xE2\x88\x9A" "d_k", demo.entropy_scaled_bits, &scaled, s.scale},
                         {&area, "without", demo.entropy_unscaled_bits, &unscaled, !s.scale}};
  int hovered = -1;
  for (const Side& side : sides) {
    draw::Area& a = *side.where;
    const std::string label = side.name + ": entropy " + draw::fixed(side.entropy) + " of " +
                              draw::fixed(demo.max_entropy_bits) + " bits";
    a.take_top(draw::text_wrapped(a.min, label, side.on ? p.text : p.muted, a.width(), fonts().small) + 2.f);
    const ImU32 hue = side.on ? (side.values == &scaled ? p.key : p.accent) : blend(p.panel, p.muted, 0.6f);
    const int h = draw::column_chart(a, keys, *side.values, hue);
    if (h >= 0) hovered = h;
  }
  if (hovered >= 0)
    draw::tooltip("key " + std::to_string(hovered + 1) + ": raw score " + draw::fixed(demo.scores(hovered)) + "\n" +
                  draw::percent(scaled[hovered]) + " with scaling, " + draw::percent(unscaled[hovered]) + " without.\n" +
                  "More entropy means a softer spread; an even row would have " + draw::fixed(demo.max_entropy_bits) +
                  " bits, a one-hot row 0.");
}

}  // namespace lesson
