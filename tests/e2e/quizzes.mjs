// The four quick checks in the page: each grades a wrong and a right answer with
// feedback, the progress indicator moves, and answers survive a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openPage, VIEWPORTS, waitReady, eventually, saveArtifact,
  loadModuleInNode,
} from './helpers/harness.mjs';

let server, browser, answers;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Which choice is right, asked of the core directly rather than read from the page.
  const m = await loadModuleInNode();
  answers = {};
  for (const quiz of JSON.parse(m.quizzes())) {
    const graded = quiz.choices.map((c) => ({ ...c, ...JSON.parse(m.grade(JSON.stringify({ quiz: quiz.id, choice: c.id }))) }));
    answers[quiz.id] = { right: graded.find((g) => g.correct), wrong: graded.find((g) => !g.correct) };
  }
});
after(async () => { await browser?.close(); await server?.close(); });

// The radio for a choice: its value is the choice id, or failing that its label's text.
async function radioFor(page, quizId, choice) {
  const quiz = page.locator(`.quiz[data-quiz="${quizId}"]`);
  const byValue = quiz.locator(`input[type="radio"][value="${choice.id}"]`);
  if (await byValue.count() === 1) return byValue;
  return quiz.getByLabel(choice.text, { exact: false });
}

async function answer(page, quizId, choice) {
  const quiz = page.locator(`.quiz[data-quiz="${quizId}"]`);
  await quiz.scrollIntoViewIfNeeded();
  const radio = await radioFor(page, quizId, choice);
  await radio.check();
  // Some quizzes grade on a "check" button rather than on selection.
  const submit = quiz.locator('button[type="submit"], button.quiz-check');
  if (await submit.count() > 0 && await submit.first().isEnabled()) await submit.first().click();
  const feedback = quiz.locator('.quiz-feedback');
  return eventually(async () => {
    const text = (await feedback.textContent()).trim();
    return text.length > 0 && text;
  });
}

// Everything the page shows about progress: the bar, its text and the final score.
const progressText = (page) => page.evaluate(() => ['#progress', '#progress-text', '#final-score']
  .map((sel) => document.querySelector(sel))
  .map((el) => (el ? `${el.value ?? ''}:${el.textContent.trim()}` : ''))
  .join('|'));

test('quizzes: four quick checks, each a radio group', async () => {
  const { context, page } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    assert.deepEqual(await page.$$eval('.quiz[data-quiz]', (all) => all.map((q) => q.dataset.quiz)),
      ['q1', 'q2', 'q3', 'q4']);
    for (const id of Object.keys(answers)) {
      const quiz = page.locator(`.quiz[data-quiz="${id}"]`);
      assert.equal(await quiz.locator('fieldset').count(), 1, `${id}: a fieldset`);
      assert.ok(await quiz.locator('fieldset legend').count() >= 1, `${id}: the question is the legend`);
      assert.ok(await quiz.locator('input[type="radio"]').count() >= 2, `${id}: radio choices`);
      assert.equal(await quiz.locator('.quiz-feedback').count(), 1, `${id}: a feedback element`);
    }
  } finally {
    await context.close();
  }
});

test('quizzes: choosing grades and saves nothing until Check is pressed', async () => {
  const { context, page } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const quiz = page.locator('.quiz[data-quiz="q1"]');
    const saved = () => page.evaluate(() =>
      (JSON.parse(localStorage.getItem('attention-lesson:progress') || '{}').answers || {}).q1 ?? null);
    const first = quiz.locator('input[type="radio"]').first();
    await first.focus();
    // A keyboard learner passes over every choice on the way to theirs.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    assert.equal((await quiz.locator('.quiz-feedback').textContent()).trim(), '', 'no feedback while choosing');
    assert.equal(await quiz.locator('.is-correct, .is-wrong').count(), 0, 'no choice is marked while choosing');
    assert.equal(await saved(), null, 'nothing is saved while choosing');
    const chosen = await quiz.locator('input[type="radio"]:checked').getAttribute('value');
    await quiz.locator('button.quiz-check').click();
    assert.ok((await quiz.locator('.quiz-feedback').textContent()).trim().length > 0, 'Check grades');
    assert.equal(await saved(), chosen, 'Check saves the choice that was checked');
  } finally {
    await context.close();
  }
});

