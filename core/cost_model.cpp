// The attention and RNN cost counts; see cost_model.h for the conventions.
#include "core/cost_model.h"

#include <stdexcept>

#include "core/tiled_attention.h"

namespace attn {

AttentionCost attention_cost(std::int64_t n, std::int64_t d_model, std::int64_t heads, std::int64_t tile) {
  if (n < 0) throw std::invalid_argument("cost model: the number of tokens must not be negative");
  if (d_model < 1 || heads < 1) throw std::invalid_argument("cost model: d_model and heads must be at least 1");
  if (d_model % heads != 0)
    throw std::invalid_argument("cost model: heads must divide d_model evenly (d_k = d_model / heads)");
  if (tile < 1) throw std::invalid_argument("cost model: the tile size must be at least 1");
  const std::int64_t d = d_model, h = heads, d_k = d_model / heads;
  AttentionCost c;
  c.projection_macs = 3 * n * d * d;
  c.score_macs = h * n * n * d_k;
  c.softmax_ops = 4 * h * n * n;
  c.weighted_sum_macs = h * n * n * d_k;  // d_v = d_k
  c.output_projection_macs = n * d * d;
  c.total_ops = c.projection_macs + c.score_macs + c.softmax_ops + c.weighted_sum_macs + c.output_projection_macs;
  c.parameter_floats = 4 * d * d;
  c.score_floats = h * n * n;
  c.activation_floats = 5 * n * d + c.score_floats;
  c.tiled_score_floats = h * attention_working_memory(n, n, tile).tiled_floats;
  c.sequential_steps = n > 0 ? 1 : 0;
  return c;
}

RnnCost rnn_cost(std::int64_t n, std::int64_t input_width, std::int64_t hidden_width) {
  if (n < 0) throw std::invalid_argument("cost model: the number of tokens must not be negative");
  if (input_width < 1 || hidden_width < 1)
    throw std::invalid_argument("cost model: the RNN's input and hidden widths must be at least 1");
  const std::int64_t d_in = input_width, H = hidden_width;
  RnnCost c;
  c.step_ops = H * d_in + H * H + 2 * H;
  c.total_ops = n * c.step_ops;
  c.parameter_floats = H * d_in + H * H + H;
  c.state_floats = n * H;
  c.sequential_steps = n;
  return c;
}

}  // namespace attn
