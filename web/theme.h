// The figures' colours for the light and dark themes, and the shared
// colour vocabulary: Q orange, K blue, V green (the page's CSS uses the same).
#pragma once

#include "imgui.h"

#include "web/app_state.h"

namespace lesson {

struct Palette {
  ImU32 background, panel, text, muted, grid, chip, chip_text, selected_text;
  ImU32 query, key, value;   // Q, K, V
  ImU32 accent;              // output / highlights that are none of Q, K, V
  ImU32 negative;            // negative numbers in diverging heatmaps
  ImU32 focus;
  ImVec4 clear;              // the canvas background as a GL clear colour
};

const Palette& palette();
void apply_theme(Theme theme);  // sets the palette and ImGui's style colours

// A heatmap colour: 0 -> background, 1 -> full `hue`.
ImU32 blend(ImU32 from, ImU32 to, float t);
ImU32 with_alpha(ImU32 colour, float alpha);
// Diverging colour for signed values scaled to [-1, 1]: positive toward `hue`,
// negative toward palette().negative (a neutral slate, so it never reads as Q, K or V).
ImU32 diverging(float t, ImU32 hue);
// Text colour that stays readable on `fill`.
ImU32 text_on(ImU32 fill);

}  // namespace lesson
