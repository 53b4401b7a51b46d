// Routes each figure to the core's facts for it (core/facts.h); the numbers
// are computed there, never here.
#include "web/figure_facts.h"

#include <algorithm>
#include <map>
#include <string>
#include <stdexcept>
#include <utility>

#include "core/facts.h"
#include "core/figure_math.h"

namespace lesson {

const attn::ElmanRnn& figure_rnn(const FigureState& fig) {
  static std::map<std::pair<long, int>, attn::ElmanRnn> cache;  // by input width and seed
  const std::pair<long, int> key(static_cast<long>(fig.trace->x.cols()), fig.settings.seed);
  auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  if (cache.size() >= 8) cache.clear();
  return cache.emplace(key, attn::make_elman_rnn(fig.trace->x.cols(), static_cast<std::uint64_t>(fig.settings.seed)))
      .first->second;
}

const attn::FirstInputInfluence& rnn_influence(const FigureState& fig) {
  // One Jacobian norm per word: too slow to redo every frame, and it only
  // changes with the model settings.
  static std::map<std::string, attn::FirstInputInfluence> cache;
  auto found = cache.find(fig.trace_key);
  if (found != cache.end()) return found->second;
  if (cache.size() >= 8) cache.clear();
  return cache.emplace(fig.trace_key, attn::first_input_influence(figure_rnn(fig), fig.trace->x)).first->second;
}

namespace {

// The rnn facts depend on the model settings and the distance, not on the
// selected word: kept per both, so selecting costs nothing.
const nlohmann::json& rnn_facts_cached(const FigureState& fig) {
  static std::map<std::string, nlohmann::json> cache;
  const std::string key = fig.trace_key + "|" + std::to_string(rnn_distance(fig));
  auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  if (cache.size() >= 32) cache.clear();
  const attn::ExplainTrace& trace = *fig.trace;
  return cache.emplace(key, attn::rnn_facts(figure_rnn(fig), trace.x, rnn_distance(fig), kCostPlotLength, trace.d_model,
                                            static_cast<std::int64_t>(trace.heads.size())))
      .first->second;
}

}  // namespace

int rnn_distance(const FigureState& fig) {
  const int n = static_cast<int>(fig.trace->tokens.size());
  return std::clamp(fig.settings.rnn_distance, 1, std::max(1, n - 1));
}

attn::ScalingDemo figure_scaling_demo(const FigureState& fig) {
  return attn::scaling_demo(fig.settings.dk, static_cast<std::uint64_t>(fig.settings.seed), kScalingDemoKeys);
}

// The production facts rerun the model on both word orders, so they are kept
// per model settings (the trace key, which holds the positional encoding):
// selecting a word or toggling back to an encoding seen before costs nothing.
const nlohmann::json& production_facts_cached(const FigureState& fig) {
  static std::map<std::string, nlohmann::json> cache;
  auto found = cache.find(fig.trace_key);
  if (found != cache.end()) return found->second;
  if (cache.size() >= 16) cache.clear();  // a handful of settings is all a learner visits
  return cache.emplace(fig.trace_key, attn::production_facts(*fig.trace, explain_options(fig.settings))).first->second;
}

nlohmann::json figure_facts(FigureState& fig) {
  const attn::ExplainTrace& trace = *fig.trace;
  const FigureSettings& s = fig.settings;
  switch (fig.id) {
    case FigureId::flow:
      return attn::flow_facts(trace, s.head, s.selected);
    case FigureId::rnn:
      if (trace.tokens.size() < 2) throw std::invalid_argument("The RNN comparison needs at least two words.");
      return rnn_facts_cached(fig);
    case FigureId::formula:
      return attn::formula_facts(trace, s.head, s.selected, figure_scaling_demo(fig));
    case FigureId::analogy:
      return attn::analogy_facts(trace, s.head, s.selected);
    case FigureId::walkthrough:
      return attn::walkthrough_facts(trace, s.head, s.selected);
    case FigureId::production:
      return production_facts_cached(fig);
    case FigureId::playground:
      return attn::playground_facts(trace, s.head, s.selected);
    case FigureId::takeaway:
      return attn::flow_facts(trace, s.head, s.selected);
  }
  return nlohmann::json::object();
}

}  // namespace lesson