test('quizzes: wrong and right answers get feedback, progress moves and survives a reload', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const startProgress = await progressText(page);
    for (const [id, { right, wrong }] of Object.entries(answers)) {
      const wrongFeedback = await answer(page, id, wrong);
      assert.ok(wrongFeedback, `${id}: feedback after a wrong answer`);
      const rightFeedback = await answer(page, id, right);
      assert.ok(rightFeedback, `${id}: feedback after the right answer`);
      assert.notEqual(rightFeedback, wrongFeedback, `${id}: right and wrong feedback differ`);
      assert.ok(rightFeedback.includes(right.explanation.slice(0, 40)),
        `${id}: the feedback gives the core's explanation; got "${rightFeedback}"`);
      await page.locator(`.quiz[data-quiz="${id}"]`).screenshot()
        .then((png) => saveArtifact(`quiz-${id}.png`, png));
    }
    const doneProgress = await progressText(page);
    assert.notEqual(doneProgress, startProgress, 'the progress indicator moved');

    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    for (const [id, { right }] of Object.entries(answers)) {
      const radio = await radioFor(page, id, right);
      assert.ok(await radio.isChecked(), `${id}: the answer was restored after a reload`);
    }
    const restored = await eventually(async () => (await progressText(page)) === doneProgress);
    assert.ok(restored, `progress after reload "${await progressText(page)}" vs "${doneProgress}"`);
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

// The choice ids in the order the page shows them, quiz by quiz.
const shownOrder = (page) => page.$$eval('.quiz[data-quiz]', (all) => Object.fromEntries(all.map((q) =>
  [q.dataset.quiz, [...q.querySelectorAll('input[type="radio"]')].map((r) => r.value)])));

test('quizzes: each learner sees the choices in their own order, the same after a reload', async () => {
  const m = await loadModuleInNode();
  const orderFor = (seed) => JSON.parse(m.progress(JSON.stringify({ choice_seed: seed }))).choice_order;
  // Two learners with known saved seeds see the core's order for their seed.
  for (const seed of [5, 6]) {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    await context.addInitScript((saved) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('attention-lesson:progress', JSON.stringify({ choice_seed: saved }));
        sessionStorage.setItem('seeded', '1');
      }
    }, seed);
    const page = await context.newPage();
    try {
      await page.goto(server.url, { waitUntil: 'load' });
      await waitReady(page);
      const expected = orderFor(seed);
      assert.deepEqual(await eventually(async () => {
        const shown = await shownOrder(page);
        return JSON.stringify(shown) === JSON.stringify(expected) && shown;
      }), expected, `seed ${seed}: the page shows the core's order`);
      await page.reload({ waitUntil: 'load' });
      await waitReady(page);
      assert.deepEqual(await shownOrder(page), expected, `seed ${seed}: the same order after a reload`);
    } finally {
      await context.close();
    }
  }
  assert.notDeepEqual(orderFor(5), orderFor(6), 'the two learners differ');

  // A first visit draws a seed, saves it with the progress and shows its order.
  const { context, page } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const saved = await eventually(() => page.evaluate(() => {
      const state = JSON.parse(localStorage.getItem('attention-lesson:progress') || '{}');
      return state.choice_seed > 0 && state.choice_seed;
    }));
    assert.ok(saved, 'a new learner gets a saved seed');
    assert.deepEqual(await shownOrder(page), orderFor(saved));
  } finally {
    await context.close();
  }
});

test('quizzes: the page still works when storage is unavailable', async () => {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  // A sandboxed frame throws on any use of localStorage; make the top page do the same.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(server.url, { waitUntil: 'load' });
    await waitReady(page);
    const [id, { right }] = Object.entries(answers)[0];
    assert.ok(await answer(page, id, right), 'grading works without storage');
    assert.deepEqual(errors, [], errors.join('\n'));
  } finally {
    await context.close();
  }
});
