// Forward multi-head attention timed with the plain kernel (every weight kept,
// as the figures need) and the tiled online-softmax kernel, over the lengths,
// widths and head counts the lesson's cost section talks about.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>

#include "core/attention.h"
#include "core/cost_model.h"
#include "core/random.h"
#include "core/tiled_attention.h"

namespace attn {
namespace {

enum class Kernel { plain, tiled };

// Projections, h heads of width d_model / h, concatenation and W_O.
struct MultiHeadInputs {
  Matrix x, w_q, w_k, w_v, w_o;
};

MultiHeadInputs MakeInputs(Eigen::Index n, Eigen::Index d_model) {
  Random random(static_cast<std::uint64_t>(n * 1000 + d_model));
  const float init = 1.0f / std::sqrt(static_cast<float>(d_model));
  return {random.normal_matrix(n, d_model, 1.0f), random.normal_matrix(d_model, d_model, init),
          random.normal_matrix(d_model, d_model, init), random.normal_matrix(d_model, d_model, init),
          random.normal_matrix(d_model, d_model, init)};
}

Matrix MultiHeadForward(const MultiHeadInputs& in, Eigen::Index heads, Kernel kernel) {
  const Matrix q = in.x * in.w_q, k = in.x * in.w_k, v = in.x * in.w_v;
  const Eigen::Index d_k = in.x.cols() / heads;
  Matrix concat(in.x.rows(), in.x.cols());
  for (Eigen::Index head = 0; head < heads; ++head) {
    // Each head sees its own slice of the projected columns.
    const Matrix q_h = q.middleCols(head * d_k, d_k), k_h = k.middleCols(head * d_k, d_k),
                 v_h = v.middleCols(head * d_k, d_k);
    concat.middleCols(head * d_k, d_k) = kernel == Kernel::plain
                                             ? scaled_dot_product_attention(q_h, k_h, v_h).output
                                             : tiled_attention(q_h, k_h, v_h, {}, 64);
  }
  return concat * in.w_o;
}

void BM_MultiHeadAttention(benchmark::State& state, Kernel kernel) {
  const Eigen::Index n = state.range(0), d_model = state.range(1), heads = state.range(2);
  const MultiHeadInputs inputs = MakeInputs(n, d_model);
  for (auto _ : state) {
    Matrix out = MultiHeadForward(inputs, heads, kernel);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  const AttentionCost cost = attention_cost(n, d_model, heads, 64);
  state.SetItemsProcessed(state.iterations() * n);  // tokens per second
  state.counters["ops"] = static_cast<double>(cost.total_ops);
  state.counters["score_floats"] = static_cast<double>(kernel == Kernel::plain ? cost.score_floats
                                                                              : cost.tiled_score_floats);
}

void LessonSizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"n", "d_model", "heads"});
  for (std::int64_t n : {8, 64, 256, 1024})
    for (std::int64_t d_model : {64, 512})
      for (std::int64_t heads : {1, 8}) b->Args({n, d_model, heads});
  b->Unit(benchmark::kMicrosecond);
}

BENCHMARK_CAPTURE(BM_MultiHeadAttention, plain, Kernel::plain)->Apply(LessonSizes);
BENCHMARK_CAPTURE(BM_MultiHeadAttention, tiled, Kernel::tiled)->Apply(LessonSizes);

}  // namespace
}  // namespace attn
