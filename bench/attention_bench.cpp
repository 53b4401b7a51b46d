// Forward multi-head attention timed with the plain kernel (every weight kept,
// as the figures need) and the tiled online-softmax kernel, over the lengths,
// widths and head counts the lesson's cost section talks about.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench/multi_head_forward.h"
#include "core/cost_model.h"

namespace attn {
namespace {

using bench::Kernel;
using bench::MakeInputs;
using bench::MultiHeadForward;
using bench::MultiHeadInputs;

void BM_MultiHeadAttention(benchmark::State& state, Kernel kernel) {
  const Eigen::Index n = state.range(0), d_model = state.range(1), heads = state.range(2);
  const MultiHeadInputs inputs = MakeInputs(n, d_model);
  for (auto _ : state) {
    Matrix out = MultiHeadForward(inputs, heads, kernel);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  const AttentionCost cost = attention_cost(n, d_model, heads, bench::kTileSize);
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
