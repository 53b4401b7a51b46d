// The tiled, online-softmax attention kernel (the FlashAttention idea) and its
// working-memory count.
#include "core/tiled_attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace attn {

namespace {
constexpr float kMinusInfinity = -std::numeric_limits<float>::infinity();
}

Matrix tiled_attention(const Matrix& q, const Matrix& k, const Matrix& v,
                       const AttentionOptions& options, Eigen::Index tile_size) {
  check_attention_inputs(q, k, v, options);
  if (tile_size < 1)
    throw std::invalid_argument("tiled attention: tile size must be at least 1, got " +
                                std::to_string(tile_size));
  const Eigen::Index n_q = q.rows(), n_k = k.rows();
  const float inverse_divisor = 1.0f / attention_divisor(q.cols(), options);

  Matrix output = Matrix::Zero(n_q, v.cols());  // accumulates unnormalised rows in place
  Vector running_max(tile_size), running_sum(tile_size);
  Matrix tile_scores(tile_size, tile_size);

  for (Eigen::Index q0 = 0; q0 < n_q; q0 += tile_size) {
    const Eigen::Index rows = std::min(tile_size, n_q - q0);
    running_max.head(rows).setConstant(kMinusInfinity);
    running_sum.head(rows).setZero();
    // A causal query tile never sees keys past its last row, so later key
    // tiles are skipped whole: that is where causal kernels save half the work.
    const Eigen::Index key_end = options.causal ? std::min(n_k, q0 + rows) : n_k;

    for (Eigen::Index k0 = 0; k0 < key_end; k0 += tile_size) {
      const Eigen::Index cols = std::min(tile_size, key_end - k0);
      auto scores = tile_scores.topLeftCorner(rows, cols);
      scores.noalias() = q.middleRows(q0, rows) * k.middleRows(k0, cols).transpose();
      // Each row of the tile is contiguous (row-major, rows tile_size apart), so
      // the per-score passes walk plain pointers: through Eigen's block
      // expressions the loops cost more than the exp in the page's wasm.
      for (Eigen::Index r = 0; r < rows; ++r) {
        float* row = &scores(r, 0);
        for (Eigen::Index c = 0; c < cols; ++c) {
          if (!std::isfinite(row[c]))
            throw std::invalid_argument("attention: a score q.k overflowed the float range; scale the inputs down");
          row[c] *= inverse_divisor;
        }
        // Causal: query q0 + r may not see key k0 + c > q0 + r.
        if (options.causal)
          for (Eigen::Index c = std::max<Eigen::Index>(0, q0 + r - k0 + 1); c < cols; ++c) row[c] = kMinusInfinity;
      }
      for (Eigen::Index r = 0; r < rows; ++r) {
        float* row = &scores(r, 0);
        float new_max = running_max(r);
        for (Eigen::Index c = 0; c < cols; ++c) new_max = std::max(new_max, row[c]);
        if (new_max == kMinusInfinity) {  // nothing visible yet: nothing to add
          std::fill(row, row + cols, 0.0f);
          continue;
        }
        // Everything summed so far was exp(s - old max); rescale it to the new
        // maximum. On the first visible tile the old max is -inf and this is 0.
        const float correction = std::exp(running_max(r) - new_max);
        running_sum(r) *= correction;
        output.row(q0 + r) *= correction;
        // Turn the scores into exp(s - max) <= 1 in place: no overflow, and
        // masked keys become exactly 0.
        float sum = 0.0f;
        for (Eigen::Index c = 0; c < cols; ++c) {
          row[c] = std::exp(row[c] - new_max);
          sum += row[c];
        }
        running_sum(r) += sum;
        running_max(r) = new_max;
      }
      output.middleRows(q0, rows).noalias() += scores * v.middleRows(k0, cols);
    }
    // Normalise once at the end. A query that saw no key (fully masked) keeps
    // its zero row, as in the plain kernel.
    for (Eigen::Index r = 0; r < rows; ++r)
      if (running_sum(r) > 0.0f) output.row(q0 + r) /= running_sum(r);
  }
  return output;
}

AttentionWorkingMemory attention_working_memory(std::int64_t n_q, std::int64_t n_k,
                                                std::int64_t tile_size) {
  if (n_q < 0 || n_k < 0)
    throw std::invalid_argument("attention memory: token counts must not be negative");
  if (tile_size < 1) throw std::invalid_argument("attention memory: tile size must be at least 1");
  AttentionWorkingMemory memory;
  memory.plain_floats = n_q * n_k;
  const std::int64_t query_tile = std::min(tile_size, n_q), key_tile = std::min(tile_size, n_k);
  memory.tiled_floats = query_tile * key_tile + 2 * query_tile;  // scores + max + sum
  return memory;
}

}  // namespace attn
