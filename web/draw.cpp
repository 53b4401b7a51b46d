// The shared drawing helpers (see draw.h). Everything is drawn with the
// current window's draw list in CSS pixels; ImGui scales to the backing store.
#include "web/draw.h"

#include <algorithm>
#include <array>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include <GLES3/gl3.h>

#include "web/fonts.h"
#include "web/heatmap_texels.h"
#include "web/theme.h"

namespace lesson::draw {
namespace {

ImDrawList* list() { return ImGui::GetWindowDrawList(); }
ImFont* or_body(ImFont* font) { return font ? font : fonts().body; }

bool hovering(const ImRect& rect) {
  return ImGui::IsWindowHovered() && rect.Contains(ImGui::GetIO().MousePos);
}

// GL textures for the heatmaps drawn as one image (see heatmap). The n-th such
// heatmap of a frame reuses the n-th texture of the frame before, so a frame
// allocates nothing on the GPU. Each texture remembers the matrix and colours
// it shows: most frames (a word selected, the pointer moved) redraw the same
// matrices, and then neither the colours nor the upload are done again.
// Figures draw inside main_loop's frame, with the page's WebGL context current.
struct HeatmapColours {  // everything besides the matrix that decides the texels
  ImU32 hue, panel, grid, negative;
  float largest;
  int mode;  // 0 linear, 1 probabilities, 2 signed
  long step_r, step_c;
  bool operator==(const HeatmapColours& o) const {
    return hue == o.hue && panel == o.panel && grid == o.grid && negative == o.negative &&
           largest == o.largest && mode == o.mode && step_r == o.step_r && step_c == o.step_c;
  }
};
struct HeatmapTexture {
  GLuint name = 0;
  // What the texels show, compared bit for bit. Plain floats copied with
  // memcpy: Eigen's copy relies on inlining, which this -Os file does not get.
  long rows = 0, cols = 0;
  std::vector<float> values;
  HeatmapColours colours{};
  bool shows(const attn::Matrix& m, const HeatmapColours& c) const {
    return name != 0 && colours == c && rows == m.rows() && cols == m.cols() &&
           std::memcmp(values.data(), m.data(), sizeof(float) * values.size()) == 0;
  }
  void remember(const attn::Matrix& m, const HeatmapColours& c) {
    rows = m.rows();
    cols = m.cols();
    values.assign(m.data(), m.data() + m.size());
    colours = c;
  }
};
struct HeatmapTextures {
  int frame = -1;
  std::size_t used = 0;  // textures handed out during `frame`
  std::vector<HeatmapTexture> pool;
};
HeatmapTextures heatmap_textures;

HeatmapTexture& next_heatmap_texture() {
  HeatmapTextures& t = heatmap_textures;
  if (t.frame != ImGui::GetFrameCount()) {
    // A new frame: free what the last frame did not need (a figure with fewer heatmaps).
    for (std::size_t i = t.used; i < t.pool.size(); ++i) glDeleteTextures(1, &t.pool[i].name);
    t.pool.resize(t.used);
    t.frame = ImGui::GetFrameCount();
    t.used = 0;
  }
  if (t.used == t.pool.size()) t.pool.emplace_back();
  return t.pool[t.used++];
}

// The texel ramps of the last hue asked for (and the theme's colours then):
// they depend on nothing else, and each is 512 blends of several calls in this
// -Os file, so eight maps of one hue share one.
const TexelColours& texel_colours(ImU32 hue) {
  static TexelColours ramp;
  static std::array<ImU32, 4> made_for{};  // hue, panel, negative, grid (opaque, so never all 0)
  const Palette& p = palette();
  const std::array<ImU32, 4> wanted{hue, p.panel, p.negative, p.grid};
  if (wanted != made_for) {
    for (int i = 0; i < 256; ++i) {
      ramp.towards_hue[i] = blend(p.panel, hue, i / 255.f);
      ramp.towards_negative[i] = blend(p.panel, p.negative, i / 255.f);
    }
    ramp.masked = p.grid;
    made_for = wanted;
  }
  return ramp;
}

// `pixels` is row-major, top row first; an ImU32 is R, G, B, A in memory.
void upload(HeatmapTexture& texture, const std::vector<ImU32>& pixels, int width, int height) {
  const bool fresh = texture.name == 0;
  if (fresh) glGenTextures(1, &texture.name);
  glBindTexture(GL_TEXTURE_2D, texture.name);
  if (fresh) {
    // Nearest texels: each block keeps its one colour right up to its edges.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // Between frames the page leaves no texture bound (ImGui's backend restores
  // what it found); asking GL with glGetIntegerv would wait on the GPU process.
  glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace

// ---- Text --------------------------------------------------------------
float font_px(ImFont* font) { return or_body(font)->FontSize * ImGui::GetIO().FontGlobalScale; }

ImVec2 text_size(ImFont* font, const std::string& s) {
  font = or_body(font);
  return font->CalcTextSizeA(font_px(font), FLT_MAX, 0.f, s.c_str());
}

void text(ImVec2 pos, const std::string& s, ImU32 colour, ImFont* font) {
  font = or_body(font);
  list()->AddText(font, font_px(font), ImVec2(std::floor(pos.x), std::floor(pos.y)), colour, s.c_str());
}

float text_wrapped(ImVec2 pos, const std::string& s, ImU32 colour, float width, ImFont* font) {
  font = or_body(font);
  const float size = font_px(font);
  list()->AddText(font, size, ImVec2(std::floor(pos.x), std::floor(pos.y)), colour, s.c_str(), nullptr, width);
  return wrapped_height(font, s, width);
}

float wrapped_height(ImFont* font, const std::string& s, float width) {
  font = or_body(font);
  return font->CalcTextSizeA(font_px(font), FLT_MAX, width, s.c_str()).y;
}

float text_wrapped_centered(ImVec2 top_centre, const std::string& s, ImU32 colour, float width, ImFont* font) {
  font = or_body(font);
  const float size = font_px(font);
  const char* line = s.c_str();
  const char* const end = line + s.size();
  float y = top_centre.y;
  while (line < end) {
    const char* paragraph_end = std::find(line, end, '\n');
    // ImGui's own word wrap: breaks at spaces, or inside a word longer than the width.
    const char* stop = font->CalcWordWrapPositionA(size / font->FontSize, line, paragraph_end, width);
    if (stop == line) {  // not even one character fits: draw one anyway, so the loop moves on
      unsigned int c = 0;
      stop = line + std::max(1, ImTextCharFromUtf8(&c, line, end));
    }
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0.f, line, stop).x;
    list()->AddText(font, size, ImVec2(std::floor(top_centre.x - w * 0.5f), std::floor(y)), colour, line, stop);
    y += size;
    line = stop;
    while (line < end && (*line == ' ' || *line == '\n')) ++line;
  }
  return y - top_centre.y;
}

void text_centered(ImVec2 centre, const std::string& s, ImU32 colour, ImFont* font) {
  const ImVec2 size = text_size(font, s);
  text(ImVec2(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f), s, colour, font);
}

std::string quote(const std::string& word) { return "\xE2\x80\x9C" + word + "\xE2\x80\x9D"; }

std::string percent(float weight) {
  return std::to_string(static_cast<int>(std::lround(weight * 100.f))) + "%";
}

std::string fixed(float value, int digits) {
  // "−" (U+2212) reads as a minus sign, not a hyphen. Like printf's "%.*f",
  // a value that rounds to zero keeps its sign: −0.00 says "a little below 0".
  const std::string sign = std::signbit(value) ? "\xE2\x88\x92" : "";
  if (std::isnan(value)) return sign + "nan";
  if (std::isinf(value)) return sign + "inf";
  // Not printf: in wasm its %f runs on software 128-bit long doubles, and
  // figures format hundreds of numbers a frame. A float times 10^digits
  // (digits <= 9) is exact in a double, and nearbyint rounds halves to even
  // as printf does, so the digits are printf's. Numbers too large for that
  // (none in this lesson) still go through printf.
  constexpr std::uint64_t powers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
  const double scaled = digits >= 0 && digits <= 9 ? std::nearbyint(std::fabs(static_cast<double>(value)) * powers[digits]) : 0.0;
  if (digits < 0 || digits > 9 || scaled >= 1e18) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, std::fabs(static_cast<double>(value)));
    return sign + buffer;
  }
  const std::uint64_t units = static_cast<std::uint64_t>(scaled);
  char buffer[32];
  char* end = std::to_chars(buffer, buffer + sizeof buffer, units / powers[digits]).ptr;
  if (digits > 0) {
    // 10^digits + the fraction prints as a 1 and then the fraction's digits,
    // zero-padded (5 at 2 digits: "105"); the 1 becomes the point.
    char* point = end;
    end = std::to_chars(point, buffer + sizeof buffer, powers[digits] + units % powers[digits]).ptr;
    *point = '.';
  }
  return sign + std::string(buffer, end);
}

std::string shape(long rows, long cols) {
  return std::to_string(rows) + " \xC3\x97 " + std::to_string(cols);
}

std::string fit(ImFont* font, const std::string& s, float width) {
  if (text_size(font, s).x <= width) return s;
  const std::string ellipsis = "\xE2\x80\xA6";
  std::string cut = s;
  while (!cut.empty()) {
    // Drop a whole UTF-8 character at a time.
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty()) cut.pop_back();
    if (text_size(font, cut + ellipsis).x <= width) return cut + ellipsis;
  }
  return "";
}

