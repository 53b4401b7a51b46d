// A FlashAttention-style attention kernel: keys are visited in tiles with an
// online softmax, so the n_q x n_k weight matrix is never stored. It returns
// the same output as scaled_dot_product_attention (to float rounding) and
// exists for the lesson's cost section and the benchmarks.
#pragma once

#include <cstdint>

#include "core/attention.h"
#include "core/tensor.h"

namespace attn {

// Queries and keys are both cut into tiles of tile_size rows. For each query
// tile the kernel keeps, per query row, the running maximum score, the running
// sum of exp(score - maximum), and an unnormalised output row; each key tile
// updates them, rescaling what was accumulated whenever the maximum grows.
// Returns the n_q x d_v output only. Same options, checks and errors as
// scaled_dot_product_attention; tile_size must be >= 1.
Matrix tiled_attention(const Matrix& q, const Matrix& k, const Matrix& v,
                       const AttentionOptions& options = {}, Eigen::Index tile_size = 32);

// Working memory beyond the inputs and the output, in floats.
struct AttentionWorkingMemory {
  // The plain kernel holds the whole n_q x n_k score matrix (softmax in place).
  // (The lesson's traced kernel keeps four such matrices for the figures; a
  // production kernel without tiling needs at least this one.)
  std::int64_t plain_floats = 0;
  // The tiled kernel holds one tile of scores (tile x tile) plus a running
  // maximum and a running sum per query row of the tile.
  std::int64_t tiled_floats = 0;
};

// Peak working memory of both kernels for one head. Throws std::invalid_argument
// for negative sizes or tile_size < 1.
AttentionWorkingMemory attention_working_memory(std::int64_t n_q, std::int64_t n_k,
                                                std::int64_t tile_size);

}  // namespace attn
