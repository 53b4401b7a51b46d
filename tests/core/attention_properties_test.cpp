// Properties attention must have whatever the numbers: permutation
// equivariance, causal structure, rows that are distributions, finite results
// at extreme scores, and the temperature limits.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "core/attention.h"
#include "core/random.h"
#include "tests/core/all_close.h"

namespace attn {
namespace {

// Row i of the result is row order[i] of m.
Matrix PermuteRows(const Matrix& m, const std::vector<Eigen::Index>& order) {
  Matrix out(m.rows(), m.cols());
  for (std::size_t i = 0; i < order.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = m.row(order[i]);
  return out;
}

std::vector<Eigen::Index> ShuffledOrder(Eigen::Index n, Random& random) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = order.size(); i > 1; --i)  // Fisher-Yates with the core's generator
    std::swap(order[i - 1], order[random.next_u64() % i]);
  return order;
}

TEST(attention_properties, permuting_keys_and_values_together_leaves_output_unchanged) {
  Random random(11);
  const Matrix q = random.normal_matrix(6, 4, 1.0f), k = random.normal_matrix(9, 4, 1.0f),
               v = random.normal_matrix(9, 3, 1.0f);
  const std::vector<Eigen::Index> order = ShuffledOrder(9, random);
  const AttentionTrace original = scaled_dot_product_attention(q, k, v);
  const AttentionTrace permuted = scaled_dot_product_attention(q, PermuteRows(k, order), PermuteRows(v, order));
  ExpectAllClose(permuted.output, original.output, 1e-5f);
  // The weights move with their keys: column j of the permuted run is column order[j].
  const Matrix moved = PermuteRows(original.weights.transpose(), order).transpose();
  ExpectAllClose(permuted.weights, moved, 1e-6f);
}

TEST(attention_properties, permuting_queries_permutes_output_rows) {
  Random random(12);
  const Matrix q = random.normal_matrix(7, 4, 1.0f), k = random.normal_matrix(5, 4, 1.0f),
               v = random.normal_matrix(5, 2, 1.0f);
  const std::vector<Eigen::Index> order = ShuffledOrder(7, random);
  const AttentionTrace original = scaled_dot_product_attention(q, k, v);
  const AttentionTrace permuted = scaled_dot_product_attention(PermuteRows(q, order), k, v);
  ExpectAllClose(permuted.output, PermuteRows(original.output, order), 1e-6f);
}

TEST(attention_properties, causal_weights_are_zero_beyond_the_diagonal) {
  Random random(13);
  const Matrix x = random.normal_matrix(8, 4, 1.0f);
  AttentionOptions options;
  options.causal = true;
  const AttentionTrace t = scaled_dot_product_attention(x, x, x, options);
  for (Eigen::Index i = 0; i < 8; ++i)
    for (Eigen::Index j = i + 1; j < 8; ++j) EXPECT_EQ(t.weights(i, j), 0.0f) << "row " << i << " key " << j;
}

TEST(attention_properties, causal_output_of_a_row_ignores_later_tokens) {
  Random random(14);
  Matrix q = random.normal_matrix(8, 4, 1.0f), k = random.normal_matrix(8, 4, 1.0f),
         v = random.normal_matrix(8, 3, 1.0f);
  AttentionOptions options;
  options.causal = true;
  const Matrix before = scaled_dot_product_attention(q, k, v, options).output;
  // Replace tokens 5..7 entirely: rows 0..4 must not move at all.
  q.bottomRows(3) = random.normal_matrix(3, 4, 5.0f);
  k.bottomRows(3) = random.normal_matrix(3, 4, 5.0f);
  v.bottomRows(3) = random.normal_matrix(3, 3, 5.0f);
  const Matrix after = scaled_dot_product_attention(q, k, v, options).output;
  ExpectAllClose(after.topRows(5), before.topRows(5), 0.0f);
  EXPECT_GT((after.bottomRows(3) - before.bottomRows(3)).cwiseAbs().maxCoeff(), 1e-3f);
}

TEST(attention_properties, every_row_sums_to_one_and_output_is_weights_times_values) {
  Random random(15);
  for (bool causal : {false, true}) {
    const Matrix q = random.normal_matrix(6, 8, 2.0f), k = random.normal_matrix(6, 8, 2.0f),
                 v = random.normal_matrix(6, 5, 1.0f);
    AttentionOptions options;
    options.causal = causal;
    const AttentionTrace t = scaled_dot_product_attention(q, k, v, options);
    ExpectAllClose(t.weights.rowwise().sum(), Matrix::Ones(6, 1), 1e-6f);
    EXPECT_GE(t.weights.minCoeff(), 0.0f);
    ExpectAllClose(t.output, t.weights * v, 1e-6f);
  }
}

TEST(attention_properties, extreme_scores_stay_finite) {
  // Scores of +-1e4 exactly, scaling off: q = 100, k = +-100.
  Matrix q = Matrix::Constant(3, 1, 100.0f), k(4, 1), v(4, 2);
  k << 100, -100, 100, -100;
  v << 1, 0, 0, 1, 3, 0, 0, 3;
  AttentionOptions options;
  options.scale = false;
  const AttentionTrace t = scaled_dot_product_attention(q, k, v, options);
  ASSERT_TRUE(t.weights.allFinite());
  ASSERT_TRUE(t.output.allFinite());
  // The two +1e4 keys tie and share all the weight; the -1e4 keys get none.
  Matrix expected(3, 2);
  expected << 2, 0, 2, 0, 2, 0;
  ExpectAllClose(t.output, expected, 1e-6f);
}

TEST(attention_properties, tiny_temperature_approaches_one_hot) {
  Random random(16);
  const Matrix q = random.normal_matrix(5, 4, 1.0f), k = random.normal_matrix(6, 4, 1.0f);
  AttentionOptions options;
  options.temperature = 1e-4f;
  const AttentionTrace t = scaled_dot_product_attention(q, k, k, options);
  ExpectAllClose(t.weights, hard_argmax_rows(t.scores), 1e-3f);
}

TEST(attention_properties, huge_temperature_approaches_uniform) {
  Random random(17);
  const Matrix q = random.normal_matrix(5, 4, 1.0f), k = random.normal_matrix(6, 4, 1.0f);
  AttentionOptions options;
  options.temperature = 1e5f;
  const AttentionTrace t = scaled_dot_product_attention(q, k, k, options);
  ExpectAllClose(t.weights, Matrix::Constant(5, 6, 1.0f / 6.0f), 1e-4f);
}

TEST(attention_properties, hard_argmax_picks_the_largest_score) {
  Random random(18);
  const Matrix scores = random.normal_matrix(10, 7, 3.0f);
  const Matrix hard = hard_argmax_rows(scores);
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < scores.cols(); ++j)
      if (scores(i, j) > scores(i, best)) best = j;
    for (Eigen::Index j = 0; j < scores.cols(); ++j) EXPECT_EQ(hard(i, j), j == best ? 1.0f : 0.0f);
  }
}

}  // namespace
}  // namespace attn
