// The cost model against counts done by hand, and its growth with length:
// attention's score part as n^2, the RNN as n.
#include "core/cost_model.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace attn {
namespace {

TEST(attention_cost, matches_hand_count_for_two_tokens_width_four_two_heads) {
  // n = 2, d = 4, h = 2, d_k = 2.
  const AttentionCost c = attention_cost(2, 4, 2, 1);
  EXPECT_EQ(c.projection_macs, 96);         // three (2x4)(4x4) products: 3 * 32
  EXPECT_EQ(c.score_macs, 16);              // per head (2x2)(2x2): 8, two heads
  EXPECT_EQ(c.softmax_ops, 32);             // 4 scores per head, 2 heads, 4 ops each
  EXPECT_EQ(c.weighted_sum_macs, 16);       // per head (2x2)(2x2): 8, two heads
  EXPECT_EQ(c.output_projection_macs, 32);  // (2x4)(4x4)
  EXPECT_EQ(c.total_ops, 96 + 16 + 32 + 16 + 32);
  EXPECT_EQ(c.parameter_floats, 64);        // four 4x4 matrices
  EXPECT_EQ(c.score_floats, 8);             // two 2x2 weight matrices
  EXPECT_EQ(c.activation_floats, 40 + 8);   // Q, K, V, heads, output: five 2x4, plus scores
  EXPECT_EQ(c.tiled_score_floats, 2 * 3);   // per head a 1x1 tile, one max, one sum
  EXPECT_EQ(c.sequential_steps, 1);
}

TEST(rnn_cost, matches_hand_count_for_three_steps) {
  // n = 3, d_in = 4, H = 4: per step 16 (W_x x) + 16 (W_h h) + 4 (bias) + 4 (tanh).
  const RnnCost c = rnn_cost(3, 4, 4);
  EXPECT_EQ(c.step_ops, 40);
  EXPECT_EQ(c.total_ops, 120);
  EXPECT_EQ(c.parameter_floats, 16 + 16 + 4);
  EXPECT_EQ(c.state_floats, 12);
  EXPECT_EQ(c.sequential_steps, 3);
}

TEST(attention_cost, score_part_grows_with_the_square_of_length) {
  for (std::int64_t n : {8, 64, 512}) {
    const AttentionCost once = attention_cost(n, 64, 8), twice = attention_cost(2 * n, 64, 8);
    EXPECT_EQ(twice.score_macs, 4 * once.score_macs);
    EXPECT_EQ(twice.weighted_sum_macs, 4 * once.weighted_sum_macs);
    EXPECT_EQ(twice.score_floats, 4 * once.score_floats);
    EXPECT_EQ(twice.projection_macs, 2 * once.projection_macs);  // projections stay linear
  }
}

TEST(rnn_cost, grows_linearly_with_length) {
  for (std::int64_t n : {8, 64, 512}) EXPECT_EQ(rnn_cost(2 * n, 64, 64).total_ops, 2 * rnn_cost(n, 64, 64).total_ops);
}

TEST(attention_cost, overtakes_rnn_once_sentences_are_long) {
  // Same width for both: per token attention pays ~4d^2 + 2nd, the RNN ~2d^2,
  // so attention costs more in total once n is of the order of d.
  EXPECT_LT(attention_cost(8, 64, 8).total_ops, 3 * rnn_cost(8, 64, 64).total_ops);
  EXPECT_GT(attention_cost(4096, 64, 8).total_ops, 10 * rnn_cost(4096, 64, 64).total_ops);
}

TEST(attention_cost, tiled_score_memory_stays_flat) {
  EXPECT_EQ(attention_cost(1024, 64, 1, 64).tiled_score_floats, attention_cost(8192, 64, 1, 64).tiled_score_floats);
  EXPECT_EQ(attention_cost(1024, 64, 1, 64).tiled_score_floats, 64 * 64 + 2 * 64);
}

TEST(attention_cost, rejects_heads_that_do_not_divide_the_width) {
  EXPECT_THROW(attention_cost(4, 10, 3), std::invalid_argument);
  EXPECT_THROW(attention_cost(-1, 8, 2), std::invalid_argument);
  EXPECT_THROW(rnn_cost(4, 0, 8), std::invalid_argument);
}

}  // namespace
}  // namespace attn
