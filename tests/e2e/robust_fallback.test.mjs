// Without WebGL, or without WebAssembly, the page still teaches (issue 7): the prose
// is all there, a message says what is missing, and, when the module runs but cannot
// draw, the current figure's attention weights (computed by the core) are an HTML table
// and the quick checks still work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, VIEWPORTS, settle } from './helpers/harness.mjs';

const require = createRequire(import.meta.url);
let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

async function launch(extraArgs = []) {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-sync', ...extraArgs],
  });
}

// Opens the page and waits for the ready hook, whatever value it takes.
async function open(browser, setup) {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  if (setup) await setup(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.lessonReady, null, { timeout: 60000 });
  await settle(page);
  const ready = await page.evaluate(() => document.documentElement.dataset.lessonReady);
  return { context, page, errors, ready };
}

async function assertProseComplete(page, why) {
  const sections = await page.evaluate(() => Array.from(document.querySelectorAll('section[data-figure]')).map((s) => ({
    id: s.id, heading: s.querySelector('h2')?.textContent || '', words: s.textContent.split(/\s+/).length,
    visible: s.getClientRects().length > 0,
  })));
  assert.equal(sections.length, 9, `${why}: nine sections`);
  for (const s of sections) {
    assert.ok(s.visible && s.heading && s.words > 40, `${why}: section ${s.id} reads in full (${s.words} words)`);
  }
}

test('no WebGL: a message, a table of the current figure\'s weights from the core, and working quizzes', async () => {
  const browser = await launch(['--disable-webgl', '--disable-3d-apis']);
  try {
    const { context, page, errors, ready } = await open(browser);
    assert.equal(ready, 'no-webgl', 'the page reports that it runs without figures');
    const message = await page.locator('#figure-message').textContent();
    assert.ok(await page.locator('#figure-message').isVisible(), 'the message is visible');
    assert.match(message, /WebGL/, `the message names what is missing: "${message}"`);
    assert.match(message, /table/i, 'and says what replaces it');
    await assertProseComplete(page, 'no WebGL');

    // Before the learner's guess the table keeps the weights back, as the canvas does.
    assert.equal(await page.locator('#figure-fallback table.weights-table').count(), 0, 'no weights before the guess');
    assert.match(await page.locator('#figure-fallback').textContent(), /until you make your guess/);
    await page.locator('[data-predict="flow"] [data-predict-skip]').click();

    // The opening figure as a table: "she" (its row) gives its largest share to Alice.
    const table = page.locator('#figure-fallback table.weights-table');
    await table.waitFor();
    const rows = await table.evaluate((t) => Array.from(t.tBodies[0].rows).map((r) => ({
      token: r.cells[0].textContent, selected: r.classList.contains('is-selected'),
      weights: Array.from(r.cells).slice(1).map((c) => parseFloat(c.textContent)),
    })));
    const header = await table.evaluate((t) => Array.from(t.tHead.rows[0].cells).slice(1).map((c) => c.textContent));
    const she = rows.find((r) => r.selected);
    assert.ok(she, 'the selected query word is marked in the table');
    assert.equal(she.token, 'she');
    const top = she.weights.indexOf(Math.max(...she.weights));
    assert.equal(header[top], 'Alice', `"she" attends most to Alice in the table: ${JSON.stringify(she)}`);
    for (const r of rows) {
      const sum = r.weights.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 100) <= r.weights.length * 0.5 + 0.01, `row ${r.token} sums to ${sum}%`);
    }
    // The description still says what the figure shows.
    assert.match(await page.locator('#figure-description').textContent(), /Alice/);

    // The table follows the section being read and its settings.
    await page.locator('section#playground button.show-figure').click();
    await page.locator('form[data-form-figure="playground"] input[name="sentence"]').fill('dog bites man');
    await page.locator('form[data-form-figure="playground"] button[type="submit"]').click();
    await settle(page);
    const cols = await page.locator('#figure-fallback table.weights-table thead th').allTextContents();
    assert.deepEqual(cols, ['dog', 'bites', 'man'], 'the playground table shows the new sentence');

    // A quick check answered with the keyboard gets its feedback.
    const radio = page.locator('.quiz[data-quiz="q1"] input[type="radio"]').first();
    await radio.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    const feedback = await page.locator('.quiz[data-quiz="q1"] .quiz-feedback').textContent();
    assert.match(feedback, /Correct|Not this one/, `the quiz is graded without WebGL: "${feedback}"`);
    assert.deepEqual(errors, [], errors.join('\n'));
    await context.close();
  } finally {
    await browser.close();
  }
});

test('no WebAssembly: the prose reads in full and a message says what is missing', async () => {
  const browser = await launch();
  try {
    const { context, page, errors, ready } = await open(browser, (p) => p.addInitScript(() => { delete window.WebAssembly; }));
    assert.equal(ready, 'no-wasm');
    const message = await page.locator('#figure-message').textContent();
    assert.ok(await page.locator('#figure-message').isVisible());
    assert.match(message, /WebAssembly/, `the message names what is missing: "${message}"`);
    await assertProseComplete(page, 'no WebAssembly');
    // No placeholder dots left where numbers would be: they say "—" instead.
    const dots = await page.locator('#lesson-text .num').evaluateAll((els) => els.filter((e) => e.textContent === '\u2026').length);
    assert.equal(dots, 0, 'no number is left as a loading ellipsis');
    const quizText = await page.locator('.quiz[data-quiz="q1"]').textContent();
    assert.match(quizText, /WebAssembly/, `the quick checks explain why they are missing: "${quizText}"`);
    assert.match(await page.locator('#figure-description').textContent(), /WebAssembly/);
    // The table of contents still works.
    await page.locator('nav.toc a[href="#production"]').click();
    assert.deepEqual(errors, [], errors.join('\n'));
    await context.close();
  } finally {
    await browser.close();
  }
});

test('attention.js blocked: the same fallback, naming the missing file', async () => {
  const browser = await launch();
  try {
    const { context, page, errors, ready } = await open(browser,
      (p) => p.route(/attention\.js$/, (route) => route.abort()));
    assert.equal(ready, 'no-wasm');
    const message = await page.locator('#figure-message').textContent();
    assert.match(message, /attention\.js/, `the message says the module did not load: "${message}"`);
    await assertProseComplete(page, 'module blocked');
    assert.deepEqual(errors, [], errors.join('\n'));
    await context.close();
  } finally {
    await browser.close();
  }
});
