// Layer norm, feed-forward network, residuals and the post-norm block.
#include "core/transformer_block.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/random.h"

namespace attn {

namespace {
std::string shape_of(const Matrix& m) {
  return std::to_string(m.rows()) + " x " + std::to_string(m.cols());
}
}  // namespace

Matrix layer_norm(const Matrix& x, const RowVector& gain, const RowVector& bias, float eps) {
  if (gain.size() != x.cols() || bias.size() != x.cols())
    throw std::invalid_argument("layer norm: gain and bias need one entry per feature (" +
                                std::to_string(x.cols()) + "), got " + std::to_string(gain.size()) +
                                " and " + std::to_string(bias.size()));
  if (!(eps > 0.0f)) throw std::invalid_argument("layer norm: eps must be greater than 0");
  Matrix y(x.rows(), x.cols());
  if (x.cols() == 0) return y;
  const float width = static_cast<float>(x.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const float mean = x.row(i).sum() / width;
    const RowVector centred = x.row(i).array() - mean;
    const float variance = centred.squaredNorm() / width;
    // eps keeps a constant row (variance 0) finite: it maps to the bias.
    y.row(i) = (centred / std::sqrt(variance + eps)).cwiseProduct(gain) + bias;
  }
  return y;
}

Matrix activate(const Matrix& x, Activation activation) {
  if (activation == Activation::relu) return x.cwiseMax(0.0f);
  const float inverse_sqrt2 = 0.70710678f;
  return x.unaryExpr([inverse_sqrt2](float value) {
    return 0.5f * value * (1.0f + std::erf(value * inverse_sqrt2));
  });
}

Matrix feed_forward(const Matrix& x, const FeedForwardWeights& weights) {
  const Eigen::Index d_ff = weights.w1.cols();
  if (weights.w1.rows() != x.cols() || weights.b1.size() != d_ff || weights.w2.rows() != d_ff ||
      weights.w2.cols() != x.cols() || weights.b2.size() != x.cols())
    throw std::invalid_argument("feed-forward: weights do not fit x (" + shape_of(x) + "): W1 is " +
                                shape_of(weights.w1) + ", W2 is " + shape_of(weights.w2) +
                                "; W1 must be d_model x d_ff and W2 d_ff x d_model");
  Matrix hidden = x * weights.w1;
  hidden.rowwise() += weights.b1;
  Matrix out = activate(hidden, weights.activation) * weights.w2;
  out.rowwise() += weights.b2;
  return out;
}

Matrix residual_add(const Matrix& x, const Matrix& sublayer_output) {
  if (x.rows() != sublayer_output.rows() || x.cols() != sublayer_output.cols())
    throw std::invalid_argument("residual: the sub-layer's output (" + shape_of(sublayer_output) +
                                ") must have the same shape as its input (" + shape_of(x) + ")");
  return x + sublayer_output;
}

TransformerBlockWeights make_transformer_block_weights(Eigen::Index d_model, std::uint64_t seed,
                                                       Eigen::Index d_ff, Activation activation) {
  if (d_model < 1) throw std::invalid_argument("transformer block: d_model must be at least 1");
  if (d_ff < 0) throw std::invalid_argument("transformer block: d_ff must not be negative");
  if (d_ff == 0) d_ff = 4 * d_model;
  Random random(seed);
  const float glorot = std::sqrt(2.0f / static_cast<float>(d_model + d_ff));
  TransformerBlockWeights w;
  w.norm1_gain = RowVector::Ones(d_model);
  w.norm1_bias = RowVector::Zero(d_model);
  w.ffn.w1 = random.normal_matrix(d_model, d_ff, glorot);
  w.ffn.b1 = RowVector::Zero(d_ff);
  w.ffn.w2 = random.normal_matrix(d_ff, d_model, glorot);
  w.ffn.b2 = RowVector::Zero(d_model);
  w.ffn.activation = activation;
  w.norm2_gain = RowVector::Ones(d_model);
  w.norm2_bias = RowVector::Zero(d_model);
  return w;
}

TransformerBlockTrace transformer_block(const Matrix& x, const Matrix& attention_output,
                                        const TransformerBlockWeights& weights) {
  TransformerBlockTrace t;
  t.attention_residual = residual_add(x, attention_output);
  t.attention_normed = layer_norm(t.attention_residual, weights.norm1_gain, weights.norm1_bias);
  t.ffn_output = feed_forward(t.attention_normed, weights.ffn);
  t.ffn_residual = residual_add(t.attention_normed, t.ffn_output);
  t.output = layer_norm(t.ffn_residual, weights.norm2_gain, weights.norm2_bias);
  return t;
}

}  // namespace attn
