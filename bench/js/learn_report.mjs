// Puts the learn_bench runs (bench/learn_bench.cpp) side by side: training
// steps per second of each build and the ratio to the first (native), then
// steps and CPU time to 95% held-out accuracy over the seeds (min / median / max).
// Usage: node learn_report.mjs <native.json> <wasm.json>... [--md markdown file]
import fs from 'node:fs';

const args = process.argv.slice(2);
const mdAt = args.indexOf('--md');
const markdownFile = mdAt >= 0 ? args[mdAt + 1] : null;
const files = mdAt >= 0 ? args.slice(0, mdAt) : args;
if (files.length < 2) throw new Error('usage: node learn_report.mjs <native.json> <wasm.json>... [--md file]');
const runs = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const [native] = runs;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const spread = (xs, show) => `${show(Math.min(...xs))} / ${show(median(xs))} / ${show(Math.max(...xs))}`;
const ms = (seconds) => (seconds >= 1 ? `${seconds.toFixed(2)} s` : `${(seconds * 1000).toFixed(1)} ms`);

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const o = native.options;
const lines = [];
lines.push(`Training steps per second (batch ${o.batch_size}, ${o.heads} heads, learning rate ${o.learning_rate}; ` +
  `CPU time, best of ${native.train_step.batches} batch(es))`);
lines.push('');
const measurements = [
  ['train_step', 'train step (loss_and_gradients + Adam)'],
  ['session_step', `session step (as the page: + held-out eval every ${o.eval_every})`],
];
const header = ['measurement', ...runs.map((r) => `${r.runner} steps/s`),
  ...runs.slice(1).map((r) => `${native.runner} / ${r.runner}`)];
lines.push(table(header, measurements.map(([key, label]) => [label,
  ...runs.map((r) => r[key].steps_per_second.toFixed(0)),
  ...runs.slice(1).map((r) => `${(native[key].steps_per_second / r[key].steps_per_second).toFixed(2)}x`)])));
lines.push('');

// Steps to the target depend on the seed only, unless two builds' floats differ
// enough to move a held-out answer; the last line says whether they did.
const seeds = native.to_target.map((t) => t.seed);
lines.push(`Time to ${o.target_accuracy * 100}% held-out accuracy, seeds ${seeds.join(', ')} ` +
  `(seed ${seeds[0]} is the page's default; min / median / max)`);
lines.push('');
lines.push(table(['build', 'seeds reaching it', 'default seed', 'steps', 'CPU time'], runs.map((r) => {
  const ok = r.to_target.filter((t) => t.steps >= 0);
  const first = r.to_target[0];
  return [r.runner, `${ok.length} of ${r.to_target.length}`,
    first.steps >= 0 ? `${first.steps} steps, ${ms(first.cpu_seconds)}` : 'not reached',
    ok.length ? spread(ok.map((t) => t.steps), String) : '-',
    ok.length ? spread(ok.map((t) => t.cpu_seconds), ms) : '-'];
})));
lines.push('');
const differ = runs.slice(1).flatMap((r) => r.to_target
  .filter((t, i) => t.steps !== native.to_target[i]?.steps).map((t) => `${r.runner} seed ${t.seed}`));
lines.push(differ.length ? `Steps to the target differ from native for: ${differ.join(', ')}.`
  : 'Every build takes the same number of steps for every seed.');

const text = lines.join('\n');
console.log(text);
if (markdownFile) fs.writeFileSync(markdownFile, `${text}\n`);
