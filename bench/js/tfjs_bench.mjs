// Times @tensorflow/tfjs-backend-wasm doing the benchmark's multi-head forward
// in Node, and prints JSON for bench/js/report.mjs. The backend's .wasm files
// are read from node_modules (setWasmPaths with a local directory): no network.
// Run with `node --no-experimental-fetch` so Emscripten's glue reads the file
// instead of trying fetch(). Usage: node tfjs_bench.mjs [quick]
import { createRequire } from 'node:module';
import path from 'node:path';

import { plainMultiHeadForward } from './plain_attention.mjs';
import { bestSecondsPerCall, makeInputs, parseOptions, workloads } from './workloads.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
const wasmBackend = require('@tensorflow/tfjs-backend-wasm');

const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
wasmBackend.setWasmPaths(wasmDir + path.sep);
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not initialise');
await tf.ready();
const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');

// The same computation as bench/multi_head_forward.h, in tfjs's vocabulary:
// three projections, heads split into a batch dimension, scaled scores,
// softmax, weighted values, heads joined back, output projection.
function makeForward(inputs, heads) {
  const { n, dModel } = inputs;
  const dK = dModel / heads;
  const x = tf.tensor2d(inputs.x, [n, dModel]);
  const [wQ, wK, wV, wO] = [inputs.wQ, inputs.wK, inputs.wV, inputs.wO].map(
    (w) => tf.tensor2d(w, [dModel, dModel]));
  const splitHeads = (m) => tf.transpose(tf.reshape(m, [n, heads, dK]), [1, 0, 2]);
  const forward = () => tf.tidy(() => {
    const q = splitHeads(tf.matMul(x, wQ)), k = splitHeads(tf.matMul(x, wK)), v = splitHeads(tf.matMul(x, wV));
    const scores = tf.mul(tf.matMul(q, k, false, true), tf.scalar(1 / Math.sqrt(dK)));
    const headsOut = tf.matMul(tf.softmax(scores), v);  // heads x n x dK
    const concat = tf.reshape(tf.transpose(headsOut, [1, 0, 2]), [n, dModel]);
    return tf.matMul(concat, wO);
  });
  const dispose = () => tf.dispose([x, wQ, wK, wV, wO]);
  return { forward, dispose };
}

// Guard against timing the wrong thing: tfjs and the plain-JS loops must agree.
{
  const inputs = makeInputs(8, 64);
  const { forward, dispose } = makeForward(inputs, 8);
  const out = forward();
  const fromTf = out.dataSync();
  out.dispose();
  dispose();
  const fromLoops = plainMultiHeadForward(inputs, 8);
  let worst = 0;
  for (let i = 0; i < fromLoops.length; ++i) worst = Math.max(worst, Math.abs(fromTf[i] - fromLoops[i]));
  if (!(worst < 1e-4)) throw new Error(`tfjs and plain-JS outputs differ by ${worst}`);
}

const options = parseOptions(process.argv.slice(2));
const results = [];
for (const { n, dModel, heads } of workloads()) {
  const inputs = makeInputs(n, dModel);
  const { forward, dispose } = makeForward(inputs, heads);
  // dataSync() waits for the result, so each call is a full forward
  // (the wasm backend computes synchronously anyway).
  const timing = bestSecondsPerCall(() => { const out = forward(); out.dataSync(); out.dispose(); },
                                    options.batchSeconds, options.batchesFor(n));
  dispose();
  results.push({ kernel: 'plain', n, d_model: dModel, heads, ...timing });
}
console.log(JSON.stringify({ runner: 'tfjs-wasm', simd, threads, leaked_tensors: tf.memory().numTensors, results }, null, 1));
