// Loads dist/attention.js under Node and wraps its JSON-string API for the tests.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
export const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist');
const modulePath = path.join(distDir, 'attention.js');

export async function loadModule() {
  if (!fs.existsSync(modulePath)) {
    throw new Error(`${modulePath} is missing: run scripts/build.sh first`);
  }
  // Emscripten 3.1.6's glue prefers fetch() whenever it exists, and Node's fetch cannot
  // read local files; without it the glue reads the module the Node way.
  delete globalThis.fetch;
  const createAttentionLesson = require(modulePath);
  const m = await createAttentionLesson();
  // Every call takes and returns JSON strings; these helpers speak objects.
  const call = (name, request) => {
    const arg = typeof request === 'string' ? request : JSON.stringify(request);
    const reply = m[name](arg);
    if (typeof reply !== 'string') throw new Error(`${name} returned ${typeof reply}, not a JSON string`);
    return JSON.parse(reply);
  };
  return { m, call };
}

// Largest absolute difference between two equally shaped nested arrays of numbers.
export function assertClose(assert, actual, expected, tolerance = 1e-6, where = 'value') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => assertClose(assert, actual[i], e, tolerance, `${where}[${i}]`));
    return;
  }
  assert.equal(typeof actual, 'number', `${where}: expected a number, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs(actual - expected) <= tolerance,
    `${where}: ${actual} is not within ${tolerance} of ${expected}`);
}
