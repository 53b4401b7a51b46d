// The JavaScript surface (docs/API.md): a small table of calls in and one
// event out. Every call takes and returns a JSON string; nothing here throws
// across into JavaScript.
#include <string>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/api.h"
#include "core/quiz_api.h"
#include "web/commands.h"
#include "web/main_loop.h"

namespace {

std::string start_app(const std::string& selector) {
  try {
    return lesson::start_app(selector).dump();
  } catch (const std::exception& e) {
    return nlohmann::json{{"error", std::string("The figures could not start: ") + e.what()}}.dump();
  }
}

// The page's callback, called with {"event": "state", ...} whenever the canvas
// itself changes the state (a click, a tap, an arrow key).
void on_event(emscripten::val callback) {
  if (callback.typeOf().as<std::string>() != "function") {
    lesson::set_state_listener(nullptr);
    return;
  }
  lesson::set_state_listener([callback](const std::string& state) { callback(state); });
}

std::string quizzes() { return attn::quizzes_json(); }

}  // namespace

EMSCRIPTEN_BINDINGS(attention_lesson) {
  emscripten::function("tokenize", &attn::tokenize_json);
  emscripten::function("attend", &attn::attend_json);
  emscripten::function("explain", &attn::explain_json);
  emscripten::function("loadModel", &attn::load_model_json);  // the trained heads' weights (docs/API.md)
  emscripten::function("loadNames", &attn::load_names_json);  // the full list of first names (docs/API.md)
  emscripten::function("quizzes", &quizzes);
  emscripten::function("grade", &attn::grade_json);
  emscripten::function("progress", &attn::progress_json);
  emscripten::function("startApp", &start_app);
  emscripten::function("command", &lesson::handle_command);
  emscripten::function("onEvent", &on_event);
}
