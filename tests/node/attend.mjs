// m.attend under Node: hand-worked examples of scaled dot-product attention, and bad
// requests that must come back as {"error"} while the module stays usable.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, assertClose } from './helpers/module.mjs';

// The core computes in single precision and prints about seven significant digits.
const TOL = 2e-6;

let call;
before(async () => { ({ call } = await loadModule()); });

const LN3 = Math.log(3);

test('attend: softmax of scores 0 and ln 3 gives weights 1/4 and 3/4', () => {
  // d_k = 1, so scaling divides by sqrt(1) = 1. Scores: 1*0 = 0 and 1*ln3 = ln3.
  // exp(0) = 1, exp(ln3) = 3, so the weights are 1/4 and 3/4, and the output is
  // 1/4 * [4, 0] + 3/4 * [0, 8] = [1, 6].
  const r = call('attend', { q: [[1]], k: [[0], [LN3]], v: [[4, 0], [0, 8]] });
  assert.equal(r.error, undefined, r.error);
  assertClose(assert, r.scores, [[0, LN3]], TOL, 'scores');
  assertClose(assert, r.scaled, [[0, LN3]], TOL, 'scaled');
  assertClose(assert, r.weights, [[0.25, 0.75]], TOL, 'weights');
  assertClose(assert, r.output, [[1, 6]], TOL, 'output');
});

test('attend: scaling divides the scores by sqrt(d_k)', () => {
  // d_k = 4: q . k = 4 * a with a = ln3 / 2, so scores = [0, 2 ln3]; dividing by
  // sqrt(4) = 2 gives [0, ln3], hence weights 1/4 and 3/4 again.
  const a = LN3 / 2;
  const request = { q: [[1, 1, 1, 1]], k: [[0, 0, 0, 0], [a, a, a, a]], v: [[1], [5]] };
  const scaled = call('attend', { ...request, scale: true });
  assertClose(assert, scaled.scores, [[0, 2 * LN3]], TOL, 'scores');
  assertClose(assert, scaled.scaled, [[0, LN3]], TOL, 'scaled');
  assertClose(assert, scaled.weights, [[0.25, 0.75]], TOL, 'weights');
  assertClose(assert, scaled.output, [[0.25 * 1 + 0.75 * 5]], TOL, 'output');
  // Unscaled: exp(2 ln3) = 9, so the weights are 1/10 and 9/10.
  const unscaled = call('attend', { ...request, scale: false });
  assertClose(assert, unscaled.scaled, [[0, 2 * LN3]], TOL, 'unscaled scaled');
  assertClose(assert, unscaled.weights, [[0.1, 0.9]], TOL, 'unscaled weights');
});

test('attend: temperature divides the scaled scores', () => {
  // Scores [0, 2 ln3] over temperature 2 give [0, ln3]: weights 1/4 and 3/4.
  const r = call('attend', { q: [[1]], k: [[0], [2 * LN3]], v: [[0], [1]], temperature: 2 });
  assertClose(assert, r.scaled, [[0, LN3]], TOL, 'scaled');
  assertClose(assert, r.weights, [[0.25, 0.75]], TOL, 'weights');
});

test('attend: the causal mask gives later keys exactly zero weight', () => {
  // Two tokens. Row 0 may only see key 0, so its weight there is exactly 1.
  // Row 1 sees both keys with scores 0 and ln3: weights 1/4 and 3/4.
  const r = call('attend', { q: [[0], [1]], k: [[0], [LN3]], v: [[2], [6]], causal: true });
  assert.equal(r.weights[0][1], 0, 'a masked weight is exactly 0');
  assertClose(assert, r.weights, [[1, 0], [0.25, 0.75]], TOL, 'weights');
  assertClose(assert, r.output, [[2], [0.25 * 2 + 0.75 * 6]], TOL, 'output');
});

test('attend: equal scores share attention evenly and rows sum to one', () => {
  const r = call('attend', { q: [[1, 2], [3, 4], [5, 6]], k: [[0, 0], [0, 0], [0, 0]],
                             v: [[3, 0], [0, 3], [3, 3]] });
  assertClose(assert, r.weights, Array(3).fill([1 / 3, 1 / 3, 1 / 3]), TOL, 'weights');
  assertClose(assert, r.output, Array(3).fill([2, 2]), TOL, 'output');
});

test('attend: huge scores stay finite (a numerically stable softmax)', () => {
  const r = call('attend', { q: [[1000]], k: [[1000], [999]], v: [[1], [0]], scale: false });
  // scores 1e6 and 999000: the gap of 1000 makes the first weight 1 to double precision.
  assertClose(assert, r.weights, [[1, 0]], TOL, 'weights');
  assert.ok(r.output.flat().every(Number.isFinite));
});

const badRequests = {
  'not JSON at all': 'this is not json',
  'an empty object': {},
  'a JSON array instead of an object': [1, 2, 3],
  'q is missing': { k: [[1]], v: [[1]] },
  'q is a string': { q: 'abc', k: [[1]], v: [[1]] },
  'ragged rows in k': { q: [[1, 2]], k: [[1, 2], [3]], v: [[1], [2]] },
  'q and k with different widths': { q: [[1, 2]], k: [[1, 2, 3]], v: [[1]] },
  'v with fewer rows than k': { q: [[1]], k: [[1], [2]], v: [[1]] },
  'empty matrices': { q: [], k: [], v: [] },
  'a string inside a matrix': { q: [['x']], k: [[1]], v: [[1]] },
  'temperature zero': { q: [[1]], k: [[1]], v: [[1]], temperature: 0 },
  'negative temperature': { q: [[1]], k: [[1]], v: [[1]], temperature: -1 },
  'scale is not a boolean': { q: [[1]], k: [[1]], v: [[1]], scale: 'yes' },
};

for (const [what, request] of Object.entries(badRequests)) {
  test(`attend: ${what} returns a clear error and the module keeps working`, () => {
    const r = call('attend', request);
    assert.equal(typeof r.error, 'string', `expected {"error"}, got ${JSON.stringify(r)}`);
    assert.ok(r.error.length > 5, 'the error message says something');
    const good = call('attend', { q: [[1]], k: [[0], [LN3]], v: [[4, 0], [0, 8]] });
    assertClose(assert, good.output, [[1, 6]], TOL, 'output after the bad request');
  });
}
