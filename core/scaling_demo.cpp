// The sqrt(d_k) scaling demo: the same scores through softmax with and without
// the scaling, with each distribution's entropy and largest weight.
#include "core/scaling_demo.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/attention.h"
#include "core/random.h"

namespace attn {

ScalingDemo scaling_demo_for(const Matrix& query, const Matrix& keys) {
  if (query.rows() != 1) throw std::invalid_argument("scaling demo: the query must be a single row");
  if (query.cols() < 1 || keys.cols() != query.cols())
    throw std::invalid_argument("scaling demo: the query and every key need the same width d_k >= 1; query has " +
                                std::to_string(query.cols()) + ", keys have " + std::to_string(keys.cols()));
  if (keys.rows() < 1) throw std::invalid_argument("scaling demo: there must be at least one key");
  if (!query.allFinite() || !keys.allFinite())
    throw std::invalid_argument("scaling demo: the query and keys must be finite numbers");
  ScalingDemo demo;
  demo.d_k = query.cols();
  const Matrix scores = query * keys.transpose();
  const Matrix scaled = softmax_rows(scores / std::sqrt(static_cast<float>(demo.d_k)));
  const Matrix unscaled = softmax_rows(scores);
  demo.scores = scores.row(0);
  demo.weights_scaled = scaled.row(0);
  demo.weights_unscaled = unscaled.row(0);
  demo.entropy_scaled_bits = row_entropy_bits(scaled)(0);
  demo.entropy_unscaled_bits = row_entropy_bits(unscaled)(0);
  demo.max_weight_scaled = demo.weights_scaled.maxCoeff();
  demo.max_weight_unscaled = demo.weights_unscaled.maxCoeff(&demo.argmax);
  demo.max_entropy_bits = std::log2(static_cast<float>(keys.rows()));
  return demo;
}

ScalingDemo scaling_demo(Eigen::Index d_k, std::uint64_t seed, Eigen::Index n_keys) {
  if (d_k < 1) throw std::invalid_argument("scaling demo: d_k must be at least 1");
  if (n_keys < 1) throw std::invalid_argument("scaling demo: there must be at least one key");
  Random random(seed);
  const Matrix query = random.normal_matrix(1, d_k, 1.0f);
  const Matrix keys = random.normal_matrix(n_keys, d_k, 1.0f);
  return scaling_demo_for(query, keys);
}

}  // namespace attn
