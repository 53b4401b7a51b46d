// Central finite differences of a scalar loss with respect to every entry of one
// parameter tensor: the reference the hand-written backward passes are checked
// against. The loss is re-evaluated with each entry nudged up and down by
// `step`; the tensor is left exactly as it was.
#pragma once

#include <functional>

#include "core/tensor.h"

namespace attn {

inline Matrix central_difference(Matrix& param, const std::function<double()>& loss, float step) {
  Matrix numeric(param.rows(), param.cols());
  for (Eigen::Index i = 0; i < param.rows(); ++i) {
    for (Eigen::Index j = 0; j < param.cols(); ++j) {
      const float kept = param(i, j);
      param(i, j) = kept + step;
      const double up = loss();
      param(i, j) = kept - step;
      const double down = loss();
      param(i, j) = kept;
      numeric(i, j) = static_cast<float>((up - down) / (2.0 * static_cast<double>(step)));
    }
  }
  return numeric;
}

}  // namespace attn
