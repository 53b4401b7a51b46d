// Small derived numbers the figures draw that are not stages of the trace
// itself: a score's dot product term by term, row sums, each word's share of
// an output (weight times value), the hard-argmax foil of one row, how evenly
// a row spreads its attention, and the cost curve over lengths. The web layer draws these; it never
// multiplies, sums or exponentiates model numbers itself.
#pragma once

#include <cstdint>
#include <vector>

#include "core/attention.h"
#include "core/tensor.h"

namespace attn {

// q . k written out: products[t] = q[t] * k[t], and their sum.
struct DotProductTerms {
  std::vector<float> q, k, products;
  float sum = 0.0f;
};
// Throws std::invalid_argument unless both rows have the same, non-zero width.
DotProductTerms dot_product_terms(const RowVector& q_row, const RowVector& k_row);

// The sum of every row (a softmax's rows sum to 1).
Vector row_sums(const Matrix& m);

// Row j is weights(query, j) * v.row(j): word j's part of the query's output.
// The rows add up to the query's output row (weights V). Throws
// std::invalid_argument for a query out of range or mismatched shapes.
Matrix weighted_values(const Matrix& weights, const Matrix& v, Eigen::Index query);

// weights V for one row of weights: the output those weights would give.
// Throws std::invalid_argument unless weights has v.rows() entries.
RowVector blend_values(const RowVector& weights, const Matrix& v);

// The selected row as softmax gives it (the trace's weights), or as a hard
// argmax of the same logits would (1 on the largest visible logit, earlier
// word on ties, 0 elsewhere). Masked keys are never picked.
RowVector row_weights(const AttentionTrace& attention, Eigen::Index row, bool hard_argmax);

// The lesson's one rule for whether a row of weights names a word. A row is
// decisive when its largest weight w_max has covered at least
// kDecisiveFraction of the way from the even share u = 1/n (n = keys the
// query may see) to all the weight on one word:
//     w_max >= u + kDecisiveFraction * (1 - u).
// With 0.2: 60% of 2 words, 30% of 8, 24% of 24, 21% of 64. A row that is not
// decisive is flat: no caption, fact or figure may call its maximum a
// "largest share" or a "most attended" word. A row with a single visible key
// is trivially all on that key and counts as decisive.
constexpr float kDecisiveFraction = 0.2f;

// How evenly one query row spreads its attention over the keys it may see.
struct RowSpread {
  Eigen::Index visible = 0;       // keys not hidden by the causal mask
  float even_share = 0.0f;        // 1 / visible: every visible key alike
  float largest = 0.0f;           // the row's largest weight
  Eigen::Index argmax = -1;       // its key (the earlier word on ties); -1 when every key is masked
  float entropy_bits = 0.0f;      // Shannon entropy of the row
  float max_entropy_bits = 0.0f;  // log2(visible): the entropy of an even row
  bool decisive = false;          // the rule above
};
RowSpread row_spread(const AttentionTrace& attention, Eigen::Index row);

// Operation counts of one attention layer and of an RNN (core/cost_model.h,
// like for like: RNN input and hidden width d_model) at lengths 0, step,
// 2 step, ... up to max_length.
struct CostCurve {
  std::vector<std::int64_t> lengths, attention_ops, rnn_ops;
};
// Throws std::invalid_argument unless max_length >= 0, step >= 1, and the
// model shape is valid for the cost model.
CostCurve cost_curve(std::int64_t max_length, std::int64_t step, std::int64_t d_model, std::int64_t heads);

}  // namespace attn