void tooltip(const std::string& s) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.f);
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// ---- Layout -------------------------------------------------------------
Area Area::take_top(float h) {
  h = std::min(h, height());
  Area band{min, ImVec2(max.x, min.y + h)};
  min.y += h;
  return band;
}

Area Area::take_left(float w) {
  w = std::min(w, width());
  Area band{min, ImVec2(min.x + w, max.y)};
  min.x += w;
  return band;
}

Area Area::inset(float by) const {
  return Area{ImVec2(min.x + by, min.y + by), ImVec2(max.x - by, max.y - by)};
}

Area figure_area() {
  const ImVec2 pos = ImGui::GetWindowPos();
  return Area{ImVec2(pos.x + ImGui::GetWindowContentRegionMin().x, pos.y + ImGui::GetWindowContentRegionMin().y),
              ImVec2(pos.x + ImGui::GetWindowContentRegionMax().x, pos.y + ImGui::GetWindowContentRegionMax().y)};
}

// Both lines wrap rather than end in an ellipsis: on a phone the subtitle's
// instructions are what a learner must read.
void title(Area& area, const std::string& heading, const std::string& subtitle) {
  area.take_top(text_wrapped(area.min, heading, palette().text, area.width(), fonts().title) + 4.f);
  if (!subtitle.empty()) area.take_top(text_wrapped(area.min, subtitle, palette().muted, area.width()) + 6.f);
  area.take_top(6.f);
}

