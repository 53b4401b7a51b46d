// The one place that holds the page module's state: every figure's settings
// and its cached trace, the figure on show, the theme, and the canvas.
// Figures draw from it; commands and input change it; nothing else keeps
// lesson or model state.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/explain.h"

namespace lesson {

// The figure ids of docs/API.md, in page order.
// learn ("Watch it learn", web/figure_learn.h) keeps its model outside FigureState.
enum class FigureId { flow, rnn, formula, analogy, walkthrough, production, playground, takeaway, learn };
constexpr int kFigureCount = 9;
const char* figure_name(FigureId id);
std::optional<FigureId> figure_from_name(const std::string& name);

// One figure's settings (docs/API.md, "set"). The model settings (sentence
// through max_tokens) decide the trace; the rest only decide what is drawn.
struct FigureSettings {
  std::string sentence = "Alice emailed Bob because she had a question";
  int heads = 3;
  int d_model = 0;
  std::string positional = "sinusoidal";
  bool causal = false;
  bool scale = true;
  double temperature = 1.0;
  int seed = 1;
  int max_tokens = 64;

  int selected = 4;          // query token index: "she" in the running example
  int head = 0;              // head index shown (0: coreference)
  int step = 1;              // walkthrough 1..8
  std::string formula_part;  // "", q, k, v, kt, sqrt_dk, softmax, product
  bool hard_argmax = false;
  // flow and walkthrough (step 6 on): draw the words without their weights
  // while the learner makes a guess in the text (shell/js/predict.js).
  bool hide_weights = false;
  int dk = 64;               // the scaling demo's width
  int rnn_distance = 4;
  int analogy_step = 1;      // 1..3
  std::string layout = "side";  // playground: side (small multiples) or single
  // playground: the lesson's "designed" heads or the "trained" GPT's
  // (core/gpt_explain.h); the page loads the trained weights first.
  std::string model = "designed";
};

nlohmann::json settings_to_json(const FigureSettings& settings);
// Merges `patch` into `settings`; throws std::invalid_argument naming the
// setting that is wrong. Unknown keys are an error too, so typos show up.
void merge_settings(FigureSettings& settings, const nlohmann::json& patch);
attn::ExplainOptions explain_options(const FigureSettings& settings);

struct FigureState {
  FigureId id = FigureId::flow;
  FigureSettings settings;
  std::optional<attn::ExplainTrace> trace;  // computed for trace_key
  std::string trace_key;                    // the model settings the trace belongs to
  // production only: "dog bites man" and "man bites dog" under the same
  // model settings, for the word-order comparison.
  std::vector<attn::ExplainTrace> word_orders;
  std::string error;                        // why the last request could not be honoured
};

enum class Theme { light, dark };

struct AppState {
  std::array<FigureState, kFigureCount> figures;
  FigureId shown = FigureId::flow;
  Theme theme = Theme::light;
  bool theme_set_by_page = false;  // once the page says, the system preference stops deciding
  bool reduced_motion = false;
  bool canvas_focused = false;
  bool started = false;            // startApp succeeded: there is a canvas to draw on
};

AppState& app();
FigureState& figure(FigureId id);
inline FigureState& shown_figure() { return figure(app().shown); }

// A trace computed for some settings, not yet installed in its figure.
struct ComputedTrace {
  attn::ExplainTrace trace;
  std::vector<attn::ExplainTrace> word_orders;
  std::string key;
};

// Computes the trace for `settings` unless the figure already holds it
// (nullopt then). Throws std::invalid_argument when the settings are invalid;
// the figure is left untouched either way.
std::optional<ComputedTrace> compute_trace(const FigureState& fig, const FigureSettings& settings);
void install_trace(FigureState& fig, ComputedTrace computed);

// Makes sure the figure's trace matches its settings, computing it when the
// model settings changed. Throws std::invalid_argument when they are invalid.
void ensure_trace(FigureState& fig);

// Clamps selected and head to the trace's tokens and heads.
void clamp_selection(FigureState& fig);

// The state JSON of docs/API.md for one figure.
nlohmann::json state_json(FigureState& fig);

}  // namespace lesson
