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

// How evenly one query row spreads its attention over the keys it may see.
struct RowSpread {
  Eigen::Index visible = 0;       // keys not hidden by the causal mask
  float even_share = 0.0f;        // 1 / visible: every visible key alike
  float largest = 0.0f;           // the row's largest weight
  float entropy_bits = 0.0f;      // Shannon entropy of the row
  float max_entropy_bits = 0.0f;  // log2(visible): the entropy of an even row
  // True when no word stands out: the largest weight is at most 1.5 times the
  // even share (for 9 words, no weight above about 17%).
  bool nearly_uniform = false;
};
// Throws std::invalid_argument for a row out of range.
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