float title_height(float width, const std::string& heading, const std::string& subtitle) {
  float h = wrapped_height(fonts().title, heading, width) + 4.f + 6.f;
  if (!subtitle.empty()) h += wrapped_height(nullptr, subtitle, width) + 6.f;
  return h;
}

// ---- Token chips -----------------------------------------------------------
ChipResult token_chips(const Area& area, const std::vector<std::string>& tokens,
                       const std::vector<ImU32>& fills, int selected, ImFont* font, float gap,
                       float row_gap) {
  font = or_body(font);
  if (row_gap < 0.f) row_gap = gap;
  ChipResult result;
  const float pad_x = 8.f, pad_y = 5.f;
  const float h = font_px(font) + 2.f * pad_y;
  float x = area.min.x, y = area.min.y;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool is_selected = static_cast<int>(i) == selected;
    // The selected word is bold only where bold comes in the chips' size: a
    // 15 px bold label in a 12 px chip spilt out of it.
    ImFont* label_font = is_selected && font_px(fonts().bold) == font_px(font) ? fonts().bold : font;
    const std::string label = fit(label_font, tokens[i], area.width() - 2.f * pad_x);
    const float w = text_size(label_font, label).x + 2.f * pad_x;
    if (x > area.min.x && x + w > area.max.x) {
      x = area.min.x;
      y += h + row_gap;
    }
    const ImRect rect(ImVec2(x, y), ImVec2(x + w, y + h));
    result.rects.push_back(rect);
    const ImU32 fill = is_selected ? palette().query : (i < fills.size() ? fills[i] : palette().chip);
    list()->AddRectFilled(rect.Min, rect.Max, fill, 6.f);
    if (hovering(rect)) {
      result.hovered = static_cast<int>(i);
      list()->AddRect(rect.Min, rect.Max, palette().muted, 6.f, 0, 1.5f);
      if (ImGui::IsMouseClicked(0)) result.clicked = static_cast<int>(i);
    }
    if (is_selected) list()->AddRect(rect.Min - ImVec2(2, 2), rect.Max + ImVec2(2, 2), palette().query, 8.f, 0, 2.f);
    text(ImVec2(x + pad_x, y + pad_y), label, text_on(fill), label_font);
    x += w + gap;
  }
  result.bottom = tokens.empty() ? area.min.y : y + h;
  return result;
}

