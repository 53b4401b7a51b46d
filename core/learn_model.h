// The tiny model that learns the phone-book task (core/learn_task.h), with
// its forward pass and a hand-written backward pass.
//
//   x_s    = letter_embedding[letter_s] + digit_embedding[digit_s]  (one row per slot)
//   head h: q = x_last W_Q^h,  K = X W_K^h,  V = X W_V^h
//           attention = scaled_dot_product_attention(q, K, V)     (1 x d_k)
//   y      = concat(heads) W_O                                    (1 x d_model)
//   logits = y W_out + b_out                                      (1 x digits)
//   loss   = mean over the batch of -log softmax(logits)[answer]
//
// Only the question slot (the last one) asks anything, so attention is run
// for that one query row against every slot's key. Everything is float, like
// the rest of the core, and the forward pass goes through the lesson's own
// attention (core/attention.h) so the weights the figure draws are the ones
// the model used. No positional encoding: the task does not depend on order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/attention.h"
#include "core/learn_task.h"
#include "core/tensor.h"

namespace attn {

struct LearnModelShape {
  LearnTaskShape task;
  int d_model = 16;
  int heads = 2;
  int d_k = 8;  // per head, whatever the head count
};

// Throws std::invalid_argument unless the task shape is valid, 1 <= heads <= 8
// and 1 <= d_model, d_k <= 256.
void check_model_shape(const LearnModelShape& shape);

struct LearnParams {
  Matrix letter_embedding;       // letters x d_model
  Matrix digit_embedding;        // (digits + 1) x d_model; the last row is "?"
  std::vector<Matrix> w_q, w_k, w_v;  // one d_model x d_k per head
  Matrix w_o;                    // (heads * d_k) x d_model
  Matrix w_out;                  // d_model x digits
  Matrix b_out;                  // 1 x digits
};

// Every parameter matrix, in one fixed order, and their names ("w_q[1]").
// The optimiser and the gradient checks walk the same list.
std::vector<Matrix*> param_tensors(LearnParams& params);
std::vector<const Matrix*> param_tensors(const LearnParams& params);
std::vector<std::string> param_names(const LearnParams& params);

// Deterministic initialisation from `seed`: embeddings normal(0, 1), each
// projection normal(0, 1 / fan_in), bias zero.
LearnParams init_params(const LearnModelShape& shape, std::uint64_t seed);
// The same shapes as `params`, all zero (for gradients and Adam's moments).
LearnParams zeros_like(const LearnParams& params);

// Everything one example's forward pass computed, kept for the backward pass.
struct LearnForward {
  Matrix x;                            // slots x d_model
  std::vector<Matrix> q, k, v;         // per head: 1 x d_k, slots x d_k, slots x d_k
  std::vector<AttentionTrace> heads;   // per head: weights 1 x slots, output 1 x d_k
  Matrix concat;                       // 1 x (heads * d_k)
  Matrix y;                            // 1 x d_model
  Matrix logits;                       // 1 x digits
};

// Throws std::invalid_argument if the example does not fit the shape.
LearnForward forward(const LearnParams& params, const LearnModelShape& shape, const LearnExample& example);

// -log softmax(logits)[answer], computed in double from a stable log-sum-exp.
double example_loss(const LearnForward& f, int answer);

// Mean loss over the batch; when `grads` is given it receives d(mean loss)/d(each
// parameter), overwriting what it held.
double loss_and_gradients(const LearnParams& params, const LearnModelShape& shape,
                          const std::vector<LearnExample>& batch, LearnParams* grads);

// Share of examples whose largest logit is the answer.
double accuracy(const LearnParams& params, const LearnModelShape& shape, const std::vector<LearnExample>& batch);

}  // namespace attn
