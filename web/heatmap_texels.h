// How a heatmap turns values into colours: the one colour-scale rule, and the
// texels of a heatmap drawn as one image. These run once per cell (131,072
// cells for eight heads of 128 tokens), so this file is compiled at -O3 with
// inlining, unlike the rest of the page's drawing code (web/CMakeLists.txt).
#pragma once

#include <array>
#include <vector>

#include <imgui.h>

namespace lesson::draw {

struct ColourScale {
  bool probabilities = false;  // attention weights: fixed 0..1, square-root so small weights show
  bool signed_values = false;  // diverging around 0
  float largest = 1.f;         // the value drawn at full colour (not for probabilities)
};

// How far a finite value goes from the panel colour towards the hue (0..1),
// or towards the negative colour (below 0, signed scales only).
float shade(const ColourScale& scale, float value);

// Long sentences give cells under two pixels; a block of step_r x step_c cells
// shows its largest |value| (finite values win over -infinity).
float block_value(const float* cells, long rows, long cols, long r, long c, long step_r, long step_c);

// The colours a texel can take: 256 steps from the panel colour towards the
// hue and towards the negative colour (texels have 8 bits a channel, so the
// steps give the same colours within a unit), and the colour of masked cells.
struct TexelColours {
  std::array<ImU32, 256> towards_hue, towards_negative;
  ImU32 masked = 0;
};

// One texel per block of a row-major rows x cols matrix, top row first.
std::vector<ImU32> heatmap_texels(const float* cells, long rows, long cols, long step_r, long step_c,
                                  const ColourScale& scale, const TexelColours& colours);

}  // namespace lesson::draw