// ---- Heatmap -----------------------------------------------------------------
HeatmapResult heatmap(const Area& area, const std::string& name, const attn::Matrix& values,
                      const std::vector<std::string>& row_labels,
                      const std::vector<std::string>& column_labels, const HeatmapStyle& style) {
  HeatmapResult result;
  const Palette& p = palette();
  ImFont* small = fonts().small;
  const float line = font_px(small) + 4.f;
  const long rows = static_cast<long>(values.rows()), cols = static_cast<long>(values.cols());

  float y = area.min.y;
  if (!name.empty()) {
    text(ImVec2(area.min.x, y), name, p.text, fonts().bold);
    // The shape goes where it fits: side-by-side maps on a phone leave it no room.
    const float name_w = text_size(fonts().bold, name).x;
    const std::string dims = shape(rows, cols);
    if (name_w + 8.f + text_size(small, dims).x <= area.width())
      text(ImVec2(area.min.x + name_w + 8.f, y + 2.f), dims, p.muted, small);
    y += font_px(fonts().bold) + 4.f;
  }
  // Rows too short to label keep the space for the cells (hover names them).
  float label_w = 0.f;
  if (rows * 9.f <= area.max.y - y) {
    for (const std::string& label : row_labels) label_w = std::max(label_w, text_size(small, label).x);
    label_w = std::min(label_w + 6.f, area.width() * style.label_share);
  }
  const float top = style.column_labels && !column_labels.empty() ? line : 0.f;
  if (rows == 0 || cols == 0) return result;
  // Cells are as wide as the columns allow; rows may be taller than the
  // cells are wide (up to a readable label height), so wide matrices such as
  // n x d_model still fill the space they have.
  // Under a pixel is fine: long sentences are drawn in pooled blocks below.
  const float cw = std::max(0.05f, std::min(style.max_cell, (area.width() - label_w) / cols));
  const float fit_h = std::max(0.05f, std::min(style.max_cell, (area.max.y - y - top) / rows));
  const float ch = std::min(fit_h, std::max(cw, 22.f));
  result.cell = ch;
  result.cell_width = cw;
  const ImVec2 origin(area.min.x + label_w, y + top);
  result.cells = ImRect(origin, origin + ImVec2(cw * cols, ch * rows));

  // The colour scale's top; only a free scale needs the matrix's largest |value|.
  float largest = style.probabilities ? 1.f : style.scale_max;
  if (largest <= 0.f) {
    largest = 0.f;
    for (long r = 0; r < rows; ++r)
      for (long c = 0; c < cols; ++c)
        if (std::isfinite(values(r, c))) largest = std::max(largest, std::fabs(values(r, c)));
  }
  if (largest == 0.f) largest = 1.f;

  const std::string sample = fixed(-0.99f, style.digits);
  const bool numbers = style.numbers && cw >= text_size(small, sample).x + 4.f && ch >= line;
  for (long c = 0; c < cols && top > 0.f && cw >= 14.f; ++c) {
    if (c >= static_cast<long>(column_labels.size())) break;
    const std::string label = fit(small, column_labels[c], cw - 2.f);
    const ImU32 colour = c == style.highlight_column ? p.text : p.muted;
    text_centered(ImVec2(origin.x + (c + 0.5f) * cw, y + line * 0.5f), label, colour, small);
  }
  const float gap = cw > 6.f && ch > 6.f ? 1.f : 0.f;
  for (long r = 0; r < rows; ++r) {
    const float row_y = origin.y + r * ch;
    if (r < static_cast<long>(row_labels.size()) && ch >= 9.f) {
      const bool is_query = r == style.highlight_row;
      const std::string label = fit(small, row_labels[r], label_w - 6.f);
      const ImVec2 size = text_size(small, label);
      text(ImVec2(origin.x - 6.f - size.x, row_y + (ch - size.y) * 0.5f), label, is_query ? p.query : p.muted, small);
    }
  }
  // Long sentences give cells under two pixels: colour one block per few cells
  // by the block's largest value, so a 512-token matrix stays a few thousand
  // blocks instead of millions (the hover still reads each cell).
  const long step_r = std::max(1L, static_cast<long>(std::ceil(2.f / ch)));
  const long step_c = std::max(1L, static_cast<long>(std::ceil(2.f / cw)));
  static_assert(attn::Matrix::IsRowMajor, "cells are indexed row by row");
  const float* cells = values.data();
  auto block_at = [&](long r, long c) { return block_value(cells, rows, cols, r, c, step_r, step_c); };
  ColourScale scale;
  scale.probabilities = style.probabilities;
  scale.signed_values = style.signed_values;
  scale.largest = largest;
  auto fill_of = [&](float v) { return std::isfinite(v) ? diverging(shade(scale, v), style.hue) : p.grid; };
  if (gap == 0.f && !numbers) {
    // Small cells have no gaps and no numbers: one texel per block and one
    // textured quad, instead of a rectangle per block for ImGui to tessellate.
    const long blocks_r = (rows + step_r - 1) / step_r, blocks_c = (cols + step_c - 1) / step_c;
    const HeatmapColours colours{style.hue, p.panel, p.grid, p.negative, largest,
                                 style.probabilities ? 1 : style.signed_values ? 2 : 0, step_r, step_c};
    HeatmapTexture& texture = next_heatmap_texture();
    if (!texture.shows(values, colours)) {
      const std::vector<ImU32> pixels =
          heatmap_texels(cells, rows, cols, step_r, step_c, scale, texel_colours(style.hue));
      upload(texture, pixels, static_cast<int>(blocks_c), static_cast<int>(blocks_r));
      texture.remember(values, colours);
    }
    // The last block of a row or column may hold fewer cells: map the quad's
    // edge to where the matrix ends inside it, as the rectangles did.
    const ImVec2 uv_max(static_cast<float>(cols) / (blocks_c * step_c), static_cast<float>(rows) / (blocks_r * step_r));
    list()->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture.name)), origin,
                     origin + ImVec2(cols * cw, rows * ch), ImVec2(0.f, 0.f), uv_max);
  } else {
    for (long r = 0; r < rows; r += step_r) {
      for (long c = 0; c < cols; c += step_c) {
        const long r_end = std::min(rows, r + step_r), c_end = std::min(cols, c + step_c);
        const float v = block_at(r, c);
        const ImVec2 a(origin.x + c * cw, origin.y + r * ch), b(origin.x + c_end * cw, origin.y + r_end * ch);
        const ImU32 fill = fill_of(v);
        list()->AddRectFilled(a, b - ImVec2(gap, gap), fill);
        if (numbers) {
          const std::string label = std::isfinite(v) ? fixed(v, style.digits) : "\xE2\x88\x92\xE2\x88\x9E";
          text_centered((a + b) * 0.5f, label, text_on(fill), small);
        }
      }
    }
  }
  if (style.highlight_row >= 0 && style.highlight_row < rows) {
    const float row_y = origin.y + style.highlight_row * ch;
    list()->AddRect(ImVec2(origin.x - 1, row_y - 1), ImVec2(origin.x + cols * cw + 1, row_y + ch + 1),
                    p.query, 0.f, 0, 2.f);
  }
  if (style.highlight_column >= 0 && style.highlight_column < cols) {
    const float col_x = origin.x + style.highlight_column * cw;
    list()->AddRect(ImVec2(col_x - 1, origin.y - 1), ImVec2(col_x + cw + 1, origin.y + rows * ch + 1),
                    p.key, 0.f, 0, 2.f);
  }
  if (hovering(result.cells)) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    result.column = std::clamp(static_cast<int>((mouse.x - origin.x) / cw), 0, static_cast<int>(cols) - 1);
    result.row = std::clamp(static_cast<int>((mouse.y - origin.y) / ch), 0, static_cast<int>(rows) - 1);
    const ImVec2 a(origin.x + result.column * cw, origin.y + result.row * ch);
    list()->AddRect(a, a + ImVec2(cw, ch), p.text, 0.f, 0, 1.5f);
    if (ImGui::IsMouseClicked(0)) result.clicked_row = result.row;
  }
  // Clicking a row label picks that row too.
  const ImRect labels(ImVec2(area.min.x, origin.y), ImVec2(origin.x, origin.y + rows * ch));
  if (hovering(labels) && ImGui::IsMouseClicked(0))
    result.clicked_row = std::clamp(static_cast<int>((ImGui::GetIO().MousePos.y - origin.y) / ch), 0,
                                    static_cast<int>(rows) - 1);
  return result;
}

