// Loads the embedded font subsets into ImGui's atlas.
#include "web/fonts.h"

extern const unsigned char lesson_font_regular[];
extern const unsigned int lesson_font_regular_size;
extern const unsigned char lesson_font_bold[];
extern const unsigned int lesson_font_bold_size;

namespace lesson {
namespace {

// The characters embed_font.sh keeps (Latin, Greek, dashes and quotes,
// super/subscripts, superscript T, arrows, maths operators, a few shapes).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F, 0x0391, 0x03A9, 0x03B1, 0x03C9, 0x2013, 0x2014,
    0x2018, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026, 0x2070, 0x208E, 0x1D40, 0x1D40,
    0x2190, 0x2195, 0x21D2, 0x21D2, 0x2200, 0x2212, 0x2219, 0x221E, 0x2248, 0x2248,
    0x2260, 0x2265, 0x22C5, 0x22C5, 0x25A0, 0x25A0, 0x25B2, 0x25BC, 0x25CF, 0x25CF, 0};

Fonts loaded;

ImFont* add(const unsigned char* data, unsigned int size, float px, float ratio) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the arrays are static; the atlas must not free them
  config.OversampleH = 1;               // already rasterised at device resolution
  config.PixelSnapH = true;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data),
                                                    static_cast<int>(size), px * ratio, &config,
                                                    kGlyphRanges);
}

}  // namespace

const Fonts& fonts() { return loaded; }

void build_fonts(float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  loaded.body = add(lesson_font_regular, lesson_font_regular_size, kBodyPx, ratio);
  loaded.small = add(lesson_font_regular, lesson_font_regular_size, kSmallPx, ratio);
  loaded.bold = add(lesson_font_bold, lesson_font_bold_size, kBodyPx, ratio);
  loaded.title = add(lesson_font_bold, lesson_font_bold_size, kTitlePx, ratio);
  io.Fonts->Build();
  io.FontDefault = loaded.body;
  io.FontGlobalScale = 1.f / ratio;
}

}  // namespace lesson
