// Adam (Kingma & Ba, 2015) over a list of parameter matrices, with bias
// correction, as the "Watch it learn" model trains with it.
//
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
#pragma once

#include <vector>

#include "core/tensor.h"

namespace attn {

struct AdamOptions {
  float learning_rate = 0.01f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float epsilon = 1e-8f;
};

class Adam {
 public:
  // Throws std::invalid_argument unless 0 < learning_rate <= 1, betas in [0, 1)
  // and epsilon > 0.
  explicit Adam(const AdamOptions& options = {});

  // One update of every parameter from its gradient (same order, same shapes).
  // The moments are created on the first call. Throws std::invalid_argument
  // when the lists do not match.
  void step(const std::vector<Matrix*>& params, const std::vector<const Matrix*>& grads);

  // Takes effect from the next step; the moments are kept.
  void set_learning_rate(float learning_rate);
  const AdamOptions& options() const { return options_; }
  long steps_taken() const { return t_; }

 private:
  AdamOptions options_;
  long t_ = 0;
  std::vector<Matrix> m_, v_;
};

}  // namespace attn