// ---- Arcs and bars -----------------------------------------------------------
void arc(ImVec2 from, ImVec2 to, float lift, ImU32 colour, float thickness) {
  list()->AddBezierCubic(from, ImVec2(from.x, from.y - lift), ImVec2(to.x, to.y - lift), to, colour,
                         thickness);
  // An arrow head where the curve lands.
  const float s = std::max(4.f, thickness * 1.6f);
  list()->AddTriangleFilled(ImVec2(to.x - s, to.y - s * 1.4f), ImVec2(to.x + s, to.y - s * 1.4f), to, colour);
}

BarResult bar_rows(const Area& area, const std::vector<std::string>& labels, const std::vector<float>& values,
                   ImU32 hue, int highlight, float max_row) {
  BarResult result;
  const Palette& p = palette();
  const std::size_t all = std::min(labels.size(), values.size());
  if (all == 0) return result;
  // Rows never get shorter than their text. When the area is too short for
  // every word (a phone's canvas, a long sentence) the rows go into up to
  // three columns, and if even that is too little the last place says how
  // many are left out, rather than print labels over each other.
  const float min_row = font_px(fonts().small) + 3.f;
  const float row = std::max(min_row, std::min(max_row, area.height() / all));
  const std::size_t per_column = std::max<std::size_t>(1, static_cast<std::size_t>(area.height() / row));
  const std::size_t columns = std::min<std::size_t>(3, (all + per_column - 1) / per_column);
  const std::size_t places = per_column * columns;
  const std::size_t n = places >= all ? all : places - 1;
  ImFont* font = row >= 20.f ? fonts().body : fonts().small;
  const float gap = 12.f;
  const float column_w = (area.width() - gap * (columns - 1)) / columns;
  auto place = [&](std::size_t i) {
    return ImVec2(area.min.x + (i / per_column) * (column_w + gap), area.min.y + (i % per_column) * row);
  };
  if (n < all) {
    const ImVec2 at = place(n);
    text(ImVec2(at.x, at.y + (row - font_px(fonts().small)) * 0.5f),
         fit(fonts().small, "+ " + std::to_string(all - n) + " more", column_w), p.muted, fonts().small);
  }
  // Labels get their full width while the bar keeps a visible length: in
  // three narrow columns (a phone) the bar is the part that can shrink, as
  // the percentage beside it says the same.
  const float pct_w = text_size(font, "100%").x + 8.f;
  const float least_bar = columns > 1 ? 10.f : column_w * 0.3f;
  const float label_gap = columns > 1 ? 5.f : 10.f;  // between a label and its bar
  float label_w = 0.f;
  for (std::size_t i = 0; i < n; ++i)
    label_w = std::max(label_w, text_size(static_cast<int>(i) == highlight ? fonts().bold : font, labels[i]).x);
  label_w = std::min(label_w + label_gap, std::max(column_w * 0.35f, column_w - pct_w - least_bar));
  const float bar_w = std::max(10.f, column_w - label_w - pct_w);
  for (std::size_t i = 0; i < n; ++i) {
    const ImVec2 at = place(i);
    const float x = at.x, y = at.y;
    const ImRect rect(ImVec2(x, y), ImVec2(x + column_w, y + row));
    const bool is_highlight = static_cast<int>(i) == highlight;
    if (hovering(rect)) {
      result.hovered = static_cast<int>(i);
      list()->AddRectFilled(rect.Min, rect.Max, p.panel);
      if (ImGui::IsMouseClicked(0)) result.clicked = static_cast<int>(i);
    }
    // The highlighted word is bold, so it is measured in bold.
    ImFont* label_font = is_highlight ? fonts().bold : font;
    const float text_y = y + (row - font_px(label_font)) * 0.5f;
    const std::string label = fit(label_font, labels[i], label_w - label_gap);
    text(ImVec2(x + label_w - label_gap - text_size(label_font, label).x, text_y), label,
         is_highlight ? p.query : p.text, label_font);
    const float v = std::clamp(values[i], 0.f, 1.f);
    const ImVec2 a(x + label_w, y + row * 0.18f);
    list()->AddRectFilled(a, ImVec2(a.x + bar_w, y + row * 0.82f), p.panel, 3.f);
    if (v > 0.f) list()->AddRectFilled(a, ImVec2(a.x + std::max(2.f, bar_w * v), y + row * 0.82f), hue, 3.f);
    text(ImVec2(x + label_w + bar_w + 6.f, text_y), percent(v), p.text, font);
  }
  return result;
}

