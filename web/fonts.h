// The figure fonts: DejaVu Sans subsets embedded by embed_font.sh, rasterised
// at the screen's pixel density so text stays crisp on HiDPI screens.
#pragma once

#include "imgui.h"

namespace lesson {

struct Fonts {
  ImFont* body = nullptr;   // 15 px: labels, numbers
  ImFont* small = nullptr;  // 12 px: matrix cells, axis ticks
  ImFont* bold = nullptr;   // 15 px bold: titles, selected words
  ImFont* title = nullptr;  // 18 px bold: figure titles
};

const Fonts& fonts();

// (Re)builds the atlas for this device pixel ratio. Sizes are in CSS pixels;
// glyphs are rasterised at size * ratio and drawn scaled by 1 / ratio.
// Call before the renderer creates its font texture, or destroy and recreate
// that texture afterwards.
void build_fonts(float pixel_ratio);

}  // namespace lesson
