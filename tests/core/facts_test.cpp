// The figures' facts (core/facts.h), checked against weights read from the
// trace independently: argmaxes and sums are recomputed here by hand.
#include "core/facts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/cost_model.h"
#include "core/positional.h"

namespace attn {
namespace {

using nlohmann::json;

constexpr float kMinusInfinity = -std::numeric_limits<float>::infinity();

// A hand-made trace with one head: the weights are chosen, not computed, so
// every fact below can be worked out on paper.
ExplainTrace hand_trace(const std::vector<std::string>& words, const Matrix& weights, const Matrix& values) {
  ExplainTrace trace;
  for (const auto& word : words) trace.tokens.push_back(Token{word, 0, 0, true});
  trace.d_model = static_cast<int>(values.cols());
  trace.d_k = static_cast<int>(values.cols());
  HeadTrace head;
  head.name = "hand";
  head.v = values;
  head.attention.weights = weights;
  head.attention.masked = Matrix::Zero(weights.rows(), weights.cols());
  head.attention.output = weights * values;
  trace.heads.push_back(head);
  trace.concat = head.attention.output;
  return trace;
}

ExplainTrace three_words() {
  Matrix weights(3, 3);
  weights << 0.50f, 0.30f, 0.20f,
             0.10f, 0.60f, 0.30f,
             0.25f, 0.25f, 0.50f;
  Matrix values(3, 2);
  values << 1.0f, 0.0f,
            0.0f, 1.0f,
            1.0f, 1.0f;
  return hand_trace({"cats", "chase", "mice"}, weights, values);
}

int percent(float weight) { return static_cast<int>(std::lround(weight * 100.0f)); }

int find_token(const ExplainTrace& trace, const std::string& text) {
  for (std::size_t i = 0; i < trace.tokens.size(); ++i) {
    if (trace.tokens[i].text == text) return static_cast<int>(i);
  }
  return -1;
}

// --- hand-made traces ----------------------------------------------------------

TEST(flow_facts, picks_the_largest_and_smallest_other_word) {
  const json facts = flow_facts(three_words(), 0, 1);
  EXPECT_EQ(facts["query"], "chase");
  EXPECT_EQ(facts["head"], "hand");
  EXPECT_EQ(facts["top_token"], "mice");
  EXPECT_EQ(facts["top_index"], 2);
  EXPECT_EQ(facts["top_percent"], 30);
  EXPECT_EQ(facts["bottom_token"], "cats");
  EXPECT_EQ(facts["bottom_percent"], 10);
  EXPECT_EQ(facts["self_percent"], 60);
}

TEST(flow_facts, ties_go_to_the_earlier_word) {
  const json facts = flow_facts(three_words(), 0, 2);  // 0.25, 0.25 for cats and chase
  EXPECT_EQ(facts["top_token"], "cats");
  EXPECT_EQ(facts["bottom_token"], "cats");
}

TEST(flow_facts, masked_words_are_not_candidates) {
  ExplainTrace trace = three_words();
  HeadTrace& head = trace.heads[0];
  head.attention.masked(1, 2) = kMinusInfinity;  // causal: "chase" cannot see "mice"
  head.attention.weights.row(1) << 0.25f, 0.75f, 0.0f;
  const json facts = flow_facts(trace, 0, 1);
  EXPECT_EQ(facts["top_token"], "cats");
  EXPECT_EQ(facts["bottom_token"], "cats");

  head.attention.masked.row(0) << 0.0f, kMinusInfinity, kMinusInfinity;
  const json first = flow_facts(trace, 0, 0);  // the first word sees only itself
  EXPECT_EQ(first["top_token"], "");
  EXPECT_EQ(first["top_index"], -1);
}

TEST(flow_facts, out_of_range_indices_throw) {
  EXPECT_THROW(flow_facts(three_words(), 1, 0), std::invalid_argument);
  EXPECT_THROW(flow_facts(three_words(), -1, 0), std::invalid_argument);
  EXPECT_THROW(flow_facts(three_words(), 0, 3), std::invalid_argument);
  EXPECT_THROW(walkthrough_facts(three_words(), 0, -1), std::invalid_argument);
}

TEST(analogy_facts, names_the_match_by_its_weight_like_the_walkthrough) {
  // "chase" keeps 0.6 on itself: its argmax is itself; the best other word is
  // "mice" (0.3), the worst "cats" (0.1). Three keys: u = 1/3, and
  // 0.6 >= 1/3 + 0.2 (2/3) = 0.467, so the row is decisive.
  const json facts = analogy_facts(three_words(), 0, 1);
  EXPECT_EQ(facts["top_token"], "mice");
  EXPECT_EQ(facts["low_token"], "cats");
  EXPECT_EQ(facts["low_percent"], 10);
  EXPECT_EQ(facts["argmax_token"], "chase");
  EXPECT_EQ(facts["argmax_percent"], 60);
  EXPECT_EQ(facts["decisive"], true);
  EXPECT_FALSE(facts.contains("top_value_share_percent")) << "one measure: the weight";
}

TEST(head_role, follows_the_names_the_models_give) {
  EXPECT_EQ(head_role("coreference"), "coreference");
  EXPECT_EQ(head_role("sense"), "sense");
  EXPECT_EQ(head_role("previous"), "previous");
  EXPECT_EQ(head_role("random 4"), "random");
  EXPECT_EQ(head_role("L1H3"), "trained");
  const ExplainTrace trace = explain("Alice emailed Bob because she had a question", [] {
    ExplainOptions options;
    options.heads = 5;
    return options;
  }());
  const std::vector<std::string> roles = {"coreference", "sense", "previous", "random", "random"};
  for (int h = 0; h < 5; ++h) EXPECT_EQ(flow_facts(trace, h, 4)["head_role"], roles[h]) << h;
}

TEST(formula_facts, lists_the_three_largest_weights_of_the_whole_row) {
  const ExplainTrace trace = three_words();
  const ScalingDemo demo = scaling_demo(16, 7);
  const json facts = formula_facts(trace, 0, 1, demo);
  EXPECT_EQ(facts["soft_1_token"], "chase");
  EXPECT_EQ(facts["soft_1_percent"], 60);
  EXPECT_EQ(facts["soft_2_token"], "mice");
  EXPECT_EQ(facts["soft_3_token"], "cats");
  EXPECT_EQ(facts["soft_3_percent"], 10);
  EXPECT_EQ(facts["dk"], 16);
}

TEST(formula_facts, shapes_are_those_of_the_projections) {
  const ExplainTrace trace = explain("Alice emailed Bob because she had a question", ExplainOptions{});
  const ScalingDemo demo = scaling_demo(16, 7);
  for (int head = 0; head < static_cast<int>(trace.heads.size()); ++head) {
    const json facts = formula_facts(trace, head, 4, demo);
    const HeadTrace& shown = trace.heads[static_cast<std::size_t>(head)];
    // X is n x d_model, and Q = X W_Q is n x d_k: read the shapes off the products.
    EXPECT_EQ(facts["n"], trace.x.rows());
    EXPECT_EQ(facts["n"], 8);  // eight words, counted by hand
    EXPECT_EQ(facts["d_model"], trace.x.cols());
    EXPECT_EQ(facts["d_k"], shown.q.cols());
    EXPECT_EQ(facts["d_k"], shown.k.cols());
    EXPECT_EQ(facts["d_v"], shown.v.cols());
  }
}

TEST(formula_facts, demo_numbers_match_the_demo_weights) {
  for (int dk : {1, 4, 64, 256}) {
    const ScalingDemo demo = scaling_demo(dk, 3);
    const json facts = formula_facts(three_words(), 0, 0, demo);
    EXPECT_EQ(facts["top_percent_scaled"], percent(demo.weights_scaled.maxCoeff()));
    EXPECT_EQ(facts["top_percent_unscaled"], percent(demo.weights_unscaled.maxCoeff()));
    double entropy = 0.0;  // recomputed from the unscaled weights
    for (Eigen::Index j = 0; j < demo.weights_unscaled.size(); ++j) {
      const double p = demo.weights_unscaled(j);
      if (p > 0.0) entropy -= p * std::log2(p);
    }
    EXPECT_NEAR(facts["entropy_unscaled_bits"].get<double>(), entropy, 0.006);
  }
}

TEST(walkthrough_facts, reports_shapes_and_the_row_sum) {
  const json facts = walkthrough_facts(three_words(), 0, 0);
  EXPECT_EQ(facts["n"], 3);
  EXPECT_EQ(facts["heads"], 1);
  EXPECT_NEAR(facts["sqrt_dk"].get<double>(), std::sqrt(2.0), 0.001);
  EXPECT_NEAR(facts["row_sum"].get<double>(), 1.0, 1e-4);
  EXPECT_EQ(facts["top_token"], "chase");
  EXPECT_EQ(facts["self_percent"], 50);
}

// --- the lesson's demo model ---------------------------------------------------------

const char* const kPronounSentence = "Alice emailed Bob because she had a question";

TEST(facts_on_the_demo_model, the_pronoun_attends_most_to_alice) {
  const ExplainTrace trace = explain(kPronounSentence);
  const int head = head_index(trace, "coreference");
  ASSERT_GE(head, 0);
  const int she = find_token(trace, "she");
  ASSERT_GE(she, 0);

  // The argmax over other words, by hand from the weights.
  const Matrix& weights = trace.heads[head].attention.weights;
  int best = -1, worst = -1;
  for (int j = 0; j < weights.cols(); ++j) {
    if (j == she) continue;
    if (best < 0 || weights(she, j) > weights(she, best)) best = j;
    if (worst < 0 || weights(she, j) < weights(she, worst)) worst = j;
  }
  ASSERT_EQ(trace.tokens[best].text, "Alice");

  const json flow = flow_facts(trace, head, she);
  EXPECT_EQ(flow["query"], "she");
  EXPECT_EQ(flow["head"], "coreference");
  EXPECT_EQ(flow["top_token"], "Alice");
  EXPECT_EQ(flow["top_percent"], percent(weights(she, best)));
  EXPECT_EQ(flow["bottom_token"], trace.tokens[worst].text);
  EXPECT_EQ(flow["bottom_percent"], percent(weights(she, worst)));
  EXPECT_EQ(flow["self_percent"], percent(weights(she, she)));

  const json analogy = analogy_facts(trace, head, she);
  EXPECT_EQ(analogy["top_token"], "Alice");
  EXPECT_EQ(analogy["low_token"], trace.tokens[worst].text);
  EXPECT_EQ(analogy["argmax_token"], "Alice");
  EXPECT_EQ(analogy["argmax_percent"], percent(weights(she, best)));
  EXPECT_EQ(analogy["decisive"], true);
}

TEST(facts_on_the_demo_model, walkthrough_row_sums_to_one_and_shapes_match) {
  const ExplainTrace trace = explain(kPronounSentence);
  for (int head = 0; head < static_cast<int>(trace.heads.size()); ++head) {
    const json facts = walkthrough_facts(trace, head, 4);
    EXPECT_NEAR(facts["row_sum"].get<double>(), 1.0, 1e-3);
    EXPECT_EQ(facts["n"], trace.tokens.size());
    EXPECT_EQ(facts["d_k"], trace.heads[head].q.cols());
    EXPECT_EQ(facts["d_model"], trace.x.cols());
  }
}

// The word-order comparison, redone here with our own permutation: dog bites
// man (0 1 2) maps to man bites dog (2 1 0).
float max_permuted_difference(const ExplainOptions& options) {
  const ExplainTrace a = explain("dog bites man", options);
  const ExplainTrace b = explain("man bites dog", options);
  const int place[3] = {2, 1, 0};
  float worst = 0.0f;
  for (std::size_t h = 0; h < a.heads.size(); ++h) {
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) {
        worst = std::max(worst, std::abs(a.heads[h].attention.weights(i, j) -
                                         b.heads[h].attention.weights(place[i], place[j])));
      }
    }
  }
  return worst;
}

