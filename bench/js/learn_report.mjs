// Puts the learn_bench runs (bench/learn_bench.cpp: native and wasm) side by
// side: training steps per second and the ratio, then steps and CPU time to
// 95% held-out accuracy over the seeds (min / median / max).
// Usage: node learn_report.mjs <native.json> <wasm.json> [markdown file]
import fs from 'node:fs';

const [nativeFile, wasmFile, markdownFile] = process.argv.slice(2);
if (!wasmFile) throw new Error('usage: node learn_report.mjs <native.json> <wasm.json> [markdown file]');
const native = JSON.parse(fs.readFileSync(nativeFile, 'utf8'));
const wasm = JSON.parse(fs.readFileSync(wasmFile, 'utf8'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const spread = (xs, show) => `${show(Math.min(...xs))} / ${show(median(xs))} / ${show(Math.max(...xs))}`;
const ms = (seconds) => `${(seconds * 1000).toFixed(1)} ms`;
const rate = (x) => x.toFixed(0);

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const o = native.options;
const lines = [];
lines.push(`Training steps per second (batch ${o.batch_size}, ${o.heads} heads, learning rate ${o.learning_rate}; CPU time, best of ${native.train_step.batches} batch(es))`);
lines.push('');
lines.push(table(['measurement', 'native steps/s', 'wasm steps/s', 'native / wasm'], [
  ['train step (loss_and_gradients + Adam)', rate(native.train_step.steps_per_second),
    rate(wasm.train_step.steps_per_second),
    `${(native.train_step.steps_per_second / wasm.train_step.steps_per_second).toFixed(2)}x`],
  [`session step (as the page: + held-out eval every ${o.eval_every})`, rate(native.session_step.steps_per_second),
    rate(wasm.session_step.steps_per_second),
    `${(native.session_step.steps_per_second / wasm.session_step.steps_per_second).toFixed(2)}x`],
]));
lines.push('');

// Steps to the target depend on the seed only, unless the two builds' floats
// differ enough to move a held-out answer; the table shows both.
const seeds = native.to_target.map((t) => t.seed);
const reached = (runs) => runs.filter((t) => t.steps >= 0);
lines.push(`Time to ${o.target_accuracy * 100}% held-out accuracy, seeds ${seeds.join(', ')} (seed ${seeds[0]} is the page's default; min / median / max)`);
lines.push('');
const rows = [];
for (const doc of [native, wasm]) {
  const ok = reached(doc.to_target);
  const first = doc.to_target[0];
  rows.push([doc.runner, `${ok.length} of ${doc.to_target.length}`,
    first.steps >= 0 ? `${first.steps} steps, ${ms(first.cpu_seconds)}` : 'not reached',
    ok.length ? spread(ok.map((t) => t.steps), String) : '-',
    ok.length ? spread(ok.map((t) => t.cpu_seconds), ms) : '-']);
}
lines.push(table(['build', 'seeds reaching it', 'default seed', 'steps', 'CPU time'], rows));
const differ = native.to_target.filter((t, i) => t.steps !== wasm.to_target[i]?.steps).map((t) => t.seed);
lines.push('');
lines.push(differ.length ? `Steps to the target differ between native and wasm for seeds ${differ.join(', ')}.`
  : 'Native and wasm take the same number of steps for every seed.');

const text = lines.join('\n');
console.log(text);
if (markdownFile) fs.writeFileSync(markdownFile, `${text}\n`);
