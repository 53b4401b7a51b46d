// The figures' facts: each number is read off a trace, the RNN, the cost model
// or the scaling demo, never re-derived from a different model.
#include "core/facts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "core/cost_model.h"
#include "core/figure_math.h"
#include "core/positional.h"

namespace attn {

using nlohmann::json;

namespace {

int percent(float weight) { return static_cast<int>(std::lround(static_cast<double>(weight) * 100.0)); }

double rounded(double value, int decimals) {
  const double factor = std::pow(10.0, decimals);
  return std::round(value * factor) / factor;
}

const HeadTrace& checked_head(const ExplainTrace& trace, int head) {
  if (head < 0 || head >= static_cast<int>(trace.heads.size())) {
    throw std::invalid_argument("there is no head " + std::to_string(head) + " (the model has " +
                                std::to_string(trace.heads.size()) + ")");
  }
  return trace.heads[static_cast<std::size_t>(head)];
}

void check_token(const ExplainTrace& trace, int selected) {
  if (selected < 0 || selected >= static_cast<int>(trace.tokens.size())) {
    throw std::invalid_argument("there is no word " + std::to_string(selected) + " (the sentence has " +
                                std::to_string(trace.tokens.size()) + ")");
  }
}

// A key the query can see: the causal mask hides some; without a masked
// stage every key counts.
bool visible(const HeadTrace& head, Eigen::Index query, Eigen::Index key) {
  const Matrix& masked = head.attention.masked;
  if (masked.rows() == 0) return true;
  return masked(query, key) != -std::numeric_limits<float>::infinity();
}

struct Pick {
  int index = -1;
  float weight = 0.0f;
};

// The most (or least) attended visible word other than the query itself; the
// earlier word wins a tie.
Pick pick_other(const HeadTrace& head, int selected, bool largest) {
  Pick best;
  const Matrix& weights = head.attention.weights;
  for (Eigen::Index j = 0; j < weights.cols(); ++j) {
    if (j == selected || !visible(head, selected, j)) continue;
    const float w = weights(selected, j);
    const bool better = best.index < 0 || (largest ? w > best.weight : w < best.weight);
    if (better) best = Pick{static_cast<int>(j), w};
  }
  return best;
}

std::string token_text(const ExplainTrace& trace, int index) {
  return index < 0 ? std::string() : trace.tokens[static_cast<std::size_t>(index)].text;
}

void put_pick(json& facts, const ExplainTrace& trace, const std::string& prefix, const Pick& pick) {
  facts[prefix + "_token"] = token_text(trace, pick.index);
  facts[prefix + "_index"] = pick.index;
  facts[prefix + "_percent"] = percent(pick.weight);
}

// The row's claim under the lesson's one rule (row_spread in figure_math.h):
// the query, whether it is decisive, its argmax over the visible keys (the query itself
// included), the even share, and for a flat row the first other head whose row
// for this word is decisive and points away from the word itself.
void put_focus(json& facts, const ExplainTrace& trace, int head, int selected) {
  const HeadTrace& shown = trace.heads[static_cast<std::size_t>(head)];
  const RowSpread spread = row_spread(shown.attention, selected);
  facts["query"] = token_text(trace, selected);
  facts["query_index"] = selected;
  facts["decisive"] = spread.decisive;
  facts["even_percent"] = percent(spread.even_share);
  put_pick(facts, trace, "argmax", Pick{static_cast<int>(spread.argmax), spread.largest});
  std::string hint;
  for (std::size_t h = 0; h < trace.heads.size() && !spread.decisive && hint.empty(); ++h) {
    if (static_cast<int>(h) == head) continue;
    const RowSpread other = row_spread(trace.heads[h].attention, selected);
    if (other.decisive && other.argmax != selected) hint = trace.heads[h].name;
  }
  facts["hint_head"] = hint;
  facts["head_role"] = head_role(shown.name);

  // Every word's share and its place in the row (1: the argmax; ties keep
  // sentence order), so the page can say how a learner's guess fared without
  // computing anything. Keys the mask hides have neither: null.
  const Matrix& weights = shown.attention.weights;
  std::vector<int> order;
  for (Eigen::Index j = 0; j < weights.cols(); ++j)
    if (visible(shown, selected, j)) order.push_back(static_cast<int>(j));
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return weights(selected, a) > weights(selected, b); });
  json percents(json::value_t::array), ranks(json::value_t::array);
  for (Eigen::Index j = 0; j < weights.cols(); ++j) percents.push_back(nullptr), ranks.push_back(nullptr);
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const auto j = static_cast<std::size_t>(order[rank]);
    percents[j] = percent(weights(selected, order[rank]));
    ranks[j] = static_cast<int>(rank) + 1;
  }
  facts["row_percents"] = std::move(percents);
  facts["row_ranks"] = std::move(ranks);
}

}  // namespace

