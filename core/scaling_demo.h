// The "what if we remove sqrt(d_k)?" demo: one query against a few keys with
// unit-variance entries. Raw dot products then have variance d_k, so without
// the scaling the softmax sharpens toward one-hot as d_k grows; dividing by
// sqrt(d_k) brings the variance back to 1 and keeps the distribution soft.
#pragma once

#include <cstdint>

#include "core/tensor.h"

namespace attn {

struct ScalingDemo {
  Eigen::Index d_k = 0;
  RowVector scores;            // n_keys: q . k_j, unscaled
  RowVector weights_scaled;    // softmax(scores / sqrt(d_k))
  RowVector weights_unscaled;  // softmax(scores)
  float entropy_scaled_bits = 0.0f;
  float entropy_unscaled_bits = 0.0f;
  float max_weight_scaled = 0.0f;
  float max_weight_unscaled = 0.0f;
  float max_entropy_bits = 0.0f;  // log2(n_keys): the entropy of a uniform row
  Eigen::Index argmax = 0;        // the best-matching key (the same with or without scaling)
};

// Draws a 1 x d_k query and n_keys x d_k keys, every entry normal(0, 1), from
// Random(seed), and compares the two softmaxes. Throws std::invalid_argument
// unless d_k >= 1 and n_keys >= 1.
ScalingDemo scaling_demo(Eigen::Index d_k, std::uint64_t seed, Eigen::Index n_keys = 8);

// The same comparison for a given query (1 x d_k) and keys (n_keys x d_k).
ScalingDemo scaling_demo_for(const Matrix& query, const Matrix& keys);

}  // namespace attn
