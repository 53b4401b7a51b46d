// Routes each figure to the core's facts for it (core/facts.h); the numbers
// are computed there, never here.
#include "web/figure_facts.h"

#include <algorithm>
#include <stdexcept>

#include "core/facts.h"

namespace lesson {

attn::ElmanRnn figure_rnn(const FigureState& fig) {
  return attn::make_elman_rnn(fig.trace->x.cols(), static_cast<std::uint64_t>(fig.settings.seed));
}

int rnn_distance(const FigureState& fig) {
  const int n = static_cast<int>(fig.trace->tokens.size());
  return std::clamp(fig.settings.rnn_distance, 1, std::max(1, n - 1));
}

attn::ScalingDemo figure_scaling_demo(const FigureState& fig) {
  return attn::scaling_demo(fig.settings.dk, static_cast<std::uint64_t>(fig.settings.seed), kScalingDemoKeys);
}

nlohmann::json figure_facts(FigureState& fig) {
  const attn::ExplainTrace& trace = *fig.trace;
  const FigureSettings& s = fig.settings;
  switch (fig.id) {
    case FigureId::flow:
      return attn::flow_facts(trace, s.head, s.selected);
    case FigureId::rnn:
      if (trace.tokens.size() < 2) throw std::invalid_argument("The RNN comparison needs at least two words.");
      return attn::rnn_facts(figure_rnn(fig), trace.x, rnn_distance(fig), kCostPlotLength, trace.d_model,
                             static_cast<std::int64_t>(trace.heads.size()));
    case FigureId::formula:
      return attn::formula_facts(trace, s.head, s.selected, figure_scaling_demo(fig));
    case FigureId::analogy:
      return attn::analogy_facts(trace, s.head, s.selected);
    case FigureId::walkthrough:
      return attn::walkthrough_facts(trace, s.head, s.selected);
    case FigureId::production:
      return attn::production_facts(trace, explain_options(s));
    case FigureId::playground:
      return attn::playground_facts(trace);
    case FigureId::takeaway:
      return attn::flow_facts(trace, s.head, s.selected);
  }
  return nlohmann::json::object();
}

}  // namespace lesson
