// Embedding: a course page on another origin frames index.html?embed=1&section=formula.
// The lesson hides its chrome, starts at that section, posts its height (our message and
// Canvas's lti.frameResize) and its events (section, quiz, complete) in the documented
// schema (docs/SHIPPING.md), obeys the parent's documented requests, and ignores
// messages of the wrong shape or from a window that is not its parent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { distDir, launchBrowser, eventually } from './helpers/harness.mjs';
import { serve, quizAnswers, answerQuiz, readyValue } from './helpers/ship.mjs';

let lessonServer, parentServer, intruderServer, browser, answers;
before(async () => {
  lessonServer = await serve({ root: distDir });
  intruderServer = await serve({ pages: { '/intruder.html': { body: '<!DOCTYPE html><title>other site</title><link rel="icon" href="data:,">' } } });
  const parentHtml = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Course page</title><link rel="icon" href="data:,">
<script src="/parent.js"></script></head><body><h1>A course page</h1>
<iframe id="lesson" title="Lesson" width="1100" height="800"
  src="${lessonServer.url}index.html?embed=1&section=formula"></iframe>
<iframe id="intruder" title="Other" width="50" height="50" src="${intruderServer.url}intruder.html"></iframe>
</body></html>`;
  const parentJs = `window.messages = [];
window.addEventListener("message", function (e) {
  window.messages.push({ origin: e.origin, data: e.data,
    fromLesson: e.source === document.getElementById("lesson").contentWindow });
});
window.tell = function (data) { document.getElementById("lesson").contentWindow.postMessage(data, "*"); };`;
  parentServer = await serve({ pages: {
    '/course.html': { body: parentHtml },
    '/parent.js': { body: parentJs, type: 'text/javascript' },
  } });
  browser = await launchBrowser();
  answers = await quizAnswers();
});
after(async () => {
  await browser?.close();
  await Promise.all([lessonServer?.close(), parentServer?.close(), intruderServer?.close()]);
});

const messages = (page) => page.evaluate(() => window.messages);
const events = async (page, name) => (await messages(page))
  .filter((m) => m.data && m.data.type === 'attention-lesson:event' && (!name || m.data.event === name))
  .map((m) => m.data);
const sectionEvents = async (page) => (await events(page, 'section')).map((e) => e.section);

test('embed: height and lesson events reach a parent on another origin, in the documented schema', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  try {
    await page.goto(`${parentServer.url}course.html`, { waitUntil: 'load' });
    const frame = await eventually(() => page.frames().find((f) => f.url().startsWith(lessonServer.url)), 10000);
    assert.equal(await readyValue(frame), '1');

    // Chrome hidden, started at the requested section.
    assert.ok(await frame.locator('#page-header').isHidden(), 'no page header in embed mode');
    assert.ok(await frame.locator('#page-footer').isHidden(), 'no page footer in embed mode');
    const firstSection = await eventually(async () => (await sectionEvents(page))[0]);
    assert.equal(firstSection, 'formula', 'the first section reached is the one asked for');
    const [reached] = await events(page, 'section');
    assert.deepEqual(reached, { type: 'attention-lesson:event', event: 'section', section: 'formula', figure: 'formula' });

    // Height: ours and Canvas's, from the lesson's origin only, with a positive height.
    const all = await messages(page);
    assert.ok(all.every((m) => m.fromLesson && m.origin === lessonServer.origin), 'every message comes from the lesson');
    const ours = all.filter((m) => m.data.type === 'attention-lesson:height').map((m) => m.data);
    const canvas = all.filter((m) => m.data.subject === 'lti.frameResize').map((m) => m.data);
    assert.ok(ours.length >= 1 && canvas.length >= 1, 'both height messages were posted');
    for (const m of [...ours, ...canvas]) {
      assert.ok(Number.isInteger(m.height) && m.height > 1000, `a content height: ${JSON.stringify(m)}`);
      assert.deepEqual(Object.keys(m).sort(), m.type ? ['height', 'type'] : ['height', 'subject']);
    }
    assert.equal(ours.at(-1).height, canvas.at(-1).height, 'both messages report the same height');
    const contentHeight = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    assert.ok(Math.abs(ours.at(-1).height - contentHeight) <= 2, `height ${ours.at(-1).height} vs content ${contentHeight}`);

    // The parent may ask for the height again.
    const before = ours.length;
    await page.evaluate(() => window.tell({ type: 'attention-lesson:get-height' }));
    assert.ok(await eventually(async () => (await messages(page))
      .filter((m) => m.data.type === 'attention-lesson:height').length > before), 'get-height is answered');

    // Quizzes: one event per answer, with the running score.
    const ids = Object.keys(answers);
    for (const [i, id] of ids.entries()) {
      await answerQuiz(frame, id, answers[id].right.id);
      const quizEvent = await eventually(async () => (await events(page, 'quiz')).find((e) => e.quiz === id));
      assert.deepEqual(quizEvent, {
        type: 'attention-lesson:event', event: 'quiz', quiz: id, choice: answers[id].right.id, correct: true,
        score: { correct: i + 1, answered: i + 1, total: ids.length },
      });
    }
    assert.equal((await events(page, 'complete')).length, 0, 'not complete before every section is read');

    // Every section, through the parent's documented "show" request.
    for (const section of ['opening', 'why', 'formula', 'analogy', 'walkthrough', 'production', 'playground', 'learn', 'takeaway']) {
      await page.evaluate((s) => window.tell({ type: 'attention-lesson:show', section: s }), section);
      await eventually(async () => frame.evaluate((s) => document.querySelector('section.is-current')?.id === s, section));
    }
    const complete = await eventually(async () => (await events(page, 'complete'))[0]);
    assert.deepEqual(complete, {
      type: 'attention-lesson:event', event: 'complete',
      score: { correct: ids.length, answered: ids.length, total: ids.length },
    });
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('embed: messages of the wrong shape, or not from the parent, are ignored', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${parentServer.url}course.html`, { waitUntil: 'load' });
    const frame = await eventually(() => page.frames().find((f) => f.url().startsWith(lessonServer.url)), 10000);
    const intruder = await eventually(() => page.frames().find((f) => f.url().startsWith(intruderServer.url)), 10000);
    assert.equal(await readyValue(frame), '1');
    await eventually(async () => (await sectionEvents(page)).includes('formula'));

    // Wrong shapes from the parent itself.
    for (const bad of ['attention-lesson:show', { section: 'takeaway' }, { type: 'attention-lesson:show' },
      { type: 'attention-lesson:show', section: 'nowhere' }, { type: 'attention-lesson:show', section: ['takeaway'] },
      { type: 'attention-lesson:show', section: '<img src=x onerror=parent.__pwned=1>' }, null, 42]) {
      await page.evaluate((m) => window.tell(m), bad);
    }
    // The right shape, but from a sibling frame on a third origin.
    await intruder.evaluate(() => window.parent.frames[0].postMessage({ type: 'attention-lesson:show', section: 'takeaway' }, '*'));
    await page.waitForTimeout(1000);
    assert.ok(!(await sectionEvents(page)).includes('takeaway'), 'no bad message moved the lesson');
    assert.notEqual(await frame.evaluate(() => document.querySelector('section.is-current')?.id), 'takeaway');
    assert.equal(await frame.evaluate(() => window.__pwned), undefined);

    // Control: the same request from the parent works.
    await page.evaluate(() => window.tell({ type: 'attention-lesson:show', section: 'takeaway' }));
    assert.ok(await eventually(async () => (await sectionEvents(page)).includes('takeaway')), 'the parent\'s request is obeyed');
  } finally {
    await context.close();
  }
});
