// Adam against hand-worked updates.
#include "core/learn_optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "tests/core/all_close.h"

namespace attn {
namespace {

TEST(adam, first_step_moves_each_parameter_by_the_learning_rate_against_its_gradient) {
  // After one step the bias-corrected m / sqrt(v) is g / |g| = sign(g).
  AdamOptions options;
  options.learning_rate = 0.1f;
  Adam adam(options);
  Matrix p(1, 3), g(1, 3);
  p << 1.0f, 2.0f, 3.0f;
  g << 0.5f, -4.0f, 0.001f;
  adam.step({&p}, {&g});
  Matrix expected(1, 3);
  expected << 0.9f, 2.1f, 2.9f;
  ExpectAllClose(p, expected, 1e-5f);
}

TEST(adam, second_step_matches_hand_worked_moments) {
  AdamOptions options;
  options.learning_rate = 0.1f;
  Adam adam(options);
  Matrix p(1, 1), g(1, 1);
  p << 0.0f;
  g << 1.0f;
  adam.step({&p}, {&g});
  g << 3.0f;
  adam.step({&p}, {&g});
  // m2 = 0.9*0.1 + 0.1*3 = 0.39, m_hat = 0.39 / 0.19
  // v2 = 0.999*0.001 + 0.001*9 = 0.009999, v_hat = 0.009999 / 0.001999
  const double m_hat = 0.39 / 0.19, v_hat = 0.009999 / (1.0 - 0.999 * 0.999);
  const double expected = -0.1 - 0.1 * m_hat / std::sqrt(v_hat);
  EXPECT_NEAR(p(0, 0), expected, 1e-5);
}

TEST(adam, minimises_a_quadratic) {
  Adam adam(AdamOptions{0.05f});
  Matrix p(1, 2), g(1, 2);
  p << 3.0f, -2.0f;
  for (int i = 0; i < 2000; ++i) {
    g = 2.0f * p;  // gradient of |p|^2
    adam.step({&p}, {&g});
  }
  EXPECT_LT(p.cwiseAbs().maxCoeff(), 1e-2f);
}

TEST(adam, rejects_bad_learning_rates_and_mismatched_lists) {
  EXPECT_THROW(Adam(AdamOptions{0.0f}), std::invalid_argument);
  EXPECT_THROW(Adam(AdamOptions{-1.0f}), std::invalid_argument);
  Adam adam;
  EXPECT_THROW(adam.set_learning_rate(2.0f), std::invalid_argument);
  Matrix p(1, 2), g(2, 1);
  p.setZero();
  g.setZero();
  EXPECT_THROW(adam.step({&p}, {&g}), std::invalid_argument);
  EXPECT_THROW(adam.step({&p}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace attn
