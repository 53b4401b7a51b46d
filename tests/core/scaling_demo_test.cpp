// The sqrt(d_k) demo: without scaling the softmax collapses toward one-hot as
// d_k grows; with scaling it does not.
#include "core/scaling_demo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "tests/core/all_close.h"

namespace attn {
namespace {

TEST(scaling_demo, hand_worked_two_key_case) {
  // d_k = 4, q = [1,1,1,1], keys [1,1,1,1] and 0: scores 4 and 0, scaled 2 and 0.
  // Unscaled: p = 1 / (1 + e^-4) = 0.9820138, entropy 0.1299793 bits.
  // Scaled:   p = 1 / (1 + e^-2) = 0.8807971, entropy 0.5270653 bits.
  const Matrix q = Matrix::Ones(1, 4);
  Matrix keys = Matrix::Zero(2, 4);
  keys.row(0).setOnes();
  const ScalingDemo demo = scaling_demo_for(q, keys);
  EXPECT_FLOAT_EQ(demo.scores(0), 4.0f);
  EXPECT_FLOAT_EQ(demo.scores(1), 0.0f);
  EXPECT_NEAR(demo.max_weight_unscaled, 0.9820138f, 1e-6f);
  EXPECT_NEAR(demo.max_weight_scaled, 0.8807971f, 1e-6f);
  EXPECT_NEAR(demo.entropy_unscaled_bits, 0.1299793f, 1e-5f);
  EXPECT_NEAR(demo.entropy_scaled_bits, 0.5270653f, 1e-5f);
  EXPECT_FLOAT_EQ(demo.max_entropy_bits, 1.0f);
  EXPECT_EQ(demo.argmax, 0);
}

TEST(scaling_demo, same_seed_gives_same_draw) {
  const ScalingDemo a = scaling_demo(16, 9), b = scaling_demo(16, 9);
  ExpectAllClose(a.scores, b.scores, 0.0f);
  EXPECT_EQ(a.scores.size(), 8);
}

TEST(scaling_demo, unscaled_max_weight_grows_toward_one_with_dk_scaled_stays_stable) {
  const int seeds = 200;
  auto average = [seeds](Eigen::Index d_k, bool scaled, bool entropy) {
    double total = 0.0;
    for (int seed = 0; seed < seeds; ++seed) {
      const ScalingDemo demo = scaling_demo(d_k, static_cast<std::uint64_t>(seed) + 1000);
      total += entropy ? (scaled ? demo.entropy_scaled_bits : demo.entropy_unscaled_bits)
                       : (scaled ? demo.max_weight_scaled : demo.max_weight_unscaled);
    }
    return total / seeds;
  };
  const double unscaled_small = average(4, false, false), unscaled_large = average(256, false, false);
  const double scaled_small = average(4, true, false), scaled_large = average(256, true, false);
  EXPECT_GT(unscaled_large, 0.9);  // nearly one-hot
  EXPECT_GT(unscaled_large, unscaled_small + 0.2);
  EXPECT_NEAR(scaled_large, scaled_small, 0.1);  // scaled scores have variance 1 at every d_k
  EXPECT_LT(scaled_large, 0.7);
  // Entropy tells the same story: unscaled collapses toward 0 bits out of 3.
  EXPECT_LT(average(256, false, true), 0.5);
  EXPECT_GT(average(256, true, true), 1.5);
}

TEST(scaling_demo, rejects_bad_sizes) {
  EXPECT_THROW(scaling_demo(0, 1), std::invalid_argument);
  EXPECT_THROW(scaling_demo(4, 1, 0), std::invalid_argument);
  EXPECT_THROW(scaling_demo_for(Matrix::Ones(1, 3), Matrix::Ones(2, 4)), std::invalid_argument);
}

}  // namespace
}  // namespace attn
