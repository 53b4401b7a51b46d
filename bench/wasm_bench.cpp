// The native benchmark's workload compiled to WebAssembly and run under Node:
// times the same multi-head forward (bench/multi_head_forward.h) at every size
// and prints one JSON document that scripts/bench.sh merges into its table.
//
// Usage: node --no-experimental-fetch wasm_bench.js [quick] [max-n=N] [variant-name]
// (max-n skips longer inputs: the -Os build is too slow to run n = 1024 often.)
// Each workload reports the best (minimum) CPU time per forward over a few
// batches, like the JS runners (bench/js/workloads.mjs) and Google Benchmark's
// cpu_time: on a shared machine wall time mostly measures the queue for a core.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <emscripten/emscripten.h>  // EM_JS and its KEEPALIVE

#include "bench/multi_head_forward.h"

// Node's process CPU time (user + system), in seconds.
EM_JS(double, ProcessCpuSeconds, (), {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
});

namespace {

using attn::bench::Kernel;
using Clock = std::chrono::steady_clock;

struct Timing {
  double cpu_seconds, wall_seconds;  // per forward
};

// A forward slower than this is timed in at most two batches (keeps the run short).
constexpr double kSlowSeconds = 0.25;

// Defeats dead-code elimination of the forward's result.
volatile float g_sink = 0.0f;

Timing TimePerForward(const attn::bench::MultiHeadInputs& in, Eigen::Index heads, Kernel kernel,
                      int iterations) {
  const double cpu_start = ProcessCpuSeconds();
  const auto wall_start = Clock::now();
  for (int i = 0; i < iterations; ++i) {
    const attn::Matrix out = attn::bench::MultiHeadForward(in, heads, kernel);
    g_sink = g_sink + out(0, 0);
  }
  return {(ProcessCpuSeconds() - cpu_start) / iterations,
          std::chrono::duration<double>(Clock::now() - wall_start).count() / iterations};
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int max_n = 1 << 30;
  std::string variant = "wasm";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "quick") == 0) quick = true;
    else if (std::strncmp(argv[i], "max-n=", 6) == 0) max_n = std::atoi(argv[i] + 6);
    else variant = argv[i];
  }
  // Batches last at least this long, so timer resolution and call overhead vanish.
  const double batch_seconds = quick ? 0.005 : 0.02;

  std::printf("{\"runner\": \"%s\", \"results\": [\n", variant.c_str());
  bool first = true;
  for (Kernel kernel : {Kernel::plain, Kernel::tiled}) {
    for (int n : {8, 64, 256, 1024}) {
      if (n > max_n) continue;
      // Big inputs take long enough that two batches give a stable minimum.
      const int usual_batches = quick ? 1 : (n >= 1024 ? 2 : 5);
      for (int d_model : {64, 512}) {
        for (int heads : {1, 8}) {
          const attn::bench::MultiHeadInputs in = attn::bench::MakeInputs(n, d_model);
          Timing best = TimePerForward(in, heads, kernel, 1);  // warm-up; also sizes the batch
          const int iterations =
              std::max(1, static_cast<int>(std::ceil(batch_seconds / std::max(best.cpu_seconds, 1e-6))));
          // Slow forwards (over kSlowSeconds) get at most two batches too.
          const int batches = best.cpu_seconds > kSlowSeconds ? std::min(usual_batches, 2) : usual_batches;
          for (int b = 0; b < batches; ++b) {
            const Timing t = TimePerForward(in, heads, kernel, iterations);
            best.cpu_seconds = std::min(best.cpu_seconds, t.cpu_seconds);
            best.wall_seconds = std::min(best.wall_seconds, t.wall_seconds);
          }
          std::printf("%s  {\"kernel\": \"%s\", \"n\": %d, \"d_model\": %d, \"heads\": %d, "
                      "\"seconds\": %.9g, \"wall_seconds\": %.9g, \"iterations\": %d, \"batches\": %d}",
                      first ? "" : ",\n", kernel == Kernel::plain ? "plain" : "tiled", n, d_model,
                      heads, best.cpu_seconds, best.wall_seconds, iterations, batches);
          std::fflush(stdout);
          first = false;
        }
      }
    }
  }
  std::printf("\n]}\n");
  return 0;
}
