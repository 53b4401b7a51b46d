// Times the plain-JS multi-head forward (bench/js/plain_attention.mjs) at every
// workload and prints JSON for bench/js/report.mjs. Usage: node plain_bench.mjs [quick]
import { plainMultiHeadForward } from './plain_attention.mjs';
import { bestSecondsPerCall, makeInputs, parseOptions, workloads } from './workloads.mjs';

const options = parseOptions(process.argv.slice(2));
const results = [];
let sink = 0;
for (const { n, dModel, heads } of workloads()) {
  const inputs = makeInputs(n, dModel);
  const timing = bestSecondsPerCall(() => { sink += plainMultiHeadForward(inputs, heads)[0]; },
                                    options.batchSeconds, options.batchesFor(n));
  // One kernel only: a hand-written page keeps every weight, like the core's plain kernel.
  results.push({ kernel: 'plain', n, d_model: dModel, heads, ...timing });
}
console.log(JSON.stringify({ runner: 'plain-js', sink: Number.isFinite(sink), results }, null, 1));
