// A small real Elman RNN for the "why attention exists" figure: it reads a
// sentence one token at a time, and we measure how much the first token still
// moves the state t steps later, against attention's single hop.
#pragma once

#include <cstdint>
#include <vector>

#include "core/tensor.h"

namespace attn {

// h_t = tanh(W_x x_t + W_h h_{t-1} + b), with h_0 = 0. States are columns here
// because the weights act on them from the left; the sequence and the states
// returned are row-major, one row per token, like the rest of the core.
struct ElmanRnn {
  Matrix w_x;  // hidden x input
  Matrix w_h;  // hidden x hidden
  Vector b;    // hidden
};

// Seeded weights. W_x is normal with variance 1 / input_width, so a
// pre-activation has variance about 1 for unit-size inputs (tanh in its
// working range, neither linear nor saturated). W_h is a random orthogonal
// matrix times recurrent_gain (< 1): orthogonal initialisation is a common
// real choice for RNNs, and with every singular value equal to the gain, each
// step multiplies the first input's influence by at most the gain (tanh's
// slope is at most 1). So the signal fades steadily and monotonically, which
// is what a trained-from-scratch RNN shows: 0.8 loses about a fifth per word,
// before tanh's own squashing takes more. b starts at 0.
// Throws std::invalid_argument for widths < 1 or a gain outside (0, 1].
ElmanRnn make_elman_rnn(Eigen::Index input_width, std::uint64_t seed, Eigen::Index hidden_width = 16,
                        float recurrent_gain = 0.8f);

// Runs the RNN over inputs (n x input_width). Returns n x hidden: row t-1 is h_t.
Matrix rnn_states(const ElmanRnn& rnn, const Matrix& inputs);

// The exact Jacobians dh_t / dx_1 (hidden x input_width) for t = 1..n, by the
// chain rule: dh_1/dx_1 = D_1 W_x and dh_t/dx_1 = D_t W_h dh_{t-1}/dx_1, where
// D_t = diag(1 - h_t^2) is tanh's slope at step t. Element t-1 is dh_t/dx_1.
std::vector<Matrix> first_input_jacobians(const ElmanRnn& rnn, const Matrix& inputs);

struct FirstInputInfluence {
  // Element t-1: the spectral norm ||dh_t/dx_1||, the most a small change of the
  // first token can move the state after t steps, per unit of change.
  std::vector<float> jacobian_norm;
  // Element t-1: jacobian_norm[t-1] / jacobian_norm[0], so 1 at t = 1. Two words
  // `distance` steps apart are at t = distance + 1: relative[distance] is the
  // share of the first word's influence that reaches the second.
  std::vector<float> relative;
};

// Needs at least one input row; throws std::invalid_argument if inputs have the
// wrong width or non-finite entries.
FirstInputInfluence first_input_influence(const ElmanRnn& rnn, const Matrix& inputs);

}  // namespace attn
