// The pieces around attention in a production transformer layer: layer norm,
// the position-wise feed-forward network, residual connections, and their
// composition into one block for the lesson's "production transformers" section.
#pragma once

#include <cstdint>

#include "core/tensor.h"

namespace attn {

// Normalises each row (token) to mean 0 and variance 1, then applies a learned
// per-feature gain and bias: y = (x - mean) / sqrt(var + eps) * gain + bias.
// The variance is the biased one (divide by d), as in the original layer norm.
// gain and bias must have x.cols() entries; eps must be > 0.
Matrix layer_norm(const Matrix& x, const RowVector& gain, const RowVector& bias, float eps = 1e-5f);

enum class Activation { relu, gelu };

// ReLU: max(0, x). GELU: the exact form x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)),
// not the tanh approximation.
Matrix activate(const Matrix& x, Activation activation);

struct FeedForwardWeights {
  Matrix w1;     // d_model x d_ff
  RowVector b1;  // d_ff
  Matrix w2;     // d_ff x d_model
  RowVector b2;  // d_model
  Activation activation = Activation::gelu;
};

// The same two-layer network applied to every token separately:
// activation(x W1 + b1) W2 + b2. x is n x d_model; so is the result.
Matrix feed_forward(const Matrix& x, const FeedForwardWeights& weights);

// x + sublayer(x): the shortcut that lets each layer add a correction instead of
// replacing its input. Both must have the same shape.
Matrix residual_add(const Matrix& x, const Matrix& sublayer_output);

struct TransformerBlockWeights {
  RowVector norm1_gain, norm1_bias;  // d_model each: after the attention sub-layer
  FeedForwardWeights ffn;
  RowVector norm2_gain, norm2_bias;  // d_model each: after the feed-forward sub-layer
};

// Seeded initial weights: W1 and W2 drawn normal with Glorot's variance
// 2 / (fan_in + fan_out), so activations keep roughly the same scale through the
// block; biases 0, norm gains 1 and biases 0 (the usual start of training).
// d_ff = 0 means the original paper's 4 * d_model.
TransformerBlockWeights make_transformer_block_weights(Eigen::Index d_model, std::uint64_t seed,
                                                       Eigen::Index d_ff = 0,
                                                       Activation activation = Activation::gelu);

// Every stage of one block, each n x d_model.
struct TransformerBlockTrace {
  Matrix attention_residual;  // x + MultiHead(x)
  Matrix attention_normed;    // LayerNorm(x + MultiHead(x))
  Matrix ffn_output;          // FFN(attention_normed)
  Matrix ffn_residual;        // attention_normed + FFN(attention_normed)
  Matrix output;              // LayerNorm(ffn_residual)
};

// One post-norm block, as in "Attention Is All You Need" (2017): each sub-layer's
// output is added to its input, then normalised:
//   a = LayerNorm(x + MultiHead(x)),  out = LayerNorm(a + FFN(a)).
// (Most recent models use pre-norm, x + MultiHead(LayerNorm(x)), which trains
// more stably when deep; the lesson follows the original paper.)
// attention_output is MultiHead(x) already computed, n x d_model like x.
TransformerBlockTrace transformer_block(const Matrix& x, const Matrix& attention_output,
                                        const TransformerBlockWeights& weights);

}  // namespace attn
