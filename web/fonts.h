// The figure fonts: DejaVu Sans subsets embedded by embed_font.sh, rasterised
// at the screen's pixel density so text stays crisp on HiDPI screens.
#pragma once

#include "imgui.h"

namespace lesson {

// Sizes in CSS pixels. Nothing a learner must read is drawn smaller than
// kMinReadablePx, at any canvas width: figures that run out of room cut or
// wrap text (draw::fit, draw::text_wrapped), never scale it down.
constexpr float kMinReadablePx = 11.f;
constexpr float kBodyPx = 15.f;
constexpr float kSmallPx = 12.f;
constexpr float kTitlePx = 18.f;
static_assert(kSmallPx >= kMinReadablePx && kBodyPx >= kMinReadablePx, "figure text must stay readable");

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
