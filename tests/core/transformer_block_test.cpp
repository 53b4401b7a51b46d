// Layer norm, the feed-forward network, residuals and the post-norm block,
// against hand-worked values.
#include "core/transformer_block.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/random.h"
#include "tests/core/all_close.h"

namespace attn {
namespace {

TEST(layer_norm, normalises_a_hand_worked_row_then_applies_gain_and_bias) {
  // [1, 2, 3, 4]: mean 2.5, biased variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
  Matrix x(1, 4);
  x << 1, 2, 3, 4;
  RowVector gain(4), bias(4);
  gain << 1, 2, 1, 1;
  bias << 0, 0, 10, 0;
  const float s = std::sqrt(1.25f + 1e-5f);
  Matrix expected(1, 4);
  expected << -1.5f / s, 2 * -0.5f / s, 0.5f / s + 10, 1.5f / s;
  ExpectAllClose(layer_norm(x, gain, bias), expected, 1e-6f);
}

TEST(layer_norm, rows_have_zero_mean_and_unit_variance) {
  Random random(1);
  const Matrix x = random.normal_matrix(5, 16, 3.0f);
  const Matrix y = layer_norm(x, RowVector::Ones(16), RowVector::Zero(16));
  for (Eigen::Index i = 0; i < 5; ++i) {
    EXPECT_NEAR(y.row(i).mean(), 0.0f, 1e-5f);
    EXPECT_NEAR(y.row(i).squaredNorm() / 16.0f, 1.0f, 1e-3f);
  }
}

TEST(layer_norm, constant_row_maps_to_bias_without_nan) {
  const Matrix x = Matrix::Constant(1, 3, 7.0f);
  RowVector bias(3);
  bias << 1, 2, 3;
  ExpectAllClose(layer_norm(x, RowVector::Ones(3), bias), bias, 0.0f);
}

TEST(layer_norm, rejects_gain_of_the_wrong_width) {
  EXPECT_THROW(layer_norm(Matrix::Ones(2, 3), RowVector::Ones(2), RowVector::Zero(3)), std::invalid_argument);
}

TEST(feed_forward, relu_network_matches_hand_worked_values) {
  // d_model 1, d_ff 2. Row 1: x W1 + b1 = [1, -0.5] -> ReLU [1, 0] -> 1*2 + 0*3 + 0.1 = 2.1.
  // Row 2: [-2, 2.5] -> [0, 2.5] -> 7.5 + 0.1 = 7.6.
  FeedForwardWeights w;
  w.w1.resize(1, 2);
  w.w1 << 1, -1;
  w.b1.resize(2);
  w.b1 << 0, 0.5f;
  w.w2.resize(2, 1);
  w.w2 << 2, 3;
  w.b2.resize(1);
  w.b2 << 0.1f;
  w.activation = Activation::relu;
  Matrix x(2, 1), expected(2, 1);
  x << 1, -2;
  expected << 2.1f, 7.6f;
  ExpectAllClose(feed_forward(x, w), expected, 1e-6f);
}

TEST(activation, gelu_matches_the_normal_cdf_form) {
  // x Phi(x) from tables of the standard normal: Phi(1) = 0.8413447, Phi(0.5) = 0.6914625.
  Matrix x(1, 4), expected(1, 4);
  x << 1, -1, 0.5f, 0;
  expected << 0.8413447f, -(1 - 0.8413447f), 0.5f * 0.6914625f, 0;
  ExpectAllClose(activate(x, Activation::gelu), expected, 1e-6f);
}

TEST(feed_forward, rejects_weights_that_do_not_fit) {
  const TransformerBlockWeights w = make_transformer_block_weights(4, 1);
  EXPECT_THROW(feed_forward(Matrix::Ones(2, 5), w.ffn), std::invalid_argument);
}

TEST(residual, adds_and_rejects_shape_mismatch) {
  Matrix a(1, 2), b(1, 2), expected(1, 2);
  a << 1, 2;
  b << 10, 20;
  expected << 11, 22;
  ExpectAllClose(residual_add(a, b), expected, 0.0f);
  EXPECT_THROW(residual_add(a, Matrix::Ones(2, 2)), std::invalid_argument);
}

TEST(transformer_block, seeded_weights_have_the_papers_shapes_and_repeat) {
  const TransformerBlockWeights a = make_transformer_block_weights(8, 5), b = make_transformer_block_weights(8, 5),
                                c = make_transformer_block_weights(8, 6);
  EXPECT_EQ(a.ffn.w1.rows(), 8);
  EXPECT_EQ(a.ffn.w1.cols(), 32);  // d_ff = 4 d_model
  EXPECT_EQ(a.ffn.w2.rows(), 32);
  EXPECT_EQ(a.ffn.w2.cols(), 8);
  ExpectAllClose(a.ffn.w1, b.ffn.w1, 0.0f);
  EXPECT_GT((a.ffn.w1 - c.ffn.w1).cwiseAbs().maxCoeff(), 0.0f);
}

TEST(transformer_block, is_post_norm_residual_then_layer_norm_twice) {
  // With d_ff = 1, ReLU, W1 = 0 and b1 = 1 the FFN outputs the constant row
  // W2 + b2 for every token, so the block can be followed by hand: the first
  // norm makes rows of x + attention mean 0 / variance 1, the second normalises
  // that plus the constant row.
  TransformerBlockWeights w = make_transformer_block_weights(2, 1, 1, Activation::relu);
  w.ffn.w1.setZero();
  w.ffn.b1.setOnes();
  w.ffn.w2 << 3, -1;
  w.ffn.b2 << 0, 0;
  Matrix x(1, 2), attention(1, 2);
  x << 1, 2;
  attention << 2, -2;  // x + attention = [3, 0] -> normalised about [1, -1]
  const TransformerBlockTrace t = transformer_block(x, attention, w);
  const float n1 = 1.5f / std::sqrt(2.25f + 1e-5f);
  Matrix normed(1, 2), residual(1, 2);
  normed << n1, -n1;
  residual << n1 + 3, -n1 - 1;  // [n1 + 3, -n1 - 1]: mean 1, half-spread n1 + 2
  ExpectAllClose(t.attention_normed, normed, 1e-6f);
  ExpectAllClose(t.ffn_residual, residual, 1e-5f);
  const float spread = n1 + 2;
  Matrix expected(1, 2);
  expected << spread / std::sqrt(spread * spread + 1e-5f), -spread / std::sqrt(spread * spread + 1e-5f);
  ExpectAllClose(t.output, expected, 1e-5f);
}

}  // namespace
}  // namespace attn
