// How fast the "Watch it learn" model trains (issue 8, section 4), built twice
// from this one source: natively at -O3, and as WebAssembly with the page's
// core flags (-O3 -msimd128 -fexceptions) run under Node. Prints one JSON
// document; scripts/bench.sh runs both and bench/js/learn_report.mjs puts them
// side by side.
//
// Usage: learn_bench [quick] [runner-name]        (wasm: node --no-experimental-fetch learn_bench.js ...)
//
// Three measurements, all with the page's default options (core/learn_session.h):
//   train_step    one Adam step on a fresh batch of 32: random_batch,
//                 loss_and_gradients, Adam::step. The arithmetic of training.
//   session_step  LearnSession::step(1), as the page calls it each slice: the
//                 train step plus the held-out evaluation (200 forwards) every
//                 10 steps and its attention snapshot.
//   to_target     a fresh session per seed, stepped one at a time until it first
//                 reaches 95% held-out accuracy: the steps it took and their CPU time.
// The wasm targets (bench/CMakeLists.txt): learn_bench, the core's own flags at
// -O3; learn_bench_page, the same sources compiled as the page's build does.
// Times are process CPU time (clock_gettime natively, process.cpuUsage() in
// Node), best of a few batches, like bench/wasm_bench.cpp: on a shared machine
// wall time mostly measures the queue for a core.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/learn_model.h"
#include "core/learn_optimizer.h"
#include "core/learn_session.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>  // EM_JS

// Node's process CPU time (user + system), in seconds.
EM_JS(double, ProcessCpuSeconds, (), {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
});
#else
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}
#endif

namespace {

// Seed 1 is the page's default; the others show the spread.
constexpr std::uint64_t kSeeds[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

// CPU time spent stepping before any batch is timed.
constexpr double kWarmUpSeconds = 0.3;

// A run to the target slower than this is not repeated.
constexpr double kSlowSeconds = 0.5;

// Defeats dead-code elimination of the losses.
volatile double g_sink = 0.0;

// Steps are run in rounds of kRound; a batch is as many rounds as fill
// `batch_seconds` of CPU time, and the result is the best batch's time per step.
constexpr long kRound = 10;

struct Rate {
  double cpu_seconds_per_step;
  long steps;  // in the best batch
  int batches;
};

// Runs rounds until `seconds` of CPU time have passed; CPU seconds per step.
std::pair<double, long> RunFor(const std::function<void(long)>& run_steps, double seconds) {
  const double start = ProcessCpuSeconds();
  long steps = 0;
  double spent = 0.0;
  do {
    run_steps(kRound);
    steps += kRound;
    spent = ProcessCpuSeconds() - start;
  } while (spent < seconds);
  return {spent / static_cast<double>(steps), steps};
}

Rate TimeSteps(const std::function<void(long)>& run_steps, double batch_seconds, int batches) {
  RunFor(run_steps, kWarmUpSeconds);  // lets V8 tier the wasm up to its optimising compiler
  Rate best{1e30, 0, batches};
  for (int b = 0; b < batches; ++b) {
    const auto [per_step, steps] = RunFor(run_steps, batch_seconds);
    if (per_step < best.cpu_seconds_per_step) best = {per_step, steps, batches};
  }
  return best;
}

// The training arithmetic alone, with a session's defaults.
Rate TimeTrainStep(double batch_seconds, int batches) {
  const attn::LearnOptions options;
  attn::LearnModelShape shape;
  shape.heads = options.heads;
  attn::LearnParams params = attn::init_params(shape, options.seed);
  attn::LearnParams grads;
  attn::AdamOptions adam_options;
  adam_options.learning_rate = options.learning_rate;
  attn::Adam adam(adam_options);
  attn::Random batches_random(options.seed);
  return TimeSteps(
      [&](long count) {
        for (long i = 0; i < count; ++i) {
          const std::vector<attn::LearnExample> batch =
              attn::random_batch(shape.task, batches_random, options.batch_size);
          g_sink = g_sink + attn::loss_and_gradients(params, shape, batch, &grads);
          adam.step(attn::param_tensors(params), attn::param_tensors(static_cast<const attn::LearnParams&>(grads)));
        }
      },
      batch_seconds, batches);
}

// What the page runs per step. The cap is raised so the session never stops
// mid-batch; a step costs the same before and after convergence.
Rate TimeSessionStep(double batch_seconds, int batches) {
  attn::LearnOptions options;
  options.max_steps = 100000;
  attn::LearnSession session(options);
  return TimeSteps(
      [&](long count) {
        if (session.steps() + count > options.max_steps) session.reset();  // keeps stepping past the cap
        session.step(static_cast<int>(count));
        g_sink = g_sink + session.losses().back();
      },
      batch_seconds, batches);
}

struct ToTarget {
  std::uint64_t seed;
  long steps;          // -1 if it never got there within max_steps
  double cpu_seconds;  // best of the repeats, from construction to the converging step
};

ToTarget TimeToTarget(std::uint64_t seed, int repeats) {
  attn::LearnOptions options;
  options.seed = seed;
  ToTarget out{seed, -1, 1e30};
  for (int r = 0; r < repeats; ++r) {
    const double start = ProcessCpuSeconds();
    attn::LearnSession session(options);
    while (!session.converged() && !session.at_step_cap()) session.step(1);
    out.cpu_seconds = std::min(out.cpu_seconds, ProcessCpuSeconds() - start);
    out.steps = session.converged_at();
    if (out.cpu_seconds > kSlowSeconds) break;  // slow builds: one run is enough
  }
  return out;
}

void PrintRate(const char* name, const Rate& r) {
  std::printf("  \"%s\": {\"steps_per_second\": %.6g, \"cpu_seconds_per_step\": %.6g, "
              "\"steps_in_best_batch\": %ld, \"batches\": %d},\n",
              name, 1.0 / r.cpu_seconds_per_step, r.cpu_seconds_per_step, r.steps, r.batches);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string runner =
#ifdef __EMSCRIPTEN__
      "wasm";
#else
      "native";
#endif
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "quick") == 0) quick = true;
    else runner = argv[i];
  }
  const double batch_seconds = quick ? 0.02 : 0.25;
  const int batches = quick ? 1 : 5;
  const int repeats = quick ? 1 : 3;

  const attn::LearnOptions defaults;
  std::printf("{\"runner\": \"%s\",\n", runner.c_str());
  std::printf("  \"options\": {\"batch_size\": %d, \"heads\": %d, \"learning_rate\": %g, \"eval_every\": %d, "
              "\"held_out_size\": %d, \"target_accuracy\": %g, \"max_steps\": %d},\n",
              defaults.batch_size, defaults.heads, static_cast<double>(defaults.learning_rate), defaults.eval_every,
              defaults.held_out_size, defaults.target_accuracy, defaults.max_steps);
  PrintRate("train_step", TimeTrainStep(batch_seconds, batches));
  PrintRate("session_step", TimeSessionStep(batch_seconds, batches));
  std::printf("  \"to_target\": [\n");
  bool first = true;
  for (std::uint64_t seed : kSeeds) {
    const ToTarget t = TimeToTarget(seed, repeats);
    std::printf("%s    {\"seed\": %llu, \"steps\": %ld, \"cpu_seconds\": %.6g}", first ? "" : ",\n",
                static_cast<unsigned long long>(t.seed), t.steps, t.cpu_seconds);
    std::fflush(stdout);
    first = false;
  }
  std::printf("\n  ]\n}\n");
  return 0;
}