int column_chart(const Area& area, const std::vector<std::string>& labels, const std::vector<float>& values,
                 ImU32 hue) {
  const Palette& p = palette();
  ImFont* small = fonts().small;
  const std::size_t n = values.size();
  if (n == 0 || area.height() < 20.f) return -1;
  const float label_h = font_px(small) + 2.f;
  const float slot = area.width() / static_cast<float>(n);
  const float bottom = area.max.y - label_h;
  const float top = area.min.y + label_h;  // room for the percentage above a full bar
  int hovered = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = area.min.x + slot * static_cast<float>(i);
    const float v = std::clamp(values[i], 0.f, 1.f);
    const float y = bottom - (bottom - top) * v;
    const ImVec2 a(x + slot * 0.15f, y), b(x + slot * 0.85f, bottom);
    list()->AddRectFilled(ImVec2(a.x, top), b, p.panel, 2.f);
    if (v > 0.f) list()->AddRectFilled(ImVec2(a.x, std::min(y, bottom - 1.5f)), b, hue, 2.f);
    if (slot >= text_size(small, "100%").x) text_centered(ImVec2(x + slot * 0.5f, y - label_h * 0.5f), percent(v), p.muted, small);
    if (i < labels.size()) text_centered(ImVec2(x + slot * 0.5f, bottom + label_h * 0.5f), fit(small, labels[i], slot), p.muted, small);
    if (hovering(ImRect(ImVec2(x, area.min.y), ImVec2(x + slot, area.max.y)))) hovered = static_cast<int>(i);
  }
  return hovered;
}

