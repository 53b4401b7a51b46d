// Canvas input with emscripten/html5.h (no wheel: the page keeps scrolling
// over the figure). Every callback is registered on the
// canvas element only, so the rest of the page keeps its keyboard. Tab is never
// swallowed: focus must be able to leave the canvas.
#include "web/input.h"

#include <cfloat>

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "web/app_state.h"
#include "web/commands.h"
#include "web/main_loop.h"

namespace lesson {
namespace {

struct Pointer {
  bool down = false;             // the button as the page last reported it
  bool press_seen = false;       // a frame has seen the current press
  bool release_pending = false;  // released before any frame saw the press
  double last_touch = -1e9;      // browsers follow a tap with emulated mouse events
};

Pointer pointer;

void set_mouse_pos(float x, float y) { ImGui::GetIO().MousePos = ImVec2(x, y); }

void press() {
  pointer.down = true;
  pointer.press_seen = false;
  pointer.release_pending = false;
  ImGui::GetIO().MouseDown[0] = true;
}

void release() {
  pointer.down = false;
  if (pointer.press_seen) ImGui::GetIO().MouseDown[0] = false;
  else pointer.release_pending = true;
}

bool emulated_after_touch() { return emscripten_performance_now() - pointer.last_touch < 800.0; }

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* event, void*) {
  if (emulated_after_touch()) return EM_FALSE;
  set_mouse_pos(static_cast<float>(event->targetX), static_cast<float>(event->targetY));
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN && event->button == 0) press();
  if (type == EMSCRIPTEN_EVENT_MOUSEUP && event->button == 0) release();
  if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) set_mouse_pos(-FLT_MAX, -FLT_MAX);
  request_frames();
  return EM_FALSE;  // let the browser focus the canvas on click
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* event, void*) {
  pointer.last_touch = emscripten_performance_now();
  if (event->numTouches > 0) {
    const EmscriptenTouchPoint& touch = event->touches[0];
    set_mouse_pos(static_cast<float>(touch.targetX), static_cast<float>(touch.targetY));
  }
  if (type == EMSCRIPTEN_EVENT_TOUCHSTART) press();
  if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) release();
  request_frames();
  // Never preventDefault: a finger on the sticky canvas must still scroll the page.
  return EM_FALSE;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* event, void*) {
  if (type != EMSCRIPTEN_EVENT_KEYDOWN) return EM_FALSE;
  if (event->ctrlKey || event->altKey || event->metaKey) return EM_FALSE;
  const std::string key = event->key;
  int delta = 0;
  if (key == "ArrowRight" || key == "ArrowDown") delta = 1;
  else if (key == "ArrowLeft" || key == "ArrowUp") delta = -1;
  else if (key == "Home") delta = -100000;
  else if (key == "End") delta = 100000;
  if (delta == 0) return EM_FALSE;  // Tab and everything else go to the browser
  move_selection_from_canvas(delta);
  return EM_TRUE;  // the arrows would otherwise scroll the page
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
  app().canvas_focused = type == EMSCRIPTEN_EVENT_FOCUS;
  request_frames();
  return EM_FALSE;
}

}  // namespace

void install_input(const std::string& selector) {
  const char* target = selector.c_str();
  emscripten_set_mousedown_callback(target, nullptr, EM_FALSE, on_mouse);
  emscripten_set_mouseup_callback(target, nullptr, EM_FALSE, on_mouse);
  emscripten_set_mousemove_callback(target, nullptr, EM_FALSE, on_mouse);
  emscripten_set_mouseleave_callback(target, nullptr, EM_FALSE, on_mouse);
  emscripten_set_touchstart_callback(target, nullptr, EM_FALSE, on_touch);
  emscripten_set_touchmove_callback(target, nullptr, EM_FALSE, on_touch);
  emscripten_set_touchend_callback(target, nullptr, EM_FALSE, on_touch);
  emscripten_set_touchcancel_callback(target, nullptr, EM_FALSE, on_touch);
  emscripten_set_keydown_callback(target, nullptr, EM_FALSE, on_key);
  emscripten_set_focus_callback(target, nullptr, EM_FALSE, on_focus);
  emscripten_set_blur_callback(target, nullptr, EM_FALSE, on_focus);
}

void input_before_frame() {
  if (ImGui::GetIO().MouseDown[0]) pointer.press_seen = true;
}

void input_after_frame() {
  ImGuiIO& io = ImGui::GetIO();
  if (pointer.release_pending) {
    pointer.release_pending = false;
    pointer.press_seen = true;
    io.MouseDown[0] = false;
    request_frames();  // the next frame sees the release
  }
  // The position stays after a tap, so the tapped word's tooltip stays too:
  // touch has no hover, and this is how a finger reads the percentages.
}

}  // namespace lesson