TEST(production_facts, word_order_comparison_matches_an_independent_permutation) {
  for (int heads : {3, 4}) {
    for (Positional positional :
         {Positional::none, Positional::sinusoidal, Positional::learned, Positional::rotary}) {
      ExplainOptions options;
      options.heads = heads;
      options.positional = positional;
      const ExplainTrace trace = explain("dog bites man", options);
      const json facts = production_facts(trace, options);
      const float expected = max_permuted_difference(options);
      EXPECT_NEAR(facts["orders_max_difference"].get<double>(), expected, 1e-7);
      EXPECT_EQ(facts["orders_identical_up_to_permutation"], expected <= kWordOrderTolerance);
      EXPECT_EQ(facts["positional"], positional_name(positional));
      EXPECT_EQ(facts["heads"], heads);
      EXPECT_EQ(facts["concat_width"], trace.heads.size() * trace.heads[0].v.cols());
    }
  }
}

TEST(production_facts, orders_match_without_positions_and_differ_with_them) {
  ExplainOptions options;
  options.positional = Positional::none;
  EXPECT_TRUE(compare_word_orders(options).identical_up_to_permutation);
  for (Positional positional : {Positional::sinusoidal, Positional::rotary}) {
    options.positional = positional;
    EXPECT_FALSE(compare_word_orders(options).identical_up_to_permutation) << positional_name(positional);
  }
}

