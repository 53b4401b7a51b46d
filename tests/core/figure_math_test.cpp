// The figures' derived numbers against values worked out by hand.
#include "core/figure_math.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/cost_model.h"
#include "tests/core/all_close.h"

namespace attn {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

RowVector row(std::initializer_list<float> values) {
  RowVector r(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (float v : values) r(i++) = v;
  return r;
}

TEST(dot_product_terms, lists_each_product_and_their_sum) {
  // (1, -2, 0.5) . (3, 4, 2) = 3 - 8 + 1 = -4
  const DotProductTerms terms = dot_product_terms(row({1.f, -2.f, 0.5f}), row({3.f, 4.f, 2.f}));
  ASSERT_EQ(terms.products.size(), 3u);
  EXPECT_FLOAT_EQ(terms.products[0], 3.f);
  EXPECT_FLOAT_EQ(terms.products[1], -8.f);
  EXPECT_FLOAT_EQ(terms.products[2], 1.f);
  EXPECT_FLOAT_EQ(terms.q[1], -2.f);
  EXPECT_FLOAT_EQ(terms.k[2], 2.f);
  EXPECT_FLOAT_EQ(terms.sum, -4.f);
}

TEST(dot_product_terms, rejects_rows_of_different_widths) {
  EXPECT_THROW(dot_product_terms(row({1.f, 2.f}), row({1.f})), std::invalid_argument);
  EXPECT_THROW(dot_product_terms(RowVector(0), RowVector(0)), std::invalid_argument);
}

TEST(row_sums, adds_each_row) {
  Matrix m(2, 3);
  m << 0.2f, 0.3f, 0.5f,
       1.f, -2.f, 4.f;
  Matrix expected(2, 1);
  expected << 1.f, 3.f;
  ExpectAllClose(row_sums(m), expected, 1e-6f);
}

TEST(weighted_values, scales_each_value_row_by_the_query_weight) {
  Matrix weights(2, 2);
  weights << 0.25f, 0.75f,
             0.5f, 0.5f;
  Matrix v(2, 2);
  v << 4.f, 8.f,
       2.f, -4.f;
  Matrix expected(2, 2);
  expected << 1.f, 2.f,     // 0.25 * (4, 8)
              1.5f, -3.f;   // 0.75 * (2, -4)
  const Matrix parts = weighted_values(weights, v, 0);
  ExpectAllClose(parts, expected, 1e-6f);
  // The parts add up to the output row weights V: (2.5, -1).
  Matrix output(1, 2);
  output << 2.5f, -1.f;
  ExpectAllClose(parts.colwise().sum(), output, 1e-6f);
  EXPECT_THROW(weighted_values(weights, v, 2), std::invalid_argument);
  EXPECT_THROW(weighted_values(weights, Matrix::Zero(3, 2), 0), std::invalid_argument);
}

TEST(blend_values, mixes_value_rows_by_the_weights) {
  Matrix v(2, 2);
  v << 4.f, 8.f,
       2.f, -4.f;
  // 0.25 (4, 8) + 0.75 (2, -4) = (2.5, -1); a one-hot row picks one value row.
  ExpectAllClose(blend_values(row({0.25f, 0.75f}), v), row({2.5f, -1.f}), 1e-6f);
  ExpectAllClose(blend_values(row({0.f, 1.f}), v), row({2.f, -4.f}), 0.f);
  EXPECT_THROW(blend_values(row({1.f}), v), std::invalid_argument);
}

TEST(row_weights, hard_argmax_picks_the_largest_visible_logit) {
  AttentionTrace a;
  a.scaled = Matrix(1, 3);
  a.scaled << 1.f, 5.f, 2.f;
  a.masked = Matrix(1, 3);
  a.masked << 1.f, -kInf, 2.f;  // the largest score is hidden by the mask
  a.weights = Matrix(1, 3);
  a.weights << 0.27f, 0.f, 0.73f;
  ExpectAllClose(row_weights(a, 0, true), row({0.f, 0.f, 1.f}), 0.f);
  ExpectAllClose(row_weights(a, 0, false), row({0.27f, 0.f, 0.73f}), 0.f);
  EXPECT_THROW(row_weights(a, 1, true), std::invalid_argument);
}

TEST(row_spread, even_row_is_flat_with_full_entropy) {
  AttentionTrace a;
  a.weights = Matrix::Constant(1, 4, 0.25f);
  const RowSpread s = row_spread(a, 0);
  EXPECT_EQ(s.visible, 4);
  EXPECT_FLOAT_EQ(s.even_share, 0.25f);
  EXPECT_FLOAT_EQ(s.entropy_bits, 2.f);  // four equal choices: 2 bits
  EXPECT_FLOAT_EQ(s.max_entropy_bits, 2.f);
  EXPECT_FALSE(s.decisive);
  EXPECT_EQ(s.argmax, 0);  // a tie goes to the earlier word
}

TEST(row_spread, a_standout_word_is_not_uniform) {
  AttentionTrace a;
  a.weights = Matrix(1, 4);
  a.weights << 0.5f, 0.25f, 0.125f, 0.125f;  // entropy 0.5 + 0.5 + 0.375 + 0.375 = 1.75 bits
  const RowSpread s = row_spread(a, 0);
  EXPECT_FLOAT_EQ(s.largest, 0.5f);
  EXPECT_FLOAT_EQ(s.entropy_bits, 1.75f);
  EXPECT_EQ(s.argmax, 0);
  EXPECT_TRUE(s.decisive);  // 0.5 >= 0.25 + 0.2 * 0.75 = 0.4
}

TEST(row_spread, counts_only_keys_the_mask_lets_through) {
  AttentionTrace a;
  a.weights = Matrix(1, 3);
  a.weights << 0.5f, 0.5f, 0.f;
  a.masked = Matrix(1, 3);
  a.masked << 0.f, 0.f, -kInf;
  const RowSpread s = row_spread(a, 0);
  EXPECT_EQ(s.visible, 2);
  EXPECT_FLOAT_EQ(s.even_share, 0.5f);
  EXPECT_FLOAT_EQ(s.max_entropy_bits, 1.f);
  EXPECT_FALSE(s.decisive);
}

// The case: eight words, the largest weight 13% against an even 12.5%.
TEST(row_spread, a_row_a_point_above_even_is_flat) {
  AttentionTrace a;
  a.weights = Matrix(1, 8);
  a.weights << 0.12f, 0.12f, 0.13f, 0.12f, 0.13f, 0.12f, 0.13f, 0.13f;
  const RowSpread s = row_spread(a, 0);
  EXPECT_EQ(s.argmax, 2);
  EXPECT_FALSE(s.decisive);  // needs 0.125 + 0.2 * 0.875 = 0.3
}

TEST(row_spread, the_threshold_moves_with_the_number_of_visible_words) {
  AttentionTrace two;
  two.weights = Matrix(2, 2);
  two.weights << 0.59f, 0.41f,   // 2 words: needs 0.5 + 0.2 * 0.5 = 0.6
                 0.39f, 0.61f;
  EXPECT_FALSE(row_spread(two, 0).decisive);
  EXPECT_TRUE(row_spread(two, 1).decisive);
  EXPECT_EQ(row_spread(two, 1).argmax, 1);
  // The same 0.59 among 5 visible of 6 keys (needs 0.2 + 0.2 * 0.8 = 0.36) is decisive;
  // the masked key could not have been picked even though its weight is 0.
  AttentionTrace five;
  five.weights = Matrix(1, 6);
  five.weights << 0.1f, 0.59f, 0.1f, 0.11f, 0.1f, 0.f;
  five.masked = Matrix(1, 6);
  five.masked << 0.f, 0.f, 0.f, 0.f, 0.f, -kInf;
  EXPECT_TRUE(row_spread(five, 0).decisive);
  EXPECT_EQ(row_spread(five, 0).argmax, 1);
}

TEST(cost_curve, samples_the_cost_model_at_each_length) {
  const CostCurve curve = cost_curve(8, 4, 4, 2);
  ASSERT_EQ(curve.lengths.size(), 3u);
  EXPECT_EQ(curve.lengths[2], 8);
  EXPECT_EQ(curve.attention_ops[0], 0);
  // n = 8, d = 4, h = 2: projections 3*8*16 = 384, scores 64*4 = 256, softmax 4*2*64 = 512,
  // weighted sum 256, output projection 8*16 = 128.
  EXPECT_EQ(curve.attention_ops[2], 384 + 256 + 512 + 256 + 128);
  // RNN with width 4: per step 16 + 16 + 4 + 4 = 40, eight steps.
  EXPECT_EQ(curve.rnn_ops[2], 320);
  EXPECT_THROW(cost_curve(8, 0, 4, 2), std::invalid_argument);
}

}  // namespace
}  // namespace attn
