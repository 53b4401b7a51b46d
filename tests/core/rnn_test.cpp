// The Elman RNN: hand-worked states, the exact Jacobian against finite
// differences, and the fading of the first word's influence.
#include "core/rnn.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/random.h"
#include "tests/core/all_close.h"

namespace attn {
namespace {

ElmanRnn OneUnitRnn() {
  ElmanRnn rnn;
  rnn.w_x = Matrix::Constant(1, 1, 0.5f);
  rnn.w_h = Matrix::Constant(1, 1, 0.8f);
  rnn.b = Vector::Zero(1);
  return rnn;
}

TEST(rnn, one_unit_states_and_jacobians_match_hand_chain_rule) {
  Matrix x(3, 1);
  x << 1, 0, 0;
  const double h1 = std::tanh(0.5), h2 = std::tanh(0.8 * h1), h3 = std::tanh(0.8 * h2);
  Matrix expected_states(3, 1);
  expected_states << float(h1), float(h2), float(h3);
  ExpectAllClose(rnn_states(OneUnitRnn(), x), expected_states, 1e-6f);
  const double j1 = (1 - h1 * h1) * 0.5, j2 = (1 - h2 * h2) * 0.8 * j1, j3 = (1 - h3 * h3) * 0.8 * j2;
  const std::vector<Matrix> jacobians = first_input_jacobians(OneUnitRnn(), x);
  ASSERT_EQ(jacobians.size(), 3u);
  EXPECT_NEAR(jacobians[0](0, 0), j1, 1e-6);
  EXPECT_NEAR(jacobians[1](0, 0), j2, 1e-6);
  EXPECT_NEAR(jacobians[2](0, 0), j3, 1e-6);
  const FirstInputInfluence influence = first_input_influence(OneUnitRnn(), x);
  EXPECT_NEAR(influence.relative[2], j3 / j1, 1e-5);
}

TEST(rnn, jacobian_matches_central_finite_differences) {
  const Eigen::Index d = 5, n = 6;
  const ElmanRnn rnn = make_elman_rnn(d, 21);
  Random random(22);
  const Matrix x = random.normal_matrix(n, d, 1.0f);
  const std::vector<Matrix> jacobians = first_input_jacobians(rnn, x);
  const float step = 1e-2f;
  for (Eigen::Index input = 0; input < d; ++input) {
    Matrix up = x, down = x;
    up(0, input) += step;
    down(0, input) -= step;
    const Matrix difference = (rnn_states(rnn, up) - rnn_states(rnn, down)) / (2 * step);
    for (Eigen::Index t = 0; t < n; ++t) {
      SCOPED_TRACE(testing::Message() << "input " << input << ", step " << t + 1);
      ExpectAllClose(jacobians[static_cast<std::size_t>(t)].col(input), difference.row(t).transpose(), 2e-3f);
    }
  }
}

TEST(rnn, recurrent_weights_are_orthogonal_times_the_gain) {
  const ElmanRnn rnn = make_elman_rnn(4, 3, 16, 0.8f);
  ExpectAllClose(rnn.w_h.transpose() * rnn.w_h, 0.64f * Matrix::Identity(16, 16), 1e-5f);
  EXPECT_EQ(rnn.w_x.rows(), 16);
  EXPECT_EQ(rnn.w_x.cols(), 4);
}

TEST(rnn, first_word_influence_fades_with_distance) {
  const ElmanRnn rnn = make_elman_rnn(8, 1);
  Random random(2);
  const Matrix x = random.normal_matrix(12, 8, 1.0f);
  const FirstInputInfluence influence = first_input_influence(rnn, x);
  ASSERT_EQ(influence.relative.size(), 12u);
  EXPECT_FLOAT_EQ(influence.relative[0], 1.0f);
  // Each step multiplies by at most the gain 0.8 (tanh's slope is at most 1).
  for (std::size_t t = 1; t < influence.relative.size(); ++t)
    EXPECT_LE(influence.relative[t], 0.8f * influence.relative[t - 1] + 1e-6f) << "step " << t + 1;
  EXPECT_LT(influence.relative[10], 0.8f * 0.8f * 0.8f * 0.8f * 0.8f);  // well under a third after 10 steps
  EXPECT_GT(influence.relative[10], 0.0f);
}

TEST(rnn, rejects_wrong_input_width_and_empty_sequence) {
  const ElmanRnn rnn = make_elman_rnn(3, 1);
  EXPECT_THROW(rnn_states(rnn, Matrix::Ones(2, 4)), std::invalid_argument);
  EXPECT_THROW(first_input_influence(rnn, Matrix(0, 3)), std::invalid_argument);
  EXPECT_THROW(make_elman_rnn(3, 1, 16, 1.5f), std::invalid_argument);
}

}  // namespace
}  // namespace attn
