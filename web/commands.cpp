// The command table of docs/API.md: show, set, select, state, export, render.
// A request that cannot be honoured leaves the figure as it was and says why
// in the state's "error".
#include "web/commands.h"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "web/app_state.h"
#include "web/export.h"
#include "web/figure_learn.h"
#include "web/main_loop.h"

namespace lesson {
namespace {

using nlohmann::json;

json error_reply(const std::string& message) { return {{"error", message}}; }

FigureState& target_figure(const json& request) {
  if (!request.contains("figure")) return shown_figure();
  const json& name = request["figure"];
  const auto id = name.is_string() ? figure_from_name(name.get<std::string>()) : std::nullopt;
  if (!id)
    throw std::invalid_argument("There is no figure called " + name.dump() +
                                "; the figures are flow, rnn, formula, analogy, walkthrough, "
                                "production, playground, takeaway and learn.");
  return figure(*id);
}

// Computes the trace if needed; a failure is reported in the state, not thrown.
void refresh(FigureState& fig) {
  try {
    ensure_trace(fig);
  } catch (const std::invalid_argument& e) {
    fig.error = e.what();
  }
}

// Settings for the whole canvas rather than one figure.
void apply_global_settings(json& patch) {
  if (patch.contains("theme")) {
    const json theme = patch["theme"];
    patch.erase("theme");
    if (theme != "dark" && theme != "light")
      throw std::invalid_argument("The setting \"theme\" must be \"dark\" or \"light\".");
    app().theme = theme == "dark" ? Theme::dark : Theme::light;
    app().theme_set_by_page = true;
  }
  if (patch.contains("reduced_motion")) {
    const json reduced = patch["reduced_motion"];
    patch.erase("reduced_motion");
    if (!reduced.is_boolean())
      throw std::invalid_argument("The setting \"reduced_motion\" must be true or false.");
    app().reduced_motion = reduced.get<bool>();
  }
}

json command_set(FigureState& fig, json patch) {
  patch.erase("cmd");
  patch.erase("figure");
  apply_global_settings(patch);
  FigureSettings next = fig.settings;
  merge_settings(next, patch);
  // Compute first, commit after: a failure leaves settings and trace as they were.
  std::optional<ComputedTrace> computed = compute_trace(fig, next);
  const attn::ExplainTrace& trace = computed ? computed->trace : *fig.trace;
  const int n = static_cast<int>(trace.tokens.size());
  if (patch.contains("selected") && next.selected >= n)
    throw std::invalid_argument("There is no token " + std::to_string(next.selected) + ": the sentence has " +
                                std::to_string(n) + " tokens.");
  const int h = static_cast<int>(trace.heads.size());
  if (patch.contains("head") && next.head >= h)
    throw std::invalid_argument("There is no head " + std::to_string(next.head) + ": the model has " +
                                std::to_string(h) + " heads.");
  fig.settings = next;
  if (computed) install_trace(fig, std::move(*computed));
  clamp_selection(fig);
  fig.error.clear();
  return state_json(fig);
}

json command_select(FigureState& fig, const json& request) {
  refresh(fig);
  if (!request.contains("token") || !request["token"].is_number_integer())
    throw std::invalid_argument("\"select\" needs a whole-number \"token\" index.");
  const int token = request["token"].get<int>();
  const int n = fig.trace ? static_cast<int>(fig.trace->tokens.size()) : 0;
  if (token < 0 || token >= n)
    throw std::invalid_argument("There is no token " + std::to_string(token) + ": the sentence has " +
                                std::to_string(n) + " tokens.");
  fig.settings.selected = token;
  fig.error.clear();
  return state_json(fig);
}

json dispatch(const json& request) {
  if (!request.is_object() || !request.contains("cmd") || !request["cmd"].is_string())
    return error_reply("A command is a JSON object with a \"cmd\": show, set, select, state, export or render.");
  const std::string cmd = request["cmd"];
  if (cmd == "learn") return learn_command(request);  // drives the training session (figure_learn.h)
  FigureState& fig = target_figure(request);
  if (cmd == "show") {
    if (!request.contains("figure")) return error_reply("\"show\" needs a \"figure\".");
    app().shown = fig.id;
    refresh(fig);
    request_frames();
    return state_json(fig);
  }
  if (cmd == "state") {
    refresh(fig);
    return state_json(fig);
  }
  if (cmd == "export") {
    refresh(fig);
    const std::string format = request.value("format", "csv");
    if (format != "csv" && format != "json")
      return error_reply("The export format must be \"csv\" or \"json\".");
    return export_figure(fig, format);
  }
  if (cmd == "render") {
    refresh(fig);
    render_now();
    return state_json(fig);
  }
  if (cmd == "set" || cmd == "select") {
    // One frame: the settings change before it draws, and the canvas keeps its
    // size and window, so there is nothing for ImGui to settle (a second frame
    // cost ~1 ms of main thread per interaction; docs/PERFORMANCE.md).
    try {
      json reply = cmd == "set" ? command_set(fig, request) : command_select(fig, request);
      request_frames(1);
      return reply;
    } catch (const std::invalid_argument& e) {
      // The previous settings and trace stay; the state says what was wrong.
      fig.error = e.what();
      request_frames(1);
      return state_json(fig);
    }
  }
  return error_reply("Unknown command \"" + cmd + "\": use show, set, select, state, export or render.");
}

void select_on_shown(int token) {
  FigureState& fig = shown_figure();
  if (!fig.trace) return;
  const int n = static_cast<int>(fig.trace->tokens.size());
  const int next = std::clamp(token, 0, std::max(0, n - 1));
  if (next == fig.settings.selected) return;
  fig.settings.selected = next;
  fig.error.clear();
  note_canvas_change();
  animate_for(250.0);
}

}  // namespace

std::string handle_command(const std::string& request) {
  try {
    const json parsed = json::parse(request);
    return dispatch(parsed).dump();
  } catch (const json::exception& e) {
    return error_reply(std::string("The command is not valid JSON: ") + e.what()).dump();
  } catch (const std::exception& e) {
    return error_reply(e.what()).dump();
  }
}

void move_selection_from_canvas(int delta) {
  const FigureState& fig = shown_figure();
  const long next = static_cast<long>(fig.settings.selected) + delta;
  select_on_shown(static_cast<int>(std::clamp(next, -1L, 100000L)));
}

void select_from_canvas(int token) { select_on_shown(token); }

}  // namespace lesson
