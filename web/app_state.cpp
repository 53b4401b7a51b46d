// Figure settings in and out of JSON, the per-figure trace cache, and the
// state JSON the page reads (docs/API.md).
#include "web/app_state.h"

#include <algorithm>
#include <stdexcept>

#include "core/first_names.h"
#include "core/gpt_explain.h"
#include "web/figure_facts.h"
#include "web/figure_learn.h"

namespace lesson {
namespace {

using nlohmann::json;

constexpr const char* kFigureNames[kFigureCount] = {
    "flow", "rnn", "formula", "analogy", "walkthrough", "production", "playground", "takeaway", "learn"};

// Each figure starts on the example its section talks about.
FigureSettings default_settings(FigureId id) {
  FigureSettings s;
  switch (id) {
    case FigureId::rnn:
      // Long enough for the distance slider to show the RNN's signal fading.
      s.sentence = "Alice emailed Bob because she had a question about the report that her team "
                   "finished late on Friday";
      s.selected = 0;
      break;
    case FigureId::production:
      s.sentence = "dog bites man";
      s.selected = 0;
      break;
    case FigureId::playground:
      s.heads = 4;
      s.max_tokens = 512;
      break;
    default:
      break;
  }
  return s;
}

AppState make_app() {
  AppState state;
  for (int i = 0; i < kFigureCount; ++i) {
    state.figures[i].id = static_cast<FigureId>(i);
    state.figures[i].settings = default_settings(static_cast<FigureId>(i));
  }
  return state;
}

[[noreturn]] void bad_setting(const std::string& name, const std::string& why) {
  throw std::invalid_argument("The setting \"" + name + "\" " + why + ".");
}

int int_in(const json& value, const std::string& name, int lo, int hi) {
  if (!value.is_number()) bad_setting(name, "must be a number");
  const double v = value.get<double>();
  if (v != static_cast<double>(static_cast<long long>(v))) bad_setting(name, "must be a whole number");
  if (v < lo || v > hi)
    bad_setting(name, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return static_cast<int>(v);
}

bool boolean(const json& value, const std::string& name) {
  if (!value.is_boolean()) bad_setting(name, "must be true or false");
  return value.get<bool>();
}

std::string one_of(const json& value, const std::string& name, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (value.is_string() && value.get<std::string>() == a) return a;
    list += std::string(list.empty() ? "" : ", ") + "\"" + a + "\"";
  }
  bad_setting(name, "must be one of " + list);
}

attn::Positional positional_from_name(const std::string& name) {
  if (name == "none") return attn::Positional::none;
  if (name == "learned") return attn::Positional::learned;
  if (name == "rotary") return attn::Positional::rotary;
  return attn::Positional::sinusoidal;
}

// The installed first names change how a sentence is read, so a trace read
// before the page loaded the full list is recomputed after it.
std::string model_key(const FigureSettings& s) {
  return json{s.sentence, s.heads, s.d_model, s.positional, s.causal, s.scale,
              s.temperature, s.seed, s.max_tokens, s.model, attn::first_names_generation()}.dump();
}

}  // namespace

const char* figure_name(FigureId id) { return kFigureNames[static_cast<int>(id)]; }

std::optional<FigureId> figure_from_name(const std::string& name) {
  for (int i = 0; i < kFigureCount; ++i)
    if (name == kFigureNames[i]) return static_cast<FigureId>(i);
  return std::nullopt;
}

AppState& app() {
  static AppState state = make_app();
  return state;
}

FigureState& figure(FigureId id) { return app().figures[static_cast<int>(id)]; }

json settings_to_json(const FigureSettings& s) {
  return {{"sentence", s.sentence},   {"heads", s.heads},
          {"d_model", s.d_model},     {"positional", s.positional},
          {"causal", s.causal},       {"scale", s.scale},
          {"temperature", s.temperature}, {"seed", s.seed},
          {"max_tokens", s.max_tokens}, {"selected", s.selected},
          {"head", s.head},           {"step", s.step},
          {"formula_part", s.formula_part}, {"hard_argmax", s.hard_argmax},
          {"hide_weights", s.hide_weights},
          {"dk", s.dk},               {"rnn_distance", s.rnn_distance},
          {"analogy_step", s.analogy_step}, {"layout", s.layout},
          {"model", s.model}};
}

void merge_settings(FigureSettings& s, const json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("Settings must be a JSON object.");
  for (const auto& [name, value] : patch.items()) {
    if (name == "sentence") {
      if (!value.is_string()) bad_setting(name, "must be text");
      s.sentence = value.get<std::string>();
    } else if (name == "heads") {
      s.heads = int_in(value, name, 1, 16);
    } else if (name == "d_model") {
      s.d_model = int_in(value, name, 0, 1024);
    } else if (name == "positional") {
      s.positional = one_of(value, name, {"none", "sinusoidal", "learned", "rotary"});
    } else if (name == "causal") {
      s.causal = boolean(value, name);
    } else if (name == "scale") {
      s.scale = boolean(value, name);
    } else if (name == "temperature") {
      if (!value.is_number() || !(value.get<double>() > 0.0) || value.get<double>() > 100.0)
        bad_setting(name, "must be a number above 0 and at most 100");
      s.temperature = value.get<double>();
    } else if (name == "seed") {
      s.seed = int_in(value, name, 0, 2147483647);
    } else if (name == "max_tokens") {
      s.max_tokens = int_in(value, name, 1, 512);
    } else if (name == "selected") {
      s.selected = int_in(value, name, 0, 511);
    } else if (name == "head") {
      s.head = int_in(value, name, 0, 15);
    } else if (name == "step") {
      s.step = int_in(value, name, 1, 8);
    } else if (name == "formula_part") {
      s.formula_part = one_of(value, name, {"", "q", "k", "v", "kt", "sqrt_dk", "softmax", "product"});
    } else if (name == "hard_argmax") {
      s.hard_argmax = boolean(value, name);
    } else if (name == "hide_weights") {
      s.hide_weights = boolean(value, name);
    } else if (name == "dk") {
      s.dk = int_in(value, name, 1, 4096);
    } else if (name == "rnn_distance") {
      s.rnn_distance = int_in(value, name, 1, 64);
    } else if (name == "analogy_step") {
      s.analogy_step = int_in(value, name, 1, 3);
    } else if (name == "layout") {
      s.layout = one_of(value, name, {"side", "single"});
    } else if (name == "model") {
      s.model = one_of(value, name, {"designed", "trained"});
    } else {
      throw std::invalid_argument("There is no setting called \"" + name + "\".");
    }
  }
}

attn::ExplainOptions explain_options(const FigureSettings& s) {
  attn::ExplainOptions options;
  options.heads = s.heads;
  options.d_model = s.d_model;
  options.positional = positional_from_name(s.positional);
  options.attention.scale = s.scale;
  options.attention.causal = s.causal;
  options.attention.temperature = static_cast<float>(s.temperature);
  options.seed = static_cast<std::uint32_t>(s.seed);
  options.max_tokens = s.max_tokens;
  return options;
}

std::optional<ComputedTrace> compute_trace(const FigureState& fig, const FigureSettings& settings) {
  const std::string key = model_key(settings);
  if (fig.trace && fig.trace_key == key) return std::nullopt;
  if (settings.model == "trained") {
    const attn::TrainedGpt* trained = attn::installed_trained_gpt();
    if (!trained)
      throw std::invalid_argument("The trained model is not loaded yet; choose \"trained\" again in a moment.");
    return ComputedTrace{attn::explain_trained(*trained, settings.sentence, settings.max_tokens).base, {}, key};
  }
  const attn::ExplainOptions options = explain_options(settings);
  ComputedTrace computed{attn::explain(settings.sentence, options), {}, key};
  if (fig.id == FigureId::production)
    computed.word_orders = {attn::explain("dog bites man", options), attn::explain("man bites dog", options)};
  return computed;
}

void install_trace(FigureState& fig, ComputedTrace computed) {
  fig.trace = std::move(computed.trace);
  fig.word_orders = std::move(computed.word_orders);
  fig.trace_key = std::move(computed.key);
  clamp_selection(fig);
}

void ensure_trace(FigureState& fig) {
  if (auto computed = compute_trace(fig, fig.settings)) install_trace(fig, std::move(*computed));
}

void clamp_selection(FigureState& fig) {
  if (!fig.trace) return;
  const int n = static_cast<int>(fig.trace->tokens.size());
  const int h = static_cast<int>(fig.trace->heads.size());
  fig.settings.selected = std::clamp(fig.settings.selected, 0, std::max(0, n - 1));
  fig.settings.head = std::clamp(fig.settings.head, 0, std::max(0, h - 1));
}

json state_json(FigureState& fig) {
  if (fig.id == FigureId::learn) return learn_figure_state(fig);  // a training session, not a trace
  json tokens = json::array(), unknown = json::array(), name_gender = json::array(), head_names = json::array();
  std::string notice;
  if (fig.trace) {
    for (const auto& token : fig.trace->tokens) {
      tokens.push_back(token.text);
      unknown.push_back(!token.known);
      name_gender.push_back(token.name_gender == attn::NameGender::none ? json(nullptr)
                                                                         : json(attn::name_gender_name(token.name_gender)));
    }
    for (const auto& head : fig.trace->heads) head_names.push_back(head.name);
    notice = fig.trace->notice;
  }
  json facts = json::object();
  if (fig.trace) {
    try {
      facts = figure_facts(fig);
    } catch (const std::exception& e) {
      facts = json{{"error", e.what()}};
    }
  }
  return {{"figure", figure_name(fig.id)},
          {"settings", settings_to_json(fig.settings)},
          {"tokens", tokens},
          {"unknown", unknown},
          {"name_gender", name_gender},
          {"selected", fig.settings.selected},
          {"head_names", head_names},
          {"facts", facts},
          {"theme", app().theme == Theme::dark ? "dark" : "light"},
          {"notice", notice},
          {"error", fig.error}};
}

}  // namespace lesson
