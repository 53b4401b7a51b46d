// WebGL2 context, ImGui setup, HiDPI sizing and the on-demand frame loop.
// CSS decides the canvas size; each frame reads it, multiplies by
// devicePixelRatio and sizes the backing store to match (as sokol_app does).
#include "web/main_loop.h"

#include <algorithm>

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "web/app_state.h"
#include "web/figures.h"
#include "web/fonts.h"
#include "web/input.h"
#include "web/theme.h"

namespace lesson {
namespace {

struct Canvas {
  std::string selector;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = 0;
  double css_width = 0, css_height = 0;
  float pixel_ratio = 0.f;      // the ratio the font atlas was built for
  int frames_left = 0;
  bool frame_requested = false;
  double animate_until = 0;     // performance.now() time
  double last_frame = 0;
  bool canvas_changed = false;  // a figure changed state during this frame
  bool renderer_ready = false;  // fonts rasterised, shaders compiled
  Theme drawn_theme = Theme::light;
  std::function<void(const std::string&)> listener;
};

Canvas canvas;

// The system's colour scheme, and a listener so the figure follows it live
// until the page sets a theme itself.
EM_JS(int, system_prefers_dark, (), {
  return (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches) ? 1 : 0;
});

EM_JS(void, watch_system_theme_and_size, (const char* selector), {
  var target = document.querySelector(UTF8ToString(selector));
  if (typeof matchMedia === 'function') {
    var query = matchMedia('(prefers-color-scheme: dark)');
    var changed = function() { _attn_system_theme_changed(query.matches ? 1 : 0); };
    if (query.addEventListener) query.addEventListener('change', changed);
  }
  // The canvas box can change without a window resize (the page's layout).
  if (target && typeof ResizeObserver === 'function') {
    new ResizeObserver(function() { _attn_canvas_resized(); }).observe(target);
  }
});

void sync_canvas_size() {
  double w = 0, h = 0;
  emscripten_get_element_css_size(canvas.selector.c_str(), &w, &h);
  const float ratio = static_cast<float>(std::max(1.0, emscripten_get_device_pixel_ratio()));
  canvas.css_width = std::max(1.0, w);
  canvas.css_height = std::max(1.0, h);
  const int backing_w = static_cast<int>(canvas.css_width * ratio + 0.5);
  const int backing_h = static_cast<int>(canvas.css_height * ratio + 0.5);
  int current_w = 0, current_h = 0;
  emscripten_get_canvas_element_size(canvas.selector.c_str(), &current_w, &current_h);
  if (current_w != backing_w || current_h != backing_h)
    emscripten_set_canvas_element_size(canvas.selector.c_str(), backing_w, backing_h);
  if (ratio != canvas.pixel_ratio) {
    // A new pixel density (first frame, or the window moved to another screen):
    // rasterise the glyphs again at the new size.
    if (canvas.pixel_ratio != 0.f) ImGui_ImplOpenGL3_DestroyFontsTexture();
    build_fonts(ratio);
    if (canvas.pixel_ratio != 0.f) ImGui_ImplOpenGL3_CreateFontsTexture();
    canvas.pixel_ratio = ratio;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(canvas.css_width), static_cast<float>(canvas.css_height));
  io.DisplayFramebufferScale = ImVec2(backing_w / static_cast<float>(canvas.css_width),
                                      backing_h / static_cast<float>(canvas.css_height));
}

// The renderer's set-up gets an animation frame of its own, apart from both
// startApp (the WebGL context) and the first drawn frame: rasterising the fonts
// and compiling the shaders take ~100 ms in a software-rendered browser, and
// every task over 50 ms delays a click (Lighthouse's total blocking time).
void prepare_renderer() {
  sync_canvas_size();  // builds the fonts before the renderer uploads them
  ImGui_ImplOpenGL3_Init("#version 300 es");
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  canvas.renderer_ready = true;
}

void emit_state() {
  if (!canvas.listener) return;
  nlohmann::json state = state_json(shown_figure());
  state["event"] = "state";
  canvas.listener(state.dump());
}

void draw_frame(double now) {
  emscripten_webgl_make_context_current(canvas.context);
  if (!canvas.renderer_ready) prepare_renderer();
  sync_canvas_size();
  if (canvas.drawn_theme != app().theme) {
    apply_theme(app().theme);
    canvas.drawn_theme = app().theme;
  }
  ImGuiIO& io = ImGui::GetIO();
  // Headless browsers with virtual time can report the same time twice, and
  // ImGui asserts DeltaTime > 0.
  io.DeltaTime = static_cast<float>(std::clamp((now - canvas.last_frame) / 1000.0, 1e-4, 0.25));
  canvas.last_frame = now;

  input_before_frame();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("figure", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  draw_figure(shown_figure());
  if (app().canvas_focused) {
    // Keyboard users need to see that the canvas has focus and what keys do.
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddRect(ImVec2(1, 1), ImVec2(io.DisplaySize.x - 1, io.DisplaySize.y - 1),
                  palette().focus, 4.f, 0, 2.f);
  }
  ImGui::End();
  ImGui::Render();
  input_after_frame();

  const ImVec4 clear = palette().clear;
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  glClearColor(clear.x, clear.y, clear.z, clear.w);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  if (canvas.canvas_changed) {
    canvas.canvas_changed = false;
    emit_state();
  }
}

EM_BOOL on_animation_frame(double now, void*) {
  canvas.frame_requested = false;
  if (!canvas.renderer_ready) {
    emscripten_webgl_make_context_current(canvas.context);
    prepare_renderer();
    request_frames(1);  // draw in the next one
    return EM_FALSE;
  }
  draw_frame(now);
  canvas.frames_left = std::max(0, canvas.frames_left - 1);
  if (canvas.frames_left > 0 || now < canvas.animate_until) request_frames(0);
  return EM_FALSE;  // one frame per request: no continuous loop
}

}  // namespace

void request_frames(int count) {
  if (!app().started) return;
  canvas.frames_left = std::max(canvas.frames_left, count);
  if (canvas.frame_requested) return;
  canvas.frame_requested = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

void animate_for(double ms) {
  if (app().reduced_motion || !app().started) return;
  canvas.animate_until = std::max(canvas.animate_until, emscripten_performance_now() + ms);
  request_frames(1);
}

void render_now() {
  if (!app().started) return;
  // Twice: ImGui lays out windows on the first frame after a change.
  draw_frame(emscripten_performance_now());
  draw_frame(emscripten_performance_now() + 1.0);
}

void set_state_listener(std::function<void(const std::string&)> listener) {
  canvas.listener = std::move(listener);
}

void note_canvas_change() {
  canvas.canvas_changed = true;
  request_frames();
}

nlohmann::json start_app(const std::string& selector) {
  if (app().started) {
    if (selector != canvas.selector) return {{"error", "The figures are already running on " + canvas.selector + "."}};
    request_frames();
    return {{"ok", true}};
  }
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = false;
  // ImGui antialiases its own shapes, so multisampling buys nothing visible. It
  // cost ~200 ms of context creation in Chromium's software renderer and a
  // resolve every frame; keeping the drawing buffer cost more. The PNG export
  // renders and reads the canvas in one task, which needs neither.
  attributes.antialias = false;
  attributes.premultipliedAlpha = false;
  attributes.preserveDrawingBuffer = false;
  const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context =
      emscripten_webgl_create_context(selector.c_str(), &attributes);
  if (context <= 0) {
    return {{"error", "WebGL2 is not available on " + selector +
                          " (code " + std::to_string(static_cast<long>(context)) +
                          "): the figures cannot be drawn, but the lesson's text and quizzes still work."}};
  }
  canvas.selector = selector;
  canvas.context = context;
  emscripten_webgl_make_context_current(context);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing to save on the web
  io.LogFilename = nullptr;
  if (!app().theme_set_by_page) app().theme = system_prefers_dark() ? Theme::dark : Theme::light;
  apply_theme(app().theme);
  canvas.drawn_theme = app().theme;

  install_input(selector);
  watch_system_theme_and_size(selector.c_str());
  app().started = true;
  canvas.last_frame = emscripten_performance_now();
  request_frames();
  return {{"ok", true}};
}

}  // namespace lesson

extern "C" {

EMSCRIPTEN_KEEPALIVE void attn_system_theme_changed(int dark) {
  if (lesson::app().theme_set_by_page) return;
  lesson::app().theme = dark ? lesson::Theme::dark : lesson::Theme::light;
  lesson::request_frames();
}

EMSCRIPTEN_KEEPALIVE void attn_canvas_resized() { lesson::request_frames(); }

}  // extern "C"
