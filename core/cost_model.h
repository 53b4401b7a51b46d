// Operation and memory counts for one attention layer and for an RNN over the
// same sequence, as n (tokens), d (d_model) and h (heads) grow: the numbers
// behind the lesson's cost plot (n^2 against n) and its cost facts.
//
// Counting conventions (the tests count by hand with the same ones):
// - A multiply-add (MAC) is one operation: a (p x q) times (q x r) product is p q r.
// - Softmax costs 3 operations per score: subtract the maximum and exponentiate,
//   add to the row's sum, divide by the sum. The sqrt(d_k) scaling is 1 more per
//   score. tanh in the RNN is 1 operation per unit.
// - Memory counts floats (4 bytes each), not bytes.
#pragma once

#include <cstdint>

namespace attn {

struct AttentionCost {
  // Operations.
  std::int64_t projection_macs = 0;         // Q, K, V = X W_Q, X W_K, X W_V: 3 n d^2
  std::int64_t score_macs = 0;              // Q K^T in every head: h n^2 d_k = n^2 d
  std::int64_t softmax_ops = 0;             // scale + softmax of every score: 4 h n^2
  std::int64_t weighted_sum_macs = 0;       // weights V in every head: h n^2 d_v = n^2 d
  std::int64_t output_projection_macs = 0;  // concat(heads) W_O: n d^2
  std::int64_t total_ops = 0;               // sum of the five
  // Memory in floats.
  std::int64_t parameter_floats = 0;  // W_Q, W_K, W_V, W_O: 4 d^2 (no biases, as in the lesson's model)
  std::int64_t activation_floats = 0; // Q, K, V, concatenated heads, output: 5 n d, plus score_floats
  std::int64_t score_floats = 0;      // every head's n x n weights, held at once: h n^2
  std::int64_t tiled_score_floats = 0;  // the tiled kernel instead: h (B^2 + 2B), B = min(tile, n)
  // Steps that must run one after another: 1, since every token attends to
  // every other in one parallel step (per layer).
  std::int64_t sequential_steps = 0;
};

// Throws std::invalid_argument unless n >= 0, d_model >= 1, heads >= 1,
// heads divides d_model and tile >= 1.
AttentionCost attention_cost(std::int64_t n, std::int64_t d_model, std::int64_t heads,
                             std::int64_t tile = 64);

struct RnnCost {
  std::int64_t step_ops = 0;     // one step: W_x x_t (H d_in) + W_h h (H^2) + bias (H) + tanh (H)
  std::int64_t total_ops = 0;    // n steps: n * step_ops
  std::int64_t parameter_floats = 0;  // W_x, W_h, b: H d_in + H^2 + H
  std::int64_t state_floats = 0;      // every state kept (as training needs): n H
  std::int64_t sequential_steps = 0;  // n: step t needs step t-1's state
};

// Throws std::invalid_argument unless n >= 0 and both widths >= 1.
// For a like-for-like comparison with attention, pass input_width = hidden_width = d_model.
RnnCost rnn_cost(std::int64_t n, std::int64_t input_width, std::int64_t hidden_width);

}  // namespace attn
