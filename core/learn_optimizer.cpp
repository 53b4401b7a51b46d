// Adam with bias correction (learn_optimizer.h).
#include "core/learn_optimizer.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace attn {
namespace {

void check_learning_rate(float lr) {
  if (!(lr > 0.0f) || lr > 1.0f)
    throw std::invalid_argument("The learning rate must be above 0 and at most 1, not " + std::to_string(lr) + ".");
}

}  // namespace

Adam::Adam(const AdamOptions& options) : options_(options) {
  check_learning_rate(options.learning_rate);
  if (!(options.beta1 >= 0.0f && options.beta1 < 1.0f) || !(options.beta2 >= 0.0f && options.beta2 < 1.0f))
    throw std::invalid_argument("Adam's betas must be at least 0 and below 1.");
  if (!(options.epsilon > 0.0f)) throw std::invalid_argument("Adam's epsilon must be above 0.");
}

void Adam::set_learning_rate(float learning_rate) {
  check_learning_rate(learning_rate);
  options_.learning_rate = learning_rate;
}

void Adam::step(const std::vector<Matrix*>& params, const std::vector<const Matrix*>& grads) {
  if (params.size() != grads.size())
    throw std::invalid_argument("Adam needs one gradient per parameter.");
  if (m_.empty()) {
    for (const Matrix* p : params) {
      m_.push_back(Matrix::Zero(p->rows(), p->cols()));
      v_.push_back(Matrix::Zero(p->rows(), p->cols()));
    }
  }
  if (m_.size() != params.size()) throw std::invalid_argument("Adam was started on a different parameter list.");
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i]->rows() != grads[i]->rows() || params[i]->cols() != grads[i]->cols() ||
        params[i]->rows() != m_[i].rows() || params[i]->cols() != m_[i].cols())
      throw std::invalid_argument("Adam: parameter " + std::to_string(i) + " and its gradient differ in shape.");
  }
  ++t_;
  const AdamOptions& o = options_;
  // Bias corrections in double: b^t for large t loses precision in float.
  const float correct1 = static_cast<float>(1.0 - std::pow(static_cast<double>(o.beta1), static_cast<double>(t_)));
  const float correct2 = static_cast<float>(1.0 - std::pow(static_cast<double>(o.beta2), static_cast<double>(t_)));
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto g = grads[i]->array();
    m_[i].array() = o.beta1 * m_[i].array() + (1.0f - o.beta1) * g;
    v_[i].array() = o.beta2 * v_[i].array() + (1.0f - o.beta2) * g.square();
    params[i]->array() -=
        o.learning_rate * (m_[i].array() / correct1) / ((v_[i].array() / correct2).sqrt() + o.epsilon);
  }
}

}  // namespace attn
