// Small drawing helpers the figures share: text, token chips, heatmaps of a
// matrix with labels and shape, arcs, bar rows and a line plot. They draw what
// they are given and report what the pointer is over; they compute no maths.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

#include "core/tensor.h"

namespace lesson::draw {

// ---- Text --------------------------------------------------------------
float font_px(ImFont* font);  // the font's size in CSS pixels
ImVec2 text_size(ImFont* font, const std::string& text);
void text(ImVec2 pos, const std::string& text, ImU32 colour, ImFont* font = nullptr);
void text_centered(ImVec2 centre, const std::string& text, ImU32 colour, ImFont* font = nullptr);
// Text wrapped at `width` pixels (phones are narrow); returns the height it took.
float text_wrapped(ImVec2 pos, const std::string& text, ImU32 colour, float width, ImFont* font = nullptr);
// The height text_wrapped would take, without drawing: for text laid out from
// the bottom up, or left out when there is no room for it.
float wrapped_height(ImFont* font, const std::string& text, float width);
// Text wrapped at `width` with each line centred on `top_centre.x`; returns the height it took.
float text_wrapped_centered(ImVec2 top_centre, const std::string& text, ImU32 colour, float width,
                            ImFont* font = nullptr);
std::string quote(const std::string& word);  // “word”
std::string percent(float weight);       // 0.613 -> "61%"
std::string fixed(float value, int digits = 2);
std::string shape(long rows, long cols);  // "8 × 16"
// Text cut to fit `width` with an ellipsis.
std::string fit(ImFont* font, const std::string& text, float width);
void tooltip(const std::string& text);

// ---- Layout -------------------------------------------------------------
// The content region of the figure window, shrunk as figures take rows off its top.
struct Area {
  ImVec2 min, max;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
  // Takes a band of `h` pixels off the top and returns it.
  Area take_top(float h);
  Area take_left(float w);
  Area inset(float by) const;
};
Area figure_area();  // the whole window content region
// A figure title and a one-line subtitle; returns what is left below.
void title(Area& area, const std::string& title, const std::string& subtitle = "");
// The height title() would take at `width`, without drawing.
float title_height(float width, const std::string& title, const std::string& subtitle = "");

// ---- Token chips -----------------------------------------------------------
struct ChipResult {
  std::vector<ImRect> rects;
  int hovered = -1;
  int clicked = -1;
  float bottom = 0.f;
};
// Lays the tokens out left to right, wrapping at the area's width. `fills`
// (one per token, may be empty) colour each chip; `selected` gets an outline.
// `gap` separates chips in a row; `row_gap` (default: `gap`) separates rows,
// for figures that write under each chip.
ChipResult token_chips(const Area& area, const std::vector<std::string>& tokens,
                       const std::vector<ImU32>& fills, int selected, ImFont* font = nullptr,
                       float gap = 8.f, float row_gap = -1.f);

// ---- Heatmap -----------------------------------------------------------------
struct HeatmapStyle {
  ImU32 hue = 0;              // colour of 1.0 (or of +max when signed)
  bool signed_values = false; // diverging colours around 0, scaled by the largest |value|
  float scale_max = 0.f;      // colour scale's top; 0: the matrix's largest |value|
  bool probabilities = false; // attention weights: a fixed 0..1 scale (square-root, so small weights show)
  bool numbers = true;        // print values in cells when they fit
  int digits = 2;
  int highlight_row = -1;
  int highlight_column = -1;
  float max_cell = 44.f;
  bool column_labels = true;
  float label_share = 0.3f;   // the most of the width the row labels may take
};
struct HeatmapResult {
  ImRect cells;               // where the cells were drawn
  int row = -1, column = -1;  // the hovered cell, if any
  int clicked_row = -1;
  float cell = 0.f;           // cell height
  float cell_width = 0.f;
};
// Title line "name  (rows × cols)", then row labels, column labels and cells.
HeatmapResult heatmap(const Area& area, const std::string& name, const attn::Matrix& values,
                      const std::vector<std::string>& row_labels,
                      const std::vector<std::string>& column_labels, const HeatmapStyle& style);

// ---- Arcs and bars -----------------------------------------------------------
// A curve from `from` to `to` bulging upwards by `lift`.
void arc(ImVec2 from, ImVec2 to, float lift, ImU32 colour, float thickness);
struct BarResult {
  int hovered = -1;
  int clicked = -1;
};
// One row per label: label, bar of length value (0..1), and the percentage.
// Rows stay at least as tall as their text; a short area takes up to three
// columns of rows, then says how many were left out.
BarResult bar_rows(const Area& area, const std::vector<std::string>& labels,
                   const std::vector<float>& values, ImU32 hue, int highlight = -1,
                   float max_row = 24.f);

// Vertical bars side by side, one per value (0..1), bottom-aligned, with the
// label of each under it; returns the hovered bar.
int column_chart(const Area& area, const std::vector<std::string>& labels, const std::vector<float>& values,
                 ImU32 hue);

// A translucent band with an outline, to point at part of a figure.
void highlight_box(ImVec2 min, ImVec2 max, ImU32 colour);

// ---- Line plot -------------------------------------------------------------------
struct Series {
  std::string label;
  std::vector<double> ys;
  ImU32 colour;
};
// Plots series over shared xs with linear axes from 0; returns the hovered x index.
int line_plot(const Area& area, const std::vector<double>& xs, const std::vector<Series>& series,
              const std::string& x_label, const std::string& y_label);

}  // namespace lesson::draw
