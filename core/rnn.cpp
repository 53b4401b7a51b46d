// The Elman RNN, its seeded weights and the exact Jacobian of its state with
// respect to the first input.
#include "core/rnn.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/random.h"

namespace attn {

namespace {
void check_inputs(const ElmanRnn& rnn, const Matrix& inputs) {
  if (inputs.cols() != rnn.w_x.cols())
    throw std::invalid_argument("RNN: each input row needs " + std::to_string(rnn.w_x.cols()) +
                                " numbers (the RNN's input width), got " + std::to_string(inputs.cols()));
  if (!inputs.allFinite()) throw std::invalid_argument("RNN: inputs must be finite numbers");
}
}  // namespace

ElmanRnn make_elman_rnn(Eigen::Index input_width, std::uint64_t seed, Eigen::Index hidden_width,
                        float recurrent_gain) {
  if (input_width < 1 || hidden_width < 1)
    throw std::invalid_argument("RNN: input and hidden widths must be at least 1");
  if (!(recurrent_gain > 0.0f && recurrent_gain <= 1.0f))
    throw std::invalid_argument("RNN: the recurrent gain must be in (0, 1]");
  Random random(seed);
  ElmanRnn rnn;
  rnn.w_x = random.normal_matrix(hidden_width, input_width, 1.0f / std::sqrt(static_cast<float>(input_width)));
  // Q from the QR decomposition of a Gaussian matrix is a random orthogonal
  // matrix; fixing the signs of R's diagonal makes the draw uniform.
  const Matrix gaussian = random.normal_matrix(hidden_width, hidden_width, 1.0f);
  const Eigen::HouseholderQR<Matrix> qr(gaussian);
  Matrix orthogonal = qr.householderQ();
  const Matrix r = qr.matrixQR().triangularView<Eigen::Upper>();
  for (Eigen::Index j = 0; j < hidden_width; ++j)
    if (r(j, j) < 0.0f) orthogonal.col(j) *= -1.0f;
  rnn.w_h = recurrent_gain * orthogonal;
  rnn.b = Vector::Zero(hidden_width);
  return rnn;
}

Matrix rnn_states(const ElmanRnn& rnn, const Matrix& inputs) {
  check_inputs(rnn, inputs);
  Matrix states(inputs.rows(), rnn.w_h.rows());
  Vector h = Vector::Zero(rnn.w_h.rows());
  for (Eigen::Index t = 0; t < inputs.rows(); ++t) {
    h = (rnn.w_x * inputs.row(t).transpose() + rnn.w_h * h + rnn.b).array().tanh().matrix();
    states.row(t) = h.transpose();
  }
  return states;
}

std::vector<Matrix> first_input_jacobians(const ElmanRnn& rnn, const Matrix& inputs) {
  const Matrix states = rnn_states(rnn, inputs);
  std::vector<Matrix> jacobians;
  jacobians.reserve(static_cast<std::size_t>(states.rows()));
  for (Eigen::Index t = 0; t < states.rows(); ++t) {
    // tanh'(a) = 1 - tanh(a)^2 = 1 - h^2: the slope at this step's state.
    const Vector slope = (1.0f - states.row(t).array().square()).matrix().transpose();
    // Step 1 depends on x_1 directly through W_x; later steps only through h_{t-1}.
    const Matrix through = t == 0 ? rnn.w_x : Matrix(rnn.w_h * jacobians.back());
    jacobians.push_back(slope.asDiagonal() * through);
  }
  return jacobians;
}

FirstInputInfluence first_input_influence(const ElmanRnn& rnn, const Matrix& inputs) {
  if (inputs.rows() < 1) throw std::invalid_argument("RNN: the sequence needs at least one token");
  FirstInputInfluence influence;
  for (const Matrix& jacobian : first_input_jacobians(rnn, inputs)) {
    // The largest singular value: the operator 2-norm.
    const Eigen::JacobiSVD<Matrix> svd(jacobian);
    influence.jacobian_norm.push_back(svd.singularValues()(0));
  }
  const float first = influence.jacobian_norm.front();
  for (float norm : influence.jacobian_norm) influence.relative.push_back(first > 0.0f ? norm / first : 0.0f);
  return influence;
}

}  // namespace attn
