// The strict Content-Security-Policy of issue 5, sent as a real response header: the
// lesson loads, every figure draws and a quiz is graded with no console error and no
// securitypolicyviolation event (no inline script or style, no eval in the module).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  distDir, launchBrowser, VIEWPORTS, canvasSnapshot, assertNotBlank, command, settle, SECTIONS,
} from './helpers/harness.mjs';
import { serve, STRICT_CSP, quizAnswers, answerQuiz, readyValue } from './helpers/ship.mjs';

let server, browser, answers;
before(async () => {
  server = await serve({ root: distDir, headers: { 'content-security-policy': STRICT_CSP } });
  browser = await launchBrowser();
  answers = await quizAnswers();
});
after(async () => { await browser?.close(); await server?.close(); });

test('csp: the page runs under the strict policy with no violation', async () => {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  // Listen before any of the page's own scripts run, so early violations count too.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  try {
    const response = await page.goto(server.url, { waitUntil: 'load' });
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the header is sent');
    assert.equal(await readyValue(page), '1', 'the module runs and the figures draw under the policy');
    assertNotBlank(assert, await canvasSnapshot(page), 'figure under CSP');

    // Every figure, drawn once: a figure that needed eval or an inline style would fail here.
    for (const [, figure] of SECTIONS) {
      const state = await command(page, { cmd: 'show', figure });
      assert.equal(state.figure, figure);
      assert.equal(state.error || '', '', `${figure}: ${state.error}`);
      await command(page, { cmd: 'render' });
    }
    await settle(page);
    // The playground's settings path (a new sentence, more heads) under the policy too.
    const played = await command(page, { cmd: 'set', figure: 'playground', sentence: 'The cat sat on the mat.', heads: 4 });
    assert.equal(played.error || '', '');

    const { right } = answers.q2;
    const feedback = await answerQuiz(page, 'q2', right.id);
    assert.ok(feedback.includes(right.explanation.slice(0, 30)), `quiz graded: ${feedback}`);

    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no securitypolicyviolation events');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
