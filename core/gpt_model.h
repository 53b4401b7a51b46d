// A small GPT-style causal language model over words, with its forward pass
// and a hand-written backward pass. It is the "attention-only transformer":
// no MLPs and no layer norm, so every head's pattern is visible and nothing
// else can do the heads' work.
//
//   x_0    = token_embedding[ids] + position_embedding[0..n-1]      (n x d)
//   layer l, head h:
//            q = x_l W_Q^{lh},  k = x_l W_K^{lh},  v = x_l W_V^{lh}  (n x d_k)
//            a = scaled_dot_product_attention(q, k, v, causal)       (n x d_k)
//   x_{l+1} = x_l + concat_h(a) W_O^l                               (n x d)
//   logits = x_L W_U token_embedding^T                              (n x vocab; tied)
//   loss   = mean over every predicted position of -log softmax(logits)[next]
//
// The embedding is tied to the unembedding so the weights fit the page's
// budget; the small d x d read-out W_U between them lets the direct path
// (current word -> next word) be asymmetric, as bigrams are ("of the", not
// "the of"). Without it, heads spent themselves on the current word to break
// that symmetry (docs/TRAINED.md).
//
// Shapes: n tokens (<= context), d = d_model, h heads, d_k per head. Every
// head runs through the lesson's own attention (core/attention.h), so the
// weights a figure draws are the ones the model used.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/attention.h"
#include "core/tensor.h"

namespace attn {

struct GptShape {
  int vocab = 1002;   // including <bos> and <unk>
  int d_model = 64;
  int heads = 4;
  int d_k = 16;
  int layers = 2;
  int context = 32;   // positions, including the leading <bos>
};

// Throws std::invalid_argument unless every field is in a sane range
// (vocab 3..65536, d_model and d_k 1..512, heads 1..16, layers 1..8, context 2..1024).
void check_gpt_shape(const GptShape& shape);

struct GptLayer {
  std::vector<Matrix> w_q, w_k, w_v;  // one d x d_k per head
  Matrix w_o;                         // (heads * d_k) x d
};

struct GptParams {
  Matrix token_embedding;     // vocab x d; also the unembedding (tied)
  Matrix position_embedding;  // context x d
  std::vector<GptLayer> layers;
  Matrix read_out;            // d x d: W_U, applied before the tied unembedding
};

// Every parameter tensor in one fixed order, and their names ("L0H1.w_q",
// "L1.w_o", "read_out"). The optimiser, the file format and the gradient checks walk this list.
std::vector<Matrix*> gpt_tensors(GptParams& params);
std::vector<const Matrix*> gpt_tensors(const GptParams& params);
std::vector<std::string> gpt_tensor_names(const GptShape& shape);

// Deterministic initialisation from `seed`: embeddings normal(0, 0.1^2),
// Q/K/V normal(0, 1/d), W_O normal(0, 1/(h d_k)) shrunk by 1/sqrt(2 layers),
// W_U the identity (training starts from plain tied embeddings).
GptParams init_gpt(const GptShape& shape, std::uint64_t seed);
GptParams gpt_zeros_like(const GptParams& params);

// What one sequence's forward pass computed, kept for the backward pass and
// for the trace the page draws.
struct GptForward {
  std::vector<Matrix> residual;              // layers + 1 streams, each n x d; residual[0] = x_0
  std::vector<std::vector<Matrix>> q, k, v;  // [layer][head], n x d_k
  std::vector<std::vector<AttentionTrace>> heads;  // [layer][head]
  std::vector<Matrix> concat;                // per layer, n x (h d_k)
  std::vector<Matrix> layer_output;          // per layer, concat W_O (n x d)
  Matrix read;                               // n x d: x_L W_U
  Matrix logits;                             // n x vocab
};

// Throws std::invalid_argument when ids is empty, longer than the context or
// holds an id outside the vocabulary.
GptForward gpt_forward(const GptParams& params, const GptShape& shape, const std::vector<int>& ids);

// One training sequence: ids[0] is <bos>; position i predicts ids[i + 1].
using GptSequence = std::vector<int>;

// Mean next-token cross-entropy (nats) over every predicted position of the
// batch; when `grads` is given it receives d(loss)/d(each parameter).
double gpt_loss_and_gradients(const GptParams& params, const GptShape& shape,
                              const std::vector<GptSequence>& batch, GptParams* grads);

// -log softmax(row)[target] in double, from a stable log-sum-exp.
double next_token_loss(const Matrix& logits, Eigen::Index row, int target);

}  // namespace attn
