// Scaled dot-product attention against small hand-worked examples.
#include "core/attention.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "tests/core/all_close.h"

namespace attn {
namespace {

TEST(attention, matches_hand_worked_two_token_example) {
  // q = k = [[1,0],[0,1]], d_k = 2: scores = I, scaled = I / sqrt(2).
  Matrix q(2, 2), v(2, 1);
  q << 1, 0, 0, 1;
  v << 10, 20;
  const AttentionTrace t = scaled_dot_product_attention(q, q, v);
  const float a = std::exp(1.0f / std::sqrt(2.0f));  // weight of the matching key, unnormalised
  Matrix expected_weights(2, 2);
  expected_weights << a / (a + 1), 1 / (a + 1), 1 / (a + 1), a / (a + 1);
  ExpectAllClose(t.weights, expected_weights, 1e-6f);
  Matrix expected_output(2, 1);
  expected_output << (10 * a + 20) / (a + 1), (10 + 20 * a) / (a + 1);
  ExpectAllClose(t.output, expected_output, 1e-4f);
}

TEST(softmax, fully_masked_row_is_all_zero) {
  const float inf = std::numeric_limits<float>::infinity();
  Matrix logits(2, 2);
  logits << -inf, -inf, 0, -inf;
  const Matrix w = softmax_rows(logits);
  Matrix expected(2, 2);
  expected << 0, 0, 1, 0;
  ExpectAllClose(w, expected, 0.0f);
}

}  // namespace
}  // namespace attn

// Hardening: options, shapes and extreme scores.
namespace attn {
namespace {

bool MessageContains(const std::invalid_argument& error, const std::string& part) {
  return std::string(error.what()).find(part) != std::string::npos;
}

TEST(attention, rejects_zero_negative_and_nan_temperature) {
  const Matrix q = Matrix::Ones(2, 3), v = Matrix::Ones(2, 1);
  for (float temperature : {0.0f, -1.0f, std::nanf(""), std::numeric_limits<float>::infinity()}) {
    AttentionOptions options;
    options.temperature = temperature;
    try {
      scaled_dot_product_attention(q, q, v, options);
      ADD_FAILURE() << "temperature " << temperature << " was accepted";
    } catch (const std::invalid_argument& error) {
      EXPECT_TRUE(MessageContains(error, "temperature")) << error.what();
    }
  }
}

TEST(attention, rejects_query_and_key_widths_that_differ) {
  try {
    scaled_dot_product_attention(Matrix::Ones(2, 3), Matrix::Ones(2, 4), Matrix::Ones(2, 1));
    ADD_FAILURE() << "mismatched widths were accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_TRUE(MessageContains(error, "2 x 3")) << error.what();
    EXPECT_TRUE(MessageContains(error, "2 x 4")) << error.what();
  }
}

TEST(attention, rejects_keys_and_values_with_different_row_counts) {
  try {
    scaled_dot_product_attention(Matrix::Ones(2, 3), Matrix::Ones(3, 3), Matrix::Ones(2, 1));
    ADD_FAILURE() << "mismatched key and value counts were accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_TRUE(MessageContains(error, "rows")) << error.what();
  }
}

TEST(attention, rejects_nan_inputs) {
  Matrix q = Matrix::Ones(2, 2);
  q(1, 1) = std::nanf("");
  EXPECT_THROW(scaled_dot_product_attention(q, Matrix::Ones(2, 2), Matrix::Ones(2, 2)), std::invalid_argument);
}

TEST(attention, temperature_divides_the_scaled_scores) {
  // d_k = 1, scale off: scores are q k. Temperature 2 halves them.
  Matrix q(1, 1), k(2, 1), v(2, 1);
  q << 1;
  k << 2, 0;
  v << 1, 0;
  AttentionOptions options;
  options.scale = false;
  options.temperature = 2.0f;
  const AttentionTrace t = scaled_dot_product_attention(q, k, v, options);
  Matrix expected_scaled(1, 2);
  expected_scaled << 1, 0;
  ExpectAllClose(t.scaled, expected_scaled, 0.0f);
  const float e = std::exp(1.0f);
  Matrix expected_weights(1, 2);
  expected_weights << e / (e + 1), 1 / (e + 1);
  ExpectAllClose(t.weights, expected_weights, 1e-6f);
}

TEST(attention, causal_mask_uses_minus_infinity_and_zero_weight) {
  // Three identical tokens: query i spreads evenly over keys 0..i.
  const Matrix x = Matrix::Ones(3, 2);
  AttentionOptions options;
  options.causal = true;
  const AttentionTrace t = scaled_dot_product_attention(x, x, x, options);
  EXPECT_EQ(t.masked(0, 1), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(t.masked(1, 2), -std::numeric_limits<float>::infinity());
  Matrix expected(3, 3);
  expected << 1, 0, 0, 0.5f, 0.5f, 0, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f;
  ExpectAllClose(t.weights, expected, 1e-6f);
}

TEST(attention, no_keys_gives_zero_output) {
  const AttentionTrace t = scaled_dot_product_attention(Matrix::Ones(2, 3), Matrix(0, 3), Matrix(0, 4));
  ExpectAllClose(t.output, Matrix::Zero(2, 4), 0.0f);
}

TEST(softmax, is_finite_for_scores_of_plus_and_minus_ten_thousand) {
  Matrix logits(2, 3);
  logits << 1e4f, -1e4f, 1e4f - 1.0f, -1e4f, -1e4f, -1e4f;
  const Matrix w = softmax_rows(logits);
  ASSERT_TRUE(w.allFinite());
  const float e = std::exp(-1.0f);  // the runner-up is one unit behind
  Matrix expected(2, 3);
  expected << 1 / (1 + e), 0, e / (1 + e), 1 / 3.0f, 1 / 3.0f, 1 / 3.0f;
  ExpectAllClose(w, expected, 1e-6f);
}

TEST(softmax, rejects_nan_and_plus_infinity) {
  Matrix logits(1, 2);
  logits << 0, std::nanf("");
  EXPECT_THROW(softmax_rows(logits), std::invalid_argument);
  logits << 0, std::numeric_limits<float>::infinity();
  EXPECT_THROW(softmax_rows(logits), std::invalid_argument);
}

TEST(entropy, uniform_over_four_is_two_bits_and_one_hot_is_zero) {
  Matrix w(2, 4);
  w << 0.25f, 0.25f, 0.25f, 0.25f, 0, 1, 0, 0;
  const Vector h = row_entropy_bits(w);
  EXPECT_NEAR(h(0), 2.0f, 1e-6f);
  EXPECT_EQ(h(1), 0.0f);
}

}  // namespace
}  // namespace attn
