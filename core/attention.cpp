// Scaled dot-product attention in five passes that mirror the formula:
// scores, scale, mask, softmax, weighted sum of values. Bad shapes or options
// are refused with a message a learner can act on, before any arithmetic.
#include "core/attention.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace attn {

namespace {
constexpr float kMinusInfinity = -std::numeric_limits<float>::infinity();

std::string shape_of(const Matrix& m) {
  return std::to_string(m.rows()) + " x " + std::to_string(m.cols());
}

// Eigen's allFinite() tests x - x == 0 element by element; this plain loop
// is about 2.5x faster on an n x n score matrix (issue #6).
bool all_finite(const Matrix& m) {
  const float* data = m.data();
  for (Eigen::Index i = 0; i < m.size(); ++i)
    if (!std::isfinite(data[i])) return false;
  return true;
}
}  // namespace

void check_attention_inputs(const Matrix& q, const Matrix& k, const Matrix& v,
                            const AttentionOptions& options) {
  // A temperature of 0 would divide by zero; a negative one would turn the
  // softmax upside down (the worst match would win). Infinity or NaN has no meaning.
  if (!(options.temperature > 0.0f) || !std::isfinite(options.temperature))
    throw std::invalid_argument("attention: temperature must be a finite number greater than 0, got " +
                                std::to_string(options.temperature));
  if (q.cols() != k.cols())
    throw std::invalid_argument("attention: queries and keys must have the same width d_k to be compared; q is " +
                                shape_of(q) + " but k is " + shape_of(k));
  if (k.rows() != v.rows())
    throw std::invalid_argument("attention: every key needs exactly one value, so k and v need the same number of "
                                "rows; k is " + shape_of(k) + " but v is " + shape_of(v));
  if (!q.allFinite() || !k.allFinite() || !v.allFinite())
    throw std::invalid_argument("attention: q, k and v must hold finite numbers (no NaN or infinity)");
}

float attention_divisor(Eigen::Index d_k, const AttentionOptions& options) {
  float divisor = options.temperature;
  if (options.scale && d_k > 0) divisor *= std::sqrt(static_cast<float>(d_k));
  return divisor;
}

Matrix softmax_rows(const Matrix& logits) {
  // Every entry is written below, so the matrix starts uninitialised. Rows are
  // contiguous (row-major), so each pass walks plain pointers: Eigen's
  // indexing made the loop itself cost more than the exp (issue #6).
  Matrix weights(logits.rows(), logits.cols());
  if (logits.cols() == 0) return weights;  // no keys: nothing to distribute
  const Eigen::Index keys = logits.cols();
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    const float* row = logits.row(i).data();
    float* out = weights.row(i).data();
    float row_max = kMinusInfinity;
    for (Eigen::Index j = 0; j < keys; ++j) {
      const float x = row[j];
      // -infinity is the mask; NaN or +infinity has no sensible weight.
      if (std::isnan(x) || x == std::numeric_limits<float>::infinity())
        throw std::invalid_argument("softmax: row " + std::to_string(i) +
                                    " holds NaN or +infinity; scores must be finite (or -infinity to mask)");
      if (x > row_max) row_max = x;
    }
    if (row_max == kMinusInfinity) {  // fully masked: no distribution, all 0
      weights.row(i).setZero();
      continue;
    }
    float total = 0.0f;
    for (Eigen::Index j = 0; j < keys; ++j) {
      // Subtracting the maximum keeps every exponent <= 0, so nothing overflows
      // even at scores of 1e4; exp(-inf - max) is exactly 0 for masked keys.
      const float e = std::exp(row[j] - row_max);
      out[j] = e;
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
  Vector entropy(weights.rows());
  for (Eigen::Index i = 0; i < weights.rows(); ++i) {
    // A local sum over a plain row pointer: writing entropy(i) each step kept
    // the compiler storing and reloading it (it might alias the weights).
    const float* row = weights.row(i).data();
    float bits = 0.0f;
    for (Eigen::Index j = 0; j < weights.cols(); ++j) {
      const float p = row[j];
      if (p > 0.0f) bits -= p * std::log2(p);  // 0 log 0 is taken as 0
    }
    entropy(i) = bits;
  }
  return entropy;
}

AttentionTrace scaled_dot_product_attention(const Matrix& q, const Matrix& k, const Matrix& v,
                                            const AttentionOptions& options) {
  check_attention_inputs(q, k, v, options);
  AttentionTrace t;
  // 1. Raw scores: how well each query matches each key.
  t.scores = q * k.transpose();
  if (!all_finite(t.scores))
    throw std::invalid_argument("attention: a score q.k overflowed the float range; scale the inputs down");
  // 2. Scale: keep dot products of long vectors in softmax's useful range.
  t.scaled = t.scores / attention_divisor(q.cols(), options);
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
