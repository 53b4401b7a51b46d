#include "web/heatmap_texels.h"

#include <algorithm>
#include <cmath>

namespace lesson::draw {

float shade(const ColourScale& scale, float value) {
  if (scale.probabilities) return std::sqrt(std::clamp(value, 0.f, 1.f));
  const float t = value / scale.largest;
  return scale.signed_values ? t : std::max(t, 0.f);
}

float block_value(const float* cells, long rows, long cols, long r, long c, long step_r, long step_c) {
  const long r_end = std::min(rows, r + step_r), c_end = std::min(cols, c + step_c);
  float v = cells[r * cols + c];
  for (long rr = r; rr < r_end; ++rr)
    for (long cc = c; cc < c_end; ++cc) {
      const float cell = cells[rr * cols + cc];
      if (!std::isfinite(v) || (std::isfinite(cell) && std::fabs(cell) > std::fabs(v))) v = cell;
    }
  return v;
}

std::vector<ImU32> heatmap_texels(const float* cells, long rows, long cols, long step_r, long step_c,
                                  const ColourScale& scale, const TexelColours& colours) {
  auto texel_of = [&](float v) {
    if (!std::isfinite(v)) return colours.masked;
    const float s = shade(scale, v);
    const int step = static_cast<int>(std::min(std::fabs(s), 1.f) * 255.f + 0.5f);
    return s >= 0.f ? colours.towards_hue[step] : colours.towards_negative[step];
  };
  const long blocks_r = (rows + step_r - 1) / step_r, blocks_c = (cols + step_c - 1) / step_c;
  std::vector<ImU32> texels(static_cast<std::size_t>(blocks_r * blocks_c));
  if (step_r == 1 && step_c == 1) {
    for (std::size_t i = 0; i < texels.size(); ++i) texels[i] = texel_of(cells[i]);  // a texel per cell
  } else {
    for (long r = 0; r < blocks_r; ++r)
      for (long c = 0; c < blocks_c; ++c)
        texels[r * blocks_c + c] = texel_of(block_value(cells, rows, cols, r * step_r, c * step_c, step_r, step_c));
  }
  return texels;
}

}  // namespace lesson::draw
