// The downloaded folder: scripts/package.sh's zip, unzipped and opened from file:// with
// the network blocked, gives the whole lesson (figures and graded quizzes) and its licences
// (the footer's links open them), and the page asks for nothing outside its own folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launchBrowser, VIEWPORTS, canvasSnapshot, assertNotBlank, figureState } from './helpers/harness.mjs';
import { packageInto, quizAnswers, answerQuiz, readyValue } from './helpers/ship.mjs';

let browser, pack, answers;
before(async () => {
  pack = packageInto();
  browser = await launchBrowser();
  answers = await quizAnswers();
});
after(async () => { await browser?.close(); pack?.remove(); });

test('offline: the zip holds a self-contained site at its root', () => {
  const site = pack.sites['attention-lesson'];
  assert.ok(site, `package.sh made ${Object.keys(pack.zips).join(', ')}`);
  for (const file of ['index.html', 'attention.js', 'attention-offline.js', 'js/lesson.min.js', 'css/lesson.css',
    'LICENSE.txt', 'THIRD_PARTY_NOTICES.txt']) {
    assert.ok(fs.existsSync(path.join(site, file)), `${file} is in the zip`);
  }
  const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'index.html refers to no other host');
});

test('offline: from file:// with the network blocked, the figures start and a quiz is graded', async () => {
  const site = pack.sites['attention-lesson'];
  const siteUrl = pathToFileURL(site).href;
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const outside = [];
  const problems = [];
  // Every request is checked: files inside the folder go through, anything else is
  // recorded and aborted (data: URLs never reach the router, and stay inside the page).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${siteUrl}/`)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${siteUrl}/`) && !url.startsWith('data:')) outside.push(url);
  });
  try {
    await page.goto(`${siteUrl}/index.html`, { waitUntil: 'load' });
    assert.equal(await readyValue(page), '1', 'lessonReady is "1": the module runs and the figures draw');
    const state = await figureState(page);
    assert.equal(state.figure, 'flow');
    assert.ok(state.tokens.length > 3, 'the opening figure has its sentence');
    assertNotBlank(assert, await canvasSnapshot(page), 'offline canvas');

    const { right, wrong } = answers.q1;
    const wrongText = await answerQuiz(page, 'q1', wrong.id);
    assert.ok(wrongText.includes(wrong.explanation.slice(0, 30)), `wrong answer feedback: ${wrongText}`);
    const rightText = await answerQuiz(page, 'q1', right.id);
    assert.ok(rightText.includes(right.explanation.slice(0, 30)), `right answer feedback: ${rightText}`);

    // The footer's licence links open the files shipped beside the page.
    const links = await page.$$eval('#page-footer a', (all) => all.map((a) => ({ text: a.textContent, href: a.href })));
    assert.deepEqual(links.map((l) => l.text).sort(), ['LICENSE.txt', 'THIRD_PARTY_NOTICES.txt']);
    for (const { href } of links) {
      assert.ok(href.startsWith(`${siteUrl}/`), `${href} is inside the folder`);
      const shipped = fs.readFileSync(fileURLToPath(href), 'utf8');
      const doc = await context.newPage();
      await doc.goto(href);
      const shown = await doc.evaluate(() => document.body.innerText);
      await doc.close();
      assert.equal(shown.trim().split('\n', 1)[0], shipped.split('\n', 1)[0], `${href} opens`);
    }

    assert.deepEqual([...new Set(outside)], [], 'no request left the folder');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
