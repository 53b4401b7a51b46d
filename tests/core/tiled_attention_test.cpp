// The tiled online-softmax kernel against the plain kernel, which materialises
// every weight: they must agree to 1e-5 on random shapes, tile sizes, masks and
// extreme scores.
#include "core/tiled_attention.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/attention.h"
#include "core/random.h"
#include "tests/core/all_close.h"

namespace attn {
namespace {

struct Case {
  Eigen::Index n_q, n_k, d_k, d_v, tile;
};

void ExpectTiledMatchesPlain(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options,
                             Eigen::Index tile, float tolerance = 1e-5f) {
  const Matrix plain = scaled_dot_product_attention(q, k, v, options).output;
  const Matrix tiled = tiled_attention(q, k, v, options, tile);
  ASSERT_TRUE(tiled.allFinite());
  ExpectAllClose(tiled, plain, tolerance);
}

TEST(tiled_attention, matches_plain_kernel_on_random_shapes) {
  // Token counts that are and are not multiples of the tile, tiles larger
  // than the sequence, and tile 1 (a pure streaming softmax).
  const Case cases[] = {{1, 1, 1, 1, 1},  {5, 5, 4, 3, 2},    {7, 7, 8, 8, 3},   {16, 16, 8, 4, 4},
                        {17, 33, 6, 5, 8}, {33, 17, 16, 2, 32}, {10, 10, 4, 4, 64}, {40, 40, 8, 8, 1}};
  Random random(42);
  for (const Case& c : cases) {
    const Matrix q = random.normal_matrix(c.n_q, c.d_k, 1.0f);
    const Matrix k = random.normal_matrix(c.n_k, c.d_k, 1.0f);
    const Matrix v = random.normal_matrix(c.n_k, c.d_v, 1.0f);
    for (bool causal : {false, true}) {
      for (bool scale : {false, true}) {
        SCOPED_TRACE(testing::Message() << "n_q " << c.n_q << " n_k " << c.n_k << " d_k " << c.d_k << " tile "
                                        << c.tile << " causal " << causal << " scale " << scale);
        AttentionOptions options;
        options.causal = causal;
        options.scale = scale;
        ExpectTiledMatchesPlain(q, k, v, options, c.tile);
      }
    }
  }
}

TEST(tiled_attention, matches_plain_kernel_with_temperature) {
  Random random(7);
  const Matrix q = random.normal_matrix(9, 4, 1.0f), k = random.normal_matrix(9, 4, 1.0f),
               v = random.normal_matrix(9, 3, 1.0f);
  for (float temperature : {0.05f, 0.5f, 3.0f, 100.0f}) {
    AttentionOptions options;
    options.temperature = temperature;
    ExpectTiledMatchesPlain(q, k, v, options, 4);
  }
}

TEST(tiled_attention, stays_finite_and_matches_with_scores_near_ten_thousand) {
  // Scores of order +-1e4 with scaling off: a running sum without the running
  // maximum would overflow at once. Later tiles hold larger maxima than earlier
  // ones, so the rescaling of what was accumulated is exercised too.
  Random random(3);
  const Eigen::Index n = 21;
  Matrix q = random.normal_matrix(n, 2, 1.0f), k = random.normal_matrix(n, 2, 1.0f);
  const Matrix v = random.normal_matrix(n, 3, 1.0f);
  for (Eigen::Index i = 0; i < n; ++i) {
    q.row(i) *= 100.0f;
    k.row(i) *= 30.0f * static_cast<float>(i + 1) / static_cast<float>(n);
  }
  // Whole numbers make every score exact in float whatever order the products
  // are summed in, so the two kernels see identical scores.
  q = q.array().round().matrix();
  k = k.array().round().matrix();
  AttentionOptions options;
  options.scale = false;
  ASSERT_GT(scaled_dot_product_attention(q, k, v, options).scaled.cwiseAbs().maxCoeff(), 3e3f);
  for (bool causal : {false, true}) {
    options.causal = causal;
    ExpectTiledMatchesPlain(q, k, v, options, 4);
  }
}

TEST(tiled_attention, query_with_no_keys_gives_zero_row) {
  const Matrix q = Matrix::Ones(3, 2);
  ExpectAllClose(tiled_attention(q, Matrix(0, 2), Matrix(0, 5)), Matrix::Zero(3, 5), 0.0f);
}

TEST(tiled_attention, refuses_what_the_plain_kernel_refuses) {
  const Matrix x = Matrix::Ones(2, 2);
  AttentionOptions cold;
  cold.temperature = 0.0f;
  EXPECT_THROW(tiled_attention(x, x, x, cold), std::invalid_argument);
  EXPECT_THROW(tiled_attention(x, Matrix::Ones(2, 3), x), std::invalid_argument);
  EXPECT_THROW(tiled_attention(x, x, Matrix::Ones(3, 2)), std::invalid_argument);
  EXPECT_THROW(tiled_attention(x, x, x, {}, 0), std::invalid_argument);
}

TEST(attention_working_memory, counts_score_matrix_against_one_tile) {
  // Plain: 10 x 12 scores. Tiled, tile 4: a 4 x 4 score tile plus a max and a
  // sum for each of its 4 query rows.
  const AttentionWorkingMemory m = attention_working_memory(10, 12, 4);
  EXPECT_EQ(m.plain_floats, 120);
  EXPECT_EQ(m.tiled_floats, 16 + 8);
  // A tile larger than the sequence shrinks to it: 3 x 5 scores, 3 maxima and sums.
  const AttentionWorkingMemory small = attention_working_memory(3, 5, 64);
  EXPECT_EQ(small.tiled_floats, 15 + 6);
}

TEST(attention_working_memory, tiled_memory_does_not_grow_with_length) {
  const AttentionWorkingMemory short_run = attention_working_memory(1024, 1024, 64);
  const AttentionWorkingMemory long_run = attention_working_memory(4096, 4096, 64);
  EXPECT_EQ(short_run.tiled_floats, long_run.tiled_floats);
  EXPECT_EQ(long_run.plain_floats, 16 * short_run.plain_floats);
  EXPECT_THROW(attention_working_memory(4, 4, 0), std::invalid_argument);
}

}  // namespace
}  // namespace attn
