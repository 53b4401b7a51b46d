// m.quizzes, m.grade and m.progress under Node: four quick checks, each with exactly one
// right choice, graded by the core, and a saved progress state that is never trusted.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule } from './helpers/module.mjs';

let call, m, quizzes;
before(async () => {
  ({ m, call } = await loadModule());
  quizzes = JSON.parse(m.quizzes());
});

const rightChoice = (quiz) =>
  quiz.choices.find((c) => call('grade', { quiz: quiz.id, choice: c.id }).correct === true);

test('quizzes: four quick checks, q1 to q4, each with a question and choices', () => {
  assert.deepEqual(quizzes.map((q) => q.id), ['q1', 'q2', 'q3', 'q4']);
  for (const q of quizzes) {
    assert.ok(q.question.length > 10, `${q.id}: question`);
    assert.ok(q.choices.length >= 2, `${q.id}: choices`);
    assert.ok(typeof q.section === 'string' && q.section.length > 0, `${q.id}: section`);
    assert.equal(new Set(q.choices.map((c) => c.id)).size, q.choices.length, `${q.id}: unique ids`);
    // The list the page shows must not give the answer away.
    assert.ok(q.choices.every((c) => !('correct' in c)), `${q.id}: no answer in the list`);
  }
});

test('grade: each quiz has exactly one right choice, and every choice is explained', () => {
  for (const q of quizzes) {
    const graded = q.choices.map((c) => call('grade', { quiz: q.id, choice: c.id }));
    assert.equal(graded.filter((g) => g.correct === true).length, 1, `${q.id}: one right choice`);
    const right = q.choices[graded.findIndex((g) => g.correct)].id;
    for (const g of graded) {
      assert.equal(typeof g.correct, 'boolean');
      assert.equal(g.answer, right, `${q.id}: answer names the right choice`);
      assert.ok(typeof g.explanation === 'string' && g.explanation.length > 10, `${q.id}: explained`);
    }
  }
});

test('grade: the first check asks what tiling saves, and memory is the answer', () => {
  const q1 = quizzes.find((q) => q.id === 'q1');
  assert.match(q1.question, /tiles/);
  assert.match(rightChoice(q1).text, /^Memory/);
});

test('progress: a saved choice seed gives each quiz a stable shuffle of its choice ids', () => {
  const a = call('progress', { choice_seed: 41 });
  const again = call('progress', { choice_seed: 41 });
  assert.equal(a.choice_seed, 41);
  assert.deepEqual(a.choice_order, again.choice_order, 'the same seed, the same order');
  for (const q of quizzes) {
    assert.deepEqual([...a.choice_order[q.id]].sort(), q.choices.map((c) => c.id).sort(), `${q.id}: a permutation`);
  }
  // Without a seed: the file's order, and seed 0 so that the page draws one.
  const none = call('progress', {});
  assert.equal(none.choice_seed, 0);
  for (const q of quizzes) assert.deepEqual(none.choice_order[q.id], q.choices.map((c) => c.id));
  // Learners differ: over a few seeds the first quiz's correct answer moves around.
  const places = new Set();
  for (let seed = 1; seed <= 40; seed++) {
    places.add(call('progress', { choice_seed: seed }).choice_order.q1.indexOf(rightChoice(quizzes[0]).id));
  }
  assert.equal(places.size, quizzes[0].choices.length, 'the answer shows up in every place');
  // A bad seed is dropped with a notice, never trusted.
  const bad = call('progress', { choice_seed: 'x' });
  assert.equal(bad.choice_seed, 0);
  assert.match(bad.notice, /dropped 1/);
});

test('progress: a saved state is scored against the core', () => {
  const answers = {};
  const [q1, q2] = quizzes;
  answers[q1.id] = rightChoice(q1).id;
  answers[q2.id] = q2.choices.find((c) => c.id !== rightChoice(q2).id).id;
  const p = call('progress', { answers, section: 'formula', seen: ['opening', 'why'] });
  assert.equal(p.error, undefined, p.error);
  assert.deepEqual(p.answers, answers);
  assert.equal(p.section, 'formula');
  assert.deepEqual(p.score, { correct: 1, answered: 2, total: 4 });
  assert.equal(p.complete, false);
});

test('progress: unknown quizzes and choices are dropped, not trusted', () => {
  const q1 = quizzes[0];
  const p = call('progress', { answers: { q1: rightChoice(q1).id, q9: 'a', q2: 'zz' } });
  assert.deepEqual(p.answers, { q1: rightChoice(q1).id });
  assert.deepEqual(p.score, { correct: 1, answered: 1, total: 4 });
});

test('progress: complete once every quiz is answered and every section seen', () => {
  const answers = Object.fromEntries(quizzes.map((q) => [q.id, rightChoice(q).id]));
  const sections = ['opening', 'why', 'formula', 'analogy', 'walkthrough', 'production', 'playground', 'learn', 'takeaway'];
  const part = call('progress', { answers, seen: sections.slice(0, 3) });
  assert.deepEqual(part.score, { correct: 4, answered: 4, total: 4 });
  assert.equal(part.complete, false, 'six sections are still unseen');
  const all = call('progress', { answers, seen: sections });
  assert.equal(all.complete, true);
});

const badGrades = {
  'not JSON': 'grade me',
  'an unknown quiz': { quiz: 'q99', choice: 'a' },
  'an unknown choice': { quiz: 'q1', choice: 'nope' },
  'no choice': { quiz: 'q1' },
  'a number for the quiz': { quiz: 1, choice: 'a' },
};
for (const [what, request] of Object.entries(badGrades)) {
  test(`grade: ${what} returns a clear error and grading keeps working`, () => {
    const r = call('grade', request);
    assert.equal(typeof r.error, 'string', JSON.stringify(r));
    const q1 = quizzes[0];
    assert.equal(call('grade', { quiz: q1.id, choice: rightChoice(q1).id }).correct, true);
  });
}

test('progress: a state that is not JSON, or not an object, is refused or starts afresh', () => {
  // A damaged saved state must never lock the learner out: either a clear error, or a
  // clean empty state that says why it started afresh.
  for (const bad of ['{"answers": ', '[]', '"text"', '{"answers": "all of them"}']) {
    const r = call('progress', bad);
    if (r.error !== undefined) {
      assert.equal(typeof r.error, 'string', bad);
    } else {
      assert.deepEqual(r.answers, {}, `${bad}: no answers survive`);
      assert.equal(r.score.answered, 0, bad);
      assert.ok(typeof r.notice === 'string' && r.notice.length > 0, `${bad}: says why it started afresh`);
    }
  }
  assert.equal(call('progress', { answers: {} }).score.total, 4);
});