std::string head_role(const std::string& head_name) {
  for (const char* designed : {"coreference", "sense", "previous"})
    if (head_name == designed) return designed;
  if (head_name.rfind("random ", 0) == 0) return "random";
  return "trained";
}

int head_index(const ExplainTrace& trace, const std::string& name) {
  for (std::size_t h = 0; h < trace.heads.size(); ++h) {
    if (trace.heads[h].name == name) return static_cast<int>(h);
  }
  return -1;
}

json flow_facts(const ExplainTrace& trace, int head, int selected) {
  const HeadTrace& shown = checked_head(trace, head);
  check_token(trace, selected);
  json facts = {{"query", token_text(trace, selected)}, {"query_index", selected}, {"head", shown.name}};
  put_pick(facts, trace, "top", pick_other(shown, selected, /*largest=*/true));
  put_pick(facts, trace, "bottom", pick_other(shown, selected, /*largest=*/false));
  facts["self_percent"] = percent(shown.attention.weights(selected, selected));
  put_focus(facts, trace, head, selected);
  return facts;
}

json rnn_facts(const ElmanRnn& rnn, const Matrix& inputs, int distance, std::int64_t plot_length,
               std::int64_t d_model, std::int64_t heads) {
  if (distance < 1 || distance >= inputs.rows()) {
    throw std::invalid_argument("the distance must be between 1 and " + std::to_string(inputs.rows() - 1) +
                                " for a sentence of " + std::to_string(inputs.rows()) + " words");
  }
  // The first word is read at step 1 and the second `distance` steps later, at
  // step distance + 1, with distance - 1 words between them.
  const FirstInputInfluence influence = first_input_influence(rnn, inputs.topRows(distance + 1));
  const float share = influence.relative[static_cast<std::size_t>(distance)];

  const AttentionCost attention = attention_cost(plot_length, d_model, heads);
  const RnnCost recurrent = rnn_cost(plot_length, d_model, d_model);
  const double ratio = recurrent.total_ops == 0
                           ? 0.0
                           : static_cast<double>(attention.total_ops) / static_cast<double>(recurrent.total_ops);
  return json{{"distance", distance},
              {"words_between", distance - 1},
              {"rnn_share", share},
              {"rnn_percent", percent(share)},
              {"attention_hops", 1},
              {"length", plot_length},
              {"attention_ops", attention.total_ops},
              {"rnn_ops", recurrent.total_ops},
              {"ops_ratio", rounded(ratio, 1)},
              {"d_model", d_model},
              {"max_distance", static_cast<std::int64_t>(inputs.rows() - 1)}};
}

json formula_facts(const ExplainTrace& trace, int head, int selected, const ScalingDemo& demo) {
  const HeadTrace& shown = checked_head(trace, head);
  check_token(trace, selected);
  json facts = {{"dk", static_cast<std::int64_t>(demo.d_k)},
                {"entropy_scaled_bits", rounded(demo.entropy_scaled_bits, 2)},
                {"entropy_unscaled_bits", rounded(demo.entropy_unscaled_bits, 2)},
                {"max_entropy_bits", rounded(demo.max_entropy_bits, 2)},
                {"top_percent_scaled", percent(demo.max_weight_scaled)},
                {"top_percent_unscaled", percent(demo.max_weight_unscaled)}};

  // The whole row, largest first; a stable sort keeps earlier words first on ties.
  const Matrix& weights = shown.attention.weights;
  std::vector<int> order(static_cast<std::size_t>(weights.cols()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return weights(selected, a) > weights(selected, b); });
  for (std::size_t rank = 0; rank < 3; ++rank) {
    const std::string prefix = "soft_" + std::to_string(rank + 1);
    Pick pick;
    if (rank < order.size() && visible(shown, selected, order[rank])) {
      pick = Pick{order[rank], weights(selected, order[rank])};
    }
    put_pick(facts, trace, prefix, pick);
  }

  // A hard argmax of the scores picks the same word as the largest weight:
  // softmax keeps the order of a row (tested against hard_argmax_rows).
  put_focus(facts, trace, head, selected);

  // The shapes of Q = X W_Q, K = X W_K, V = X W_V for the setup paragraph.
  facts["n"] = static_cast<std::int64_t>(trace.tokens.size());
  facts["d_model"] = static_cast<std::int64_t>(shown.w_q.rows());
  facts["d_k"] = static_cast<std::int64_t>(shown.w_k.cols());
  facts["d_v"] = static_cast<std::int64_t>(shown.w_v.cols());
  return facts;
}

