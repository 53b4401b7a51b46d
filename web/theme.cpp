// Light and dark palettes. Q, K, V keep their hue in both themes; on dark
// they are lighter so they keep their contrast against the background.
#include "web/theme.h"

#include <algorithm>

namespace lesson {
namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }

const Palette kLight = {
    rgb(255, 255, 255), rgb(245, 246, 248), rgb(33, 37, 41),    rgb(108, 117, 125),
    rgb(222, 226, 230), rgb(233, 236, 239), rgb(33, 37, 41),    rgb(255, 255, 255),
    rgb(217, 72, 15),   rgb(25, 113, 194),  rgb(47, 158, 68),   rgb(112, 72, 232),
    rgb(73, 80, 87),    rgb(25, 113, 194),  ImVec4(1.f, 1.f, 1.f, 1.f)};

const Palette kDark = {
    rgb(26, 27, 30),    rgb(37, 38, 43),    rgb(233, 236, 239), rgb(152, 160, 168),
    rgb(55, 58, 64),    rgb(44, 46, 51),    rgb(233, 236, 239), rgb(20, 21, 23),
    rgb(255, 146, 43),  rgb(77, 171, 247),  rgb(105, 219, 124), rgb(151, 117, 250),
    rgb(173, 181, 189), rgb(77, 171, 247),  ImVec4(26 / 255.f, 27 / 255.f, 30 / 255.f, 1.f)};

const Palette* current = &kLight;

}  // namespace

const Palette& palette() { return *current; }

void apply_theme(Theme theme) {
  current = theme == Theme::dark ? &kDark : &kLight;
  if (theme == Theme::dark) ImGui::StyleColorsDark(); else ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.f;
  style.WindowBorderSize = 0.f;
  style.PopupRounding = 4.f;
  style.WindowPadding = ImVec2(12.f, 10.f);
  style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(current->background);
  style.Colors[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(current->panel);
  style.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(current->text);
  style.Colors[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(current->grid);
}

ImU32 blend(ImU32 from, ImU32 to, float t) {
  t = std::clamp(t, 0.f, 1.f);
  const ImVec4 a = ImGui::ColorConvertU32ToFloat4(from), b = ImGui::ColorConvertU32ToFloat4(to);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t,
                                               a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t));
}

ImU32 with_alpha(ImU32 colour, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
  c.w = std::clamp(alpha, 0.f, 1.f);
  return ImGui::ColorConvertFloat4ToU32(c);
}

ImU32 diverging(float t, ImU32 hue) {
  return t >= 0.f ? blend(current->panel, hue, t) : blend(current->panel, current->negative, -t);
}

ImU32 text_on(ImU32 fill) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(fill);
  const float luminance = 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z;
  return luminance > 0.55f ? rgb(20, 21, 23) : rgb(250, 250, 250);
}

}  // namespace lesson
