// The numbers the lesson's prose quotes about each figure (docs/FACTS.md),
// computed from core results so the web layer only serialises them.
//
// Facts are named values, never sentences. Conventions shared by every figure:
// - a percentage is a weight times 100, rounded to the nearest whole number,
//   so a reader can check it against the figure's weights;
// - "top" and "bottom"/"low" are among the words the query can see other than
//   itself (masked keys are not candidates); ties go to the earlier word; when
//   there is no other word, the token is "" and its index -1;
// - token indices (`*_index`) come with each token, for highlighting;
// - every fact set about one query row (flow, formula, analogy, walkthrough,
//   playground)
//   also carries the row's claim under the lesson's one rule (row_spread,
//   figure_math.h): query and query_index, decisive (bool),
//   argmax_token/_index/_percent (the largest visible weight, the query
//   itself included, the earlier word on ties),
//   even_percent (the even share 1/n), and hint_head: for a flat row, the first
//   other head whose row for this word is decisive and points elsewhere ("" if
//   none); row_percents and row_ranks: per token, its percentage and its place
//   in the row (1 = argmax), null where the mask hides it; head_role (below).
//   Words may only name argmax as a "largest share" when decisive.
// Every function throws std::invalid_argument for a head or token index out
// of range.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/explain.h"
#include "core/rnn.h"
#include "core/scaling_demo.h"

namespace attn {

// Index of the head with this name, or -1.
int head_index(const ExplainTrace& trace, const std::string& name);

// What a head was made for, from the names the models give their heads
// (core/demo_heads.h, core/gpt_explain.cpp): "coreference", "sense" and
// "previous" are the demo's designed heads, "random" its seeded, untrained
// ones ("random 4", ...), and any other name is a trained model's head.
std::string head_role(const std::string& head_name);

// query, query_index, head, top_token, top_index, top_percent, bottom_token,
// bottom_index, bottom_percent, self_percent.
nlohmann::json flow_facts(const ExplainTrace& trace, int head, int selected);

// distance (the second word is read that many steps after the first),
// words_between (distance - 1), max_distance (the farthest the sentence allows:
// inputs.rows() - 1), rnn_share (unrounded), rnn_percent,
// attention_hops (1), and the cost model at the plot's largest length: length,
// attention_ops, rnn_ops, ops_ratio (attention_ops / rnn_ops, one decimal) and
// d_model, the width d both counts assume. rnn_percent is the RNN's first-input
// influence in the state that reads the second word, relative to the state that
// read the first (FirstInputInfluence::relative[distance]) on these inputs
// (n x width). The RNN's cost uses input and hidden width d_model, like for like.
// Throws unless 1 <= distance < inputs.rows().
nlohmann::json rnn_facts(const ElmanRnn& rnn, const Matrix& inputs, int distance,
                         std::int64_t plot_length, std::int64_t d_model, std::int64_t heads);

// The d_k demo (dk, entropy_scaled_bits, entropy_unscaled_bits, max_entropy_bits
// to two decimals, top_percent_scaled, top_percent_unscaled) and the selected
// row of the trace: soft_1..3_token/_percent/_index are its three largest
// weights (the query itself included: this is the whole row); argmax_token
// is also what a hard argmax of the same scores picks; n, d_model, d_k and
// d_v are the shapes of the shown head's projections.
nlohmann::json formula_facts(const ExplainTrace& trace, int head, int selected, const ScalingDemo& demo);

// query, top_token, top_percent, low_token, low_percent (their indices too).
// Step 3's "how much comes from" quotes the weight (argmax_percent), the same
// measure as the walkthrough's step 7.
nlohmann::json analogy_facts(const ExplainTrace& trace, int head, int selected);

// Shapes (n, d_model, d_k, heads, sqrt_dk to three decimals) and the selected
// row: query, top_token, top_index, top_percent, self_percent and row_sum (the
// row's weights added up, to four decimals).
nlohmann::json walkthrough_facts(const ExplainTrace& trace, int head, int selected);

struct WordOrderComparison {
  bool identical_up_to_permutation = false;  // every head's weights, within kWordOrderTolerance
  float max_difference = 0.0f;               // the largest |w_a(i, j) - w_b(p(i), p(j))|
};
constexpr float kWordOrderTolerance = 1e-6f;

// Runs explain on "dog bites man" and "man bites dog" with these options and
// compares every head's weights after mapping each word to its place in the
// other sentence.
WordOrderComparison compare_word_orders(const ExplainOptions& options);

// heads, d_k, concat_width, d_model from the trace; positional, and the
// word-order comparison (orders_identical_up_to_permutation,
// orders_max_difference) run with the given options.
nlohmann::json production_facts(const ExplainTrace& trace, const ExplainOptions& options);

// n, heads, d_model, d_k, unknown_count, and the selected row of the head
// shown (query, head and the row claim above).
nlohmann::json playground_facts(const ExplainTrace& trace, int head, int selected);

}  // namespace attn