json analogy_facts(const ExplainTrace& trace, int head, int selected) {
  const HeadTrace& shown = checked_head(trace, head);
  check_token(trace, selected);
  const Pick top = pick_other(shown, selected, /*largest=*/true);
  const Pick low = pick_other(shown, selected, /*largest=*/false);
  json facts = {{"query", token_text(trace, selected)}, {"query_index", selected}, {"head", shown.name}};
  put_pick(facts, trace, "top", top);
  put_pick(facts, trace, "low", low);
  put_focus(facts, trace, head, selected);
  return facts;
}

json walkthrough_facts(const ExplainTrace& trace, int head, int selected) {
  const HeadTrace& shown = checked_head(trace, head);
  check_token(trace, selected);
  json facts = {{"n", static_cast<std::int64_t>(trace.tokens.size())},
                {"d_model", trace.d_model},
                {"d_k", trace.d_k},
                {"heads", static_cast<std::int64_t>(trace.heads.size())},
                {"sqrt_dk", rounded(std::sqrt(static_cast<double>(trace.d_k)), 3)},
                {"query", token_text(trace, selected)},
                {"query_index", selected},
                {"head", shown.name}};
  put_pick(facts, trace, "top", pick_other(shown, selected, /*largest=*/true));
  facts["self_percent"] = percent(shown.attention.weights(selected, selected));
  facts["row_sum"] = rounded(static_cast<double>(shown.attention.weights.row(selected).sum()), 4);
  put_focus(facts, trace, head, selected);
  return facts;
}

WordOrderComparison compare_word_orders(const ExplainOptions& options) {
  const ExplainTrace a = explain("dog bites man", options);
  const ExplainTrace b = explain("man bites dog", options);
  const std::size_t n = a.tokens.size();
  if (b.tokens.size() != n || a.heads.size() != b.heads.size()) {
    throw std::logic_error("the two word orders did not give the same tokens and heads");
  }
  // place[i]: where a's word i stands in b.
  std::vector<Eigen::Index> place(n, -1);
  std::vector<bool> used(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (!used[j] && b.tokens[j].text == a.tokens[i].text) {
        place[i] = static_cast<Eigen::Index>(j), used[j] = true;
        break;
      }
    }
    if (place[i] < 0) throw std::logic_error("the two word orders did not give the same words");
  }

  WordOrderComparison result;
  for (std::size_t h = 0; h < a.heads.size(); ++h) {
    const Matrix& wa = a.heads[h].attention.weights;
    const Matrix& wb = b.heads[h].attention.weights;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        const float diff = std::abs(wa(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) -
                                    wb(place[i], place[j]));
        result.max_difference = std::max(result.max_difference, diff);
      }
    }
  }
  result.identical_up_to_permutation = result.max_difference <= kWordOrderTolerance;
  return result;
}

json production_facts(const ExplainTrace& trace, const ExplainOptions& options) {
  const WordOrderComparison orders = compare_word_orders(options);
  return json{{"heads", static_cast<std::int64_t>(trace.heads.size())},
              {"d_k", trace.d_k},
              {"concat_width", static_cast<std::int64_t>(trace.concat.cols())},
              {"d_model", trace.d_model},
              {"positional", positional_name(options.positional)},
              {"orders_identical_up_to_permutation", orders.identical_up_to_permutation},
              {"orders_max_difference", orders.max_difference}};
}

json playground_facts(const ExplainTrace& trace, int head, int selected) {
  const HeadTrace& shown = checked_head(trace, head);
  check_token(trace, selected);
  const auto unknown = std::count_if(trace.tokens.begin(), trace.tokens.end(),
                                     [](const Token& token) { return !token.known; });
  json facts = {{"n", static_cast<std::int64_t>(trace.tokens.size())},
                {"heads", static_cast<std::int64_t>(trace.heads.size())},
                {"d_model", trace.d_model},
                {"d_k", trace.d_k},
                {"unknown_count", static_cast<std::int64_t>(unknown)},
                {"query", token_text(trace, selected)},
                {"query_index", selected},
                {"head", shown.name}};
  put_focus(facts, trace, head, selected);
  return facts;
}

}  // namespace attn
