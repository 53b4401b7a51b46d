// Scaled dot-product attention in five passes that mirror the formula:
// scores, scale, mask, softmax, weighted sum of values.
#include "core/attention.h"

#include <cmath>
#include <limits>

namespace attn {

namespace {
constexpr float kMinusInfinity = -std::numeric_limits<float>::infinity();
}

Matrix softmax_rows(const Matrix& logits) {
  Matrix weights = Matrix::Zero(logits.rows(), logits.cols());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    const float row_max = logits.row(i).maxCoeff();
    if (row_max == kMinusInfinity) continue;  // fully masked: no distribution, all 0
    float total = 0.0f;
    for (Eigen::Index j = 0; j < logits.cols(); ++j) {
      // exp(-inf - max) is exactly 0, so masked keys get exactly 0.
      const float e = std::exp(logits(i, j) - row_max);
      weights(i, j) = e;
      total += e;
    }
    weights.row(i) /= total;  // total >= 1: the maximum contributes exp(0)
  }
  return weights;
}

Matrix hard_argmax_rows(const Matrix& logits) {
  Matrix weights = Matrix::Zero(logits.rows(), logits.cols());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    if (logits.cols() == 0 || logits.row(i).maxCoeff() == kMinusInfinity) continue;
    Eigen::Index best = 0;
    logits.row(i).maxCoeff(&best);  // first maximum wins ties
    weights(i, best) = 1.0f;
  }
  return weights;
}

Vector row_entropy_bits(const Matrix& weights) {
  Vector entropy = Vector::Zero(weights.rows());
  for (Eigen::Index i = 0; i < weights.rows(); ++i) {
    for (Eigen::Index j = 0; j < weights.cols(); ++j) {
      const float p = weights(i, j);
      if (p > 0.0f) entropy(i) -= p * std::log2(p);  // 0 log 0 is taken as 0
    }
  }
  return entropy;
}

AttentionTrace scaled_dot_product_attention(const Matrix& q, const Matrix& k, const Matrix& v,
                                            const AttentionOptions& options) {
  AttentionTrace t;
  // 1. Raw scores: how well each query matches each key.
  t.scores = q * k.transpose();
  // 2. Scale: keep dot products of long vectors in softmax's useful range.
  float divisor = options.temperature;
  if (options.scale && q.cols() > 0) divisor *= std::sqrt(static_cast<float>(q.cols()));
  t.scaled = t.scores / divisor;
  // 3. Mask: a causal query may not look ahead.
  t.masked = t.scaled;
  if (options.causal) {
    for (Eigen::Index i = 0; i < t.masked.rows(); ++i)
      for (Eigen::Index j = i + 1; j < t.masked.cols(); ++j) t.masked(i, j) = kMinusInfinity;
  }
  // 4. Softmax: each query's scores become a distribution over keys.
  t.weights = softmax_rows(t.masked);
  // 5. Output: each query's blend of the values it attends to.
  t.output = t.weights * v;
  return t;
}

}  // namespace attn