void highlight_box(ImVec2 min, ImVec2 max, ImU32 colour) {
  list()->AddRectFilled(min, max, with_alpha(colour, 0.12f), 5.f);
  list()->AddRect(min, max, colour, 5.f, 0, 2.f);
}

// ---- Line plot -------------------------------------------------------------------
int line_plot(const Area& area, const std::vector<double>& xs, const std::vector<Series>& series,
              const std::string& x_label, const std::string& y_label) {
  const Palette& p = palette();
  ImFont* small = fonts().small;
  const float line = font_px(small) + 4.f;
  double x_max = 1.0, y_max = 1.0;
  for (double x : xs) x_max = std::max(x_max, x);
  for (const Series& s : series)
    for (double y : s.ys) y_max = std::max(y_max, y);
  const ImRect plot(ImVec2(area.min.x + 8.f, area.min.y + line * (series.size() + 1.5f)),
                    ImVec2(area.max.x - 8.f, area.max.y - line * 1.5f));
  if (plot.GetWidth() < 20.f || plot.GetHeight() < 20.f) return -1;
  // Legend, one line per series.
  for (std::size_t i = 0; i < series.size(); ++i) {
    const float y = area.min.y + i * line;
    list()->AddRectFilled(ImVec2(area.min.x + 8.f, y + 4.f), ImVec2(area.min.x + 20.f, y + line - 4.f),
                          series[i].colour);
    text(ImVec2(area.min.x + 26.f, y), series[i].label, p.text, small);
  }
  list()->AddLine(plot.GetBL(), plot.GetBR(), p.muted);
  list()->AddLine(plot.GetBL(), plot.GetTL(), p.muted);
  text(ImVec2(plot.Max.x - text_size(small, x_label).x, plot.Max.y + 3.f), x_label, p.muted, small);
  text(ImVec2(plot.Min.x + 4.f, plot.Min.y - line), y_label, p.muted, small);
  auto at = [&](double x, double y) {
    return ImVec2(plot.Min.x + static_cast<float>(x / x_max) * plot.GetWidth(),
                  plot.Max.y - static_cast<float>(y / y_max) * plot.GetHeight());
  };
  for (const Series& s : series) {
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < xs.size() && i < s.ys.size(); ++i) points.push_back(at(xs[i], s.ys[i]));
    if (points.size() >= 2) list()->AddPolyline(points.data(), static_cast<int>(points.size()), s.colour, 0, 2.5f);
  }
  int hovered = -1;
  if (hovering(plot) && !xs.empty()) {
    const double x = (ImGui::GetIO().MousePos.x - plot.Min.x) / plot.GetWidth() * x_max;
    double best = DBL_MAX;
    for (std::size_t i = 0; i < xs.size(); ++i)
      if (std::fabs(xs[i] - x) < best) {
        best = std::fabs(xs[i] - x);
        hovered = static_cast<int>(i);
      }
    const ImVec2 top = at(xs[hovered], y_max), bottom = at(xs[hovered], 0);
    list()->AddLine(top, bottom, p.grid);
  }
  return hovered;
}

}  // namespace lesson::draw
