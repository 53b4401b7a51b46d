// The benchmarked workload, shared by the native (Google Benchmark) and the
// wasm (Node) benchmarks so both time exactly the same C++: forward multi-head
// attention with the core's plain or tiled kernel.
#pragma once

#include <cmath>
#include <cstdint>

#include "core/attention.h"
#include "core/random.h"
#include "core/tiled_attention.h"

namespace attn::bench {

enum class Kernel { plain, tiled };

// The tile the benchmarks give the tiled kernel (64 x 64 floats = 16 KB of
// scores, which sits in L1 natively).
constexpr Eigen::Index kTileSize = 64;

struct MultiHeadInputs {
  Matrix x, w_q, w_k, w_v, w_o;
};

// Deterministic inputs: tokens ~ N(0, 1), weights ~ N(0, 1/d_model) so the
// scores stay in softmax's useful range at every width.
inline MultiHeadInputs MakeInputs(Eigen::Index n, Eigen::Index d_model) {
  Random random(static_cast<std::uint64_t>(n * 1000 + d_model));
  const float init = 1.0f / std::sqrt(static_cast<float>(d_model));
  MultiHeadInputs in;
  in.x = random.normal_matrix(n, d_model, 1.0f);
  in.w_q = random.normal_matrix(d_model, d_model, init);
  in.w_k = random.normal_matrix(d_model, d_model, init);
  in.w_v = random.normal_matrix(d_model, d_model, init);
  in.w_o = random.normal_matrix(d_model, d_model, init);
  return in;
}

// Projections, h heads of width d_model / h, concatenation and W_O.
inline Matrix MultiHeadForward(const MultiHeadInputs& in, Eigen::Index heads, Kernel kernel) {
  const Matrix q = in.x * in.w_q, k = in.x * in.w_k, v = in.x * in.w_v;
  const Eigen::Index d_k = in.x.cols() / heads;
  Matrix concat(in.x.rows(), in.x.cols());
  for (Eigen::Index head = 0; head < heads; ++head) {
    // Each head sees its own slice of the projected columns.
    const Matrix q_h = q.middleCols(head * d_k, d_k), k_h = k.middleCols(head * d_k, d_k),
                 v_h = v.middleCols(head * d_k, d_k);
    concat.middleCols(head * d_k, d_k) = kernel == Kernel::plain
                                             ? scaled_dot_product_attention(q_h, k_h, v_h).output
                                             : tiled_attention(q_h, k_h, v_h, {}, kTileSize);
  }
  return concat * in.w_o;
}

}  // namespace attn::bench
