// Merges the runners' JSON (Google Benchmark's native output, the wasm
// variants, tfjs-wasm, plain JS) into one table, and prints PASS/FAIL for the
// two core budgets of issue 6. Usage: node report.mjs <results dir> [markdown file]
//
// FLOP count per forward (a multiply-add is 2 FLOPs, softmax and scaling 4 per
// score), from core/cost_model.h's terms with d = d_model, h = heads:
//   projections 3nd^2 + output projection nd^2 + scores n^2 d + weighted sum n^2 d  (MACs)
//   => FLOPs = 2 (4 n d^2 + 2 n^2 d) + 4 h n^2
// The native run carries cost_model's own operation count (MACs + 4hn^2), and
// the report checks that it agrees with this formula.
import fs from 'node:fs';
import path from 'node:path';

const [resultsDir, markdownFile] = process.argv.slice(2);
if (!resultsDir) throw new Error('usage: node report.mjs <results dir> [markdown file]');

const costModelOps = (n, d, h) => 4 * n * d * d + 2 * n * n * d + 4 * h * n * n;
const flops = (n, d, h) => 2 * (4 * n * d * d + 2 * n * n * d) + 4 * h * n * n;
const key = (n, d, h) => `${n}/${d}/${h}`;

// implementation label -> Map(workload key -> seconds)
const timings = new Map();
const notes = [];
function record(label, n, d, h, seconds) {
  if (!timings.has(label)) timings.set(label, new Map());
  const byWorkload = timings.get(label);
  const k = key(n, d, h);
  byWorkload.set(k, Math.min(byWorkload.get(k) ?? Infinity, seconds));
}

// Native: Google Benchmark JSON; every repetition is one entry, keep the best.
const nativeFile = path.join(resultsDir, 'native.json');
const native = JSON.parse(fs.readFileSync(nativeFile, 'utf8'));
for (const b of native.benchmarks) {
  if (b.run_type !== 'iteration') continue;
  const m = /^BM_MultiHeadAttention\/(plain|tiled)\/n:(\d+)\/d_model:(\d+)\/heads:(\d+)/.exec(b.name);
  if (!m) continue;
  const kernel = m[1];
  const [n, d, h] = m.slice(2).map(Number);
  const ops = costModelOps(n, d, h);
  if (Math.abs(b.ops - ops) > 0.5)
    throw new Error(`report: cost_model counts ${b.ops} ops for ${b.name}, the formula here ${ops}`);
  const toSeconds = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 }[b.time_unit];
  record(`native ${kernel}`, n, d, h, b.cpu_time * toSeconds);
}

// Everything else: {runner, results: [{kernel, n, d_model, heads, seconds}]}.
const others = fs.readdirSync(resultsDir).filter((f) => f.endsWith('.json') && f !== 'native.json').sort();
for (const file of others) {
  const doc = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  const single = doc.runner === 'tfjs-wasm' || doc.runner === 'plain-js';
  for (const r of doc.results)
    record(single ? doc.runner : `${doc.runner} ${r.kernel}`, r.n, r.d_model, r.heads, r.seconds);
  if (doc.runner === 'tfjs-wasm')
    notes.push(`tfjs-wasm: SIMD ${doc.simd ? 'on' : 'off'}, threads ${doc.threads ? 'on' : 'off'}, ` +
               `tensors left after the run: ${doc.leaked_tensors}`);
}

const order = ['native', 'wasm-page', 'wasm', 'wasm-simd', 'wasm-simd-nocatch', 'tfjs-wasm', 'plain-js'];
const labels = [...timings.keys()].sort((a, b) => {
  const rank = (l) => order.indexOf(l.split(' ')[0]);
  return rank(a) - rank(b) || a.localeCompare(b);
});
const kernelOf = (label) => (label.endsWith('tiled') ? 'tiled' : 'plain');

const fmtTime = (s) => (s >= 1 ? `${s.toFixed(2)} s` : s >= 1e-3 ? `${(s * 1e3).toFixed(2)} ms` : `${(s * 1e6).toFixed(1)} us`);
const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : '-');

const header = ['n', 'd_model', 'heads', 'implementation', 'time/forward', 'GFLOP/s', 'vs native', 'vs tfjs-wasm'];
const rows = [];
const workloadKeys = [...timings.get('native plain').keys()];
for (const k of workloadKeys) {
  const [n, d, h] = k.split('/').map(Number);
  for (const label of labels) {
    const seconds = timings.get(label).get(k);
    if (seconds === undefined) continue;
    const nativeSeconds = timings.get(`native ${kernelOf(label)}`)?.get(k);
    const tfjsSeconds = timings.get('tfjs-wasm')?.get(k);
    rows.push([n, d, h, label, fmtTime(seconds), (flops(n, d, h) / seconds / 1e9).toFixed(2),
               fmtRatio(seconds / nativeSeconds), fmtRatio(seconds / tfjsSeconds)]);
  }
}

const widths = header.map((hd, i) => Math.max(hd.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];

// Budgets: every C++-in-wasm variant and kernel, judged separately.
const budgetLines = [];
for (const label of labels.filter((l) => l.startsWith('wasm'))) {
  const nativeTimes = timings.get(`native ${kernelOf(label)}`);
  const tfjs = timings.get('tfjs-wasm');
  let worstNative = 0, worstNativeAt = '', worstTfjs = 0, worstTfjsAt = '';
  for (const [k, seconds] of timings.get(label)) {
    const [n] = k.split('/').map(Number);
    if (n === 256 && seconds / nativeTimes.get(k) > worstNative) [worstNative, worstNativeAt] = [seconds / nativeTimes.get(k), k];
    if (tfjs && n <= 256 && seconds / tfjs.get(k) > worstTfjs) [worstTfjs, worstTfjsAt] = [seconds / tfjs.get(k), k];
  }
  budgetLines.push(`${worstNative <= 2 ? 'PASS' : 'FAIL'}  ${label}: within 2x of native at n = 256 ` +
                   `(worst ${fmtRatio(worstNative)} at n/d_model/heads ${worstNativeAt})`);
  if (tfjs)
    budgetLines.push(`${worstTfjs < 1 ? 'PASS' : 'FAIL'}  ${label}: faster than tfjs-wasm at every n <= 256 ` +
                     `(worst ${fmtRatio(worstTfjs)} of tfjs's time at ${worstTfjsAt})`);
}

const context = native.context ?? {};
const text = [
  `Forward multi-head attention: best CPU time per forward (min over batches); ratios are time / reference time (> 1 = slower).`,
  `Native: ${context.num_cpus ?? '?'} CPUs at ${context.mhz_per_cpu ?? '?'} MHz, load average ${
    (context.load_avg ?? []).map((x) => x.toFixed(1)).join(' ')} when it ran.`,
  ...notes,
  '',
  ...table,
  '',
  'Budgets (issue 6):',
  ...budgetLines,
].join('\n');
console.log(text);
if (markdownFile) fs.writeFileSync(markdownFile, text + '\n');