TEST(playground_facts, counts_unknown_words) {
  const ExplainTrace trace = explain("Alice saw a zorblax and a quixotl");
  int unknown = 0;
  for (const auto& token : trace.tokens) unknown += token.known ? 0 : 1;
  const json facts = playground_facts(trace, 0, 0);
  EXPECT_EQ(facts["unknown_count"], unknown);
  EXPECT_EQ(facts["query"], "Alice");
  EXPECT_TRUE(facts.contains("decisive"));
  EXPECT_THROW(playground_facts(trace, 0, static_cast<int>(trace.tokens.size())), std::invalid_argument);
  EXPECT_GE(unknown, 2);
  EXPECT_EQ(facts["n"], trace.tokens.size());
}

// --- the RNN figure ------------------------------------------------------------------

TEST(rnn_facts, survival_is_the_jacobian_norm_ratio_and_fades) {
  const ExplainTrace trace = explain("the cat that the dog chased ran away from the old barn today");
  const ElmanRnn rnn = make_elman_rnn(trace.x.cols(), 11);
  // Spectral norms of dh_t/dx_1, by SVD here.
  const std::vector<Matrix> jacobians = first_input_jacobians(rnn, trace.x);
  auto norm = [&](std::size_t t) {
    return Eigen::JacobiSVD<Matrix>(jacobians[t]).singularValues()(0);
  };
  int previous = 101;
  for (int distance = 1; distance < trace.x.rows(); ++distance) {
    const json facts = rnn_facts(rnn, trace.x, distance, 512, 64, 8);
    EXPECT_NEAR(facts["rnn_share"].get<double>(), norm(distance) / norm(0), 1e-3);
    EXPECT_EQ(facts["attention_hops"], 1);
    // Tokens 0 and `distance`: the ones strictly between them, counted.
    int between = 0;
    for (int t = 1; t < distance; ++t) ++between;
    EXPECT_EQ(facts["words_between"], between);
    EXPECT_EQ(facts["max_distance"], 12) << "13 words: the last is 12 steps after the first";
    EXPECT_LE(facts["rnn_percent"].get<int>(), previous);
    previous = facts["rnn_percent"];
  }
  EXPECT_LT(previous, 50) << "a far word keeps little of its influence";
  EXPECT_THROW(rnn_facts(rnn, trace.x, 0, 512, 64, 8), std::invalid_argument);
  EXPECT_THROW(rnn_facts(rnn, trace.x, static_cast<int>(trace.x.rows()), 512, 64, 8), std::invalid_argument);
}

TEST(rnn_facts, cost_counts_follow_the_hand_formulas) {
  const Matrix inputs = Matrix::Ones(3, 4);
  const ElmanRnn rnn = make_elman_rnn(4, 1);
  const std::int64_t n = 512, d = 64, h = 8;
  const json facts = rnn_facts(rnn, inputs, 2, n, d, h);
  // Attention: 3 n d^2 (Q, K, V) + n^2 d (scores) + 4 h n^2 (scale, softmax) + n^2 d (weights V) + n d^2 (W_O).
  const std::int64_t attention = 3 * n * d * d + n * n * d + 4 * h * n * n + n * n * d + n * d * d;
  // RNN with input and hidden width d: n (d d + d d + d + d).
  const std::int64_t recurrent = n * (d * d + d * d + d + d);
  EXPECT_EQ(facts["length"], n);
  EXPECT_EQ(facts["attention_ops"], attention);
  EXPECT_EQ(facts["rnn_ops"], recurrent);
  EXPECT_NEAR(facts["ops_ratio"].get<double>(), static_cast<double>(attention) / recurrent, 0.05);
  EXPECT_EQ(facts["d_model"], d) << "the ratio says which d it assumes";
}

}  // namespace
}  // namespace attn
