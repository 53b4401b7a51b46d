// m.tokenize and m.explain under Node: the lesson's sentence, the truths the lesson
// claims about it, and bad requests that must come back as {"error"}.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, assertClose } from './helpers/module.mjs';

// The core computes in single precision and prints about seven significant digits.
const TOL = 2e-6;

let call, m;
before(async () => { ({ m, call } = await loadModule()); });

const SENTENCE = 'Alice emailed Bob because she had a question';
const tokenize = (text) => JSON.parse(m.tokenize(text));
const argmaxExcept = (row, skip) =>
  row.reduce((best, w, j) => (j !== skip && (best < 0 || w > row[best]) ? j : best), -1);

test('tokenize: words and punctuation become separate tokens', () => {
  assert.deepEqual(tokenize('Alice emailed Bob.'), ['Alice', 'emailed', 'Bob', '.']);
  assert.deepEqual(tokenize('Wait, what?'), ['Wait', ',', 'what', '?']);
  assert.deepEqual(tokenize('  spaced   out  '), ['spaced', 'out']);
});

test('tokenize: UTF-8 words stay whole', () => {
  assert.deepEqual(tokenize('café über naïve'), ['café', 'über', 'naïve']);
});

test('tokenize: empty text gives no tokens or a clear error', () => {
  const r = tokenize('');
  assert.ok(Array.isArray(r) ? r.length === 0 : typeof r.error === 'string', JSON.stringify(r));
});

test('tokenize: text over the token limit returns an error, then still works', () => {
  const r = tokenize('word '.repeat(100000));
  assert.equal(typeof r.error, 'string', 'a huge input is refused with a message');
  assert.deepEqual(tokenize('still fine'), ['still', 'fine']);
});

test('explain: the running example gives one row per token, each a distribution', () => {
  const r = call('explain', { sentence: SENTENCE });
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.tokens, SENTENCE.split(' '));
  assert.ok(r.heads.length >= 1);
  assert.equal(r.heads[0].name, 'coreference');
  for (const head of r.heads) {
    assert.equal(head.weights.length, r.tokens.length, `${head.name}: rows`);
    for (const row of head.weights) {
      assert.equal(row.length, r.tokens.length, `${head.name}: columns`);
      assert.ok(row.every((w) => w >= 0 && w <= 1), `${head.name}: weights in [0, 1]`);
      assertClose(assert, row.reduce((a, b) => a + b, 0), 1, TOL, `${head.name}: row sum`);
    }
  }
});

test('explain: under the coreference head "she" attends most to "Alice"', () => {
  const r = call('explain', { sentence: SENTENCE, heads: 1 });
  const she = r.tokens.indexOf('she');
  const top = argmaxExcept(r.heads[0].weights[she], she);
  assert.equal(r.tokens[top], 'Alice');
});

test('explain: the heads asked for come back in the documented order', () => {
  const r = call('explain', { sentence: SENTENCE, heads: 5 });
  assert.deepEqual(r.heads.map((h) => h.name),
    ['coreference', 'sense', 'previous', 'random 4', 'random 5']);
});

test('explain: the causal option masks later words to exactly zero', () => {
  const r = call('explain', { sentence: SENTENCE, causal: true });
  for (const head of r.heads) {
    head.weights.forEach((row, i) => row.forEach((w, j) => {
      if (j > i) assert.equal(w, 0, `${head.name}[${i}][${j}]`);
    }));
  }
});

test('explain: without positions the two word orders give permuted but equal weights', () => {
  const a = call('explain', { sentence: 'dog bites man', positional: 'none', heads: 3 });
  const b = call('explain', { sentence: 'man bites dog', positional: 'none', heads: 3 });
  // Token i of a is token perm[i] of b: dog<->man swap places, bites stays.
  const perm = a.tokens.map((t) => b.tokens.indexOf(t));
  a.heads.forEach((head, h) => {
    head.weights.forEach((row, i) => row.forEach((w, j) => {
      assertClose(assert, w, b.heads[h].weights[perm[i]][perm[j]], TOL, `${head.name}[${i}][${j}]`);
    }));
  });
});

test('explain: the same seed gives the same random heads', () => {
  const request = { sentence: SENTENCE, heads: 6, seed: 7 };
  assert.deepEqual(call('explain', request).heads, call('explain', request).heads);
});

test('explain: an unknown word still gets a deterministic embedding', () => {
  const request = { sentence: 'Alice emailed a zorblat' };
  const r = call('explain', request);
  assert.equal(r.error, undefined, r.error);
  if (r.unknown) assert.equal(r.unknown[3], true, 'the made-up word is flagged as unknown');
  assert.deepEqual(r.heads[0].weights, call('explain', request).heads[0].weights);
});

const badExplains = {
  'not JSON at all': '{"sentence": ',
  'no sentence': { heads: 2 },
  'a sentence that is a number': { sentence: 42 },
  'an empty sentence': { sentence: '' },
  'zero heads': { sentence: SENTENCE, heads: 0 },
  'seventeen heads': { sentence: SENTENCE, heads: 17 },
  'd_model not a multiple of heads': { sentence: SENTENCE, heads: 3, d_model: 50 },
  'an unknown positional encoding': { sentence: SENTENCE, positional: 'spiral' },
  'a negative temperature': { sentence: SENTENCE, temperature: -2 },
};

for (const [what, request] of Object.entries(badExplains)) {
  test(`explain: ${what} returns a clear error and the module keeps working`, () => {
    const r = call('explain', request);
    assert.equal(typeof r.error, 'string', `expected {"error"}, got ${JSON.stringify(r).slice(0, 200)}`);
    assert.ok(r.error.length > 5);
    assert.deepEqual(call('explain', { sentence: SENTENCE }).tokens, SENTENCE.split(' '));
  });
}
