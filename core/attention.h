// Scaled dot-product attention, with every intermediate kept for the lesson.
//
//   Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k) / temperature) V
//
// Shapes: q is n_q x d_k, k is n_k x d_k, v is n_k x d_v.
// Nothing here is fused away: the figures show scores, scaled, masked and
// weights separately, so the trace holds each of them.
#pragma once

#include "core/tensor.h"

namespace attn {

struct AttentionOptions {
  bool scale = true;         // divide scores by sqrt(d_k)
  bool causal = false;       // query i may not see key j > i (GPT-style decoders)
  float temperature = 1.0f;  // divides the scaled scores; must be > 0
};

struct AttentionTrace {
  Matrix scores;   // n_q x n_k  Q K^T
  Matrix scaled;   // n_q x n_k  scores / sqrt(d_k) (if scale) / temperature
  Matrix masked;   // n_q x n_k  scaled, with -infinity where the mask hides a key
  Matrix weights;  // n_q x n_k  row-wise softmax of masked; masked entries are exactly 0
  Matrix output;   // n_q x d_v  weights V
};

// Row-wise softmax that is stable for scores up to +-1e4: it subtracts the
// row maximum before exponentiating. -infinity entries get weight exactly 0.
// A fully masked row (every entry -infinity) has no distribution to give: its
// weights are all 0, so its output is the zero vector.
// NaN or +infinity in the logits throws std::invalid_argument.
Matrix softmax_rows(const Matrix& logits);

// The "why softmax" figure's foil: all weight on each row's largest entry.
Matrix hard_argmax_rows(const Matrix& logits);

// Shannon entropy of each row of a weight matrix, in bits.
Vector row_entropy_bits(const Matrix& weights);

// Throws std::invalid_argument, with the offending shapes, unless: temperature
// is finite and > 0, q and k have the same width, k and v have the same number
// of rows, and every entry is finite. Shared with the tiled kernel.
void check_attention_inputs(const Matrix& q, const Matrix& k, const Matrix& v,
                            const AttentionOptions& options);

// What the raw scores are divided by: sqrt(d_k) (if scale) times temperature.
float attention_divisor(Eigen::Index d_k, const AttentionOptions& options);

// Causal masking aligns query i with key i: query i sees keys 0..i, so with
// more keys than queries the extra keys are hidden from every query.
// Throws std::invalid_argument on bad input (see check_attention_inputs), or
// if a raw score overflows the float range.
AttentionTrace scaled_dot_product_attention(const Matrix& q, const Matrix& k, const Matrix& v,
                                            const AttentionOptions& options = {});

}  // namespace attn
