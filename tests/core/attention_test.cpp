// Scaled dot-product attention against small hand-worked examples.
#include "core/attention.h"

#include <gtest/gtest.h>

#include <cmath>

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
