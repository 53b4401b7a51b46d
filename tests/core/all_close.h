// One helper for comparing whole tensors: it reports the worst element, its
// position and both values, instead of dozens of scalar assertions.
#pragma once

#include <gtest/gtest.h>

#include <cmath>

#include "core/tensor.h"

namespace attn {

inline void ExpectAllClose(const Matrix& actual, const Matrix& expected, float tolerance) {
  ASSERT_EQ(actual.rows(), expected.rows()) << "row count differs";
  ASSERT_EQ(actual.cols(), expected.cols()) << "column count differs";
  float worst = 0.0f;
  Eigen::Index worst_i = 0, worst_j = 0;
  for (Eigen::Index i = 0; i < actual.rows(); ++i) {
    for (Eigen::Index j = 0; j < actual.cols(); ++j) {
      const float a = actual(i, j), e = expected(i, j);
      if (std::isinf(a) && a == e) continue;  // equal infinities match
      const float diff = std::isnan(a) || std::isnan(e) ? INFINITY : std::abs(a - e);
      if (diff > worst) worst = diff, worst_i = i, worst_j = j;
    }
  }
  EXPECT_LE(worst, tolerance) << "worst difference at (" << worst_i << ", " << worst_j
                              << "): actual " << actual(worst_i, worst_j) << ", expected "
                              << expected(worst_i, worst_j);
}

}  // namespace attn
