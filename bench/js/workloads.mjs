// The benchmark's workloads and timing policy, shared by the JS runners so they
// match bench/wasm_bench.cpp: same sizes, same "best batch" measurement.
import { performance } from 'node:perf_hooks';

export const TOKEN_COUNTS = [8, 64, 256, 1024];
export const MODEL_WIDTHS = [64, 512];
export const HEAD_COUNTS = [1, 8];

export function* workloads() {
  for (const n of TOKEN_COUNTS)
    for (const dModel of MODEL_WIDTHS)
      for (const heads of HEAD_COUNTS) yield { n, dModel, heads };
}

// Seeded generator (mulberry32) and Box-Muller normals: the values only have
// to be realistic (scores in softmax's useful range), not equal to the C++ ones.
export function makeRandom(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    normalArray(length, scale) {
      const out = new Float32Array(length);
      for (let i = 0; i < length; ++i) {
        const u1 = 1 - uniform(), u2 = uniform();
        out[i] = scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      }
      return out;
    },
  };
}

// x: n x d (tokens ~ N(0,1)); four d x d weights ~ N(0, 1/d); all row-major.
export function makeInputs(n, dModel) {
  const random = makeRandom(n * 1000 + dModel);
  const init = 1 / Math.sqrt(dModel);
  return {
    n, dModel,
    x: random.normalArray(n * dModel, 1),
    wQ: random.normalArray(dModel * dModel, init),
    wK: random.normalArray(dModel * dModel, init),
    wV: random.normalArray(dModel * dModel, init),
    wO: random.normalArray(dModel * dModel, init),
  };
}

export function parseOptions(argv) {
  const quick = argv.includes('quick');
  return {
    quick,
    batchSeconds: quick ? 0.005 : 0.02,
    batchesFor: (n) => (quick ? 1 : n >= 1024 ? 2 : 5),
  };
}

// CPU seconds this process has used. The machines these run on are shared and
// often oversubscribed, so wall time mostly measures the queue for a core;
// CPU time (like Google Benchmark's cpu_time) measures the work. Node's
// helper threads (GC, compiler) are included, which slightly favours nobody.
export function cpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

// Best CPU and wall seconds per call of forward(): one warm-up call sizes the
// batch, then the minimum over batches (the figure least disturbed by others).
export function bestSecondsPerCall(forward, batchSeconds, batches) {
  let cpu = cpuSeconds(), wall = performance.now();
  forward();
  const warm = cpuSeconds() - cpu;
  let bestWall = (performance.now() - wall) / 1000;
  const iterations = Math.max(1, Math.ceil(batchSeconds / Math.max(warm, 1e-6)));
  let best = warm;
  // Slow forwards (over 0.25 s) get at most two batches, as in wasm_bench.cpp.
  if (warm > 0.25) batches = Math.min(batches, 2);
  for (let b = 0; b < batches; ++b) {
    cpu = cpuSeconds();
    wall = performance.now();
    for (let i = 0; i < iterations; ++i) forward();
    best = Math.min(best, (cpuSeconds() - cpu) / iterations);
    bestWall = Math.min(bestWall, (performance.now() - wall) / 1000 / iterations);
  }
  return { seconds: best, wall_seconds: bestWall, iterations, batches };
}
