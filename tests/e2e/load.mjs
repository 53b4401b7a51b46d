// The page loads cleanly on a desktop and on a phone: no console errors, no failed
// requests, the figures start (lessonReady = "1"), and the canvas shows a real figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openPage, VIEWPORTS, canvasSnapshot, assertNotBlank,
  saveArtifact, figureState, settle,
} from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`load (${name}): no console errors or failed requests, and a figure on the canvas`, async () => {
    const { context, page, problems } = await openPage(browser, server.url, viewport);
    try {
      const state = await figureState(page);
      assert.equal(state.figure, 'flow', 'the opening figure is the attention flow');
      assert.ok(Array.isArray(state.tokens) && state.tokens.length > 3, 'the flow has a sentence');
      // LESSON.md: the first thing a learner sees is correct, the pronoun looking back at
      // its antecedent under the coreference head.
      assert.equal(state.tokens[state.selected], 'she', 'the pronoun is selected at first');
      assert.equal(state.head_names[state.settings?.head ?? 0], 'coreference');
      assert.equal(state.facts.top_token, 'Alice', '"she" attends most to "Alice"');
      const snap = await canvasSnapshot(page);
      saveArtifact(`load-${name}-canvas.png`, snap.png);
      assertNotBlank(assert, snap, `${name} canvas`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
      saveArtifact(`load-${name}-top.png`, await page.screenshot());
      saveArtifact(`load-${name}-full.png`, await page.screenshot({ fullPage: true }));
      // The caption under the flow quotes live numbers: it must not be empty.
      const caption = (await page.locator('#flow-caption').textContent()).trim();
      assert.match(caption, /\d+\s*%/, `the flow caption quotes a percentage: "${caption}"`);
      // The canvas keeps the sizing the page asks for: backing store = CSS size x DPR.
      const sizes = await page.evaluate(() => {
        const c = document.getElementById('figure');
        const r = c.getBoundingClientRect();
        return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, dpr: devicePixelRatio };
      });
      assert.ok(Math.abs(sizes.w - Math.round(sizes.cssW * sizes.dpr)) <= 2,
        `canvas backing width ${sizes.w} vs CSS ${sizes.cssW} x ${sizes.dpr}`);
      assert.ok(sizes.cssW <= viewport.width, 'the canvas fits in the viewport width');
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('load (HiDPI phone): the backing store follows devicePixelRatio', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.phone,
    { deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const sizes = await page.evaluate(() => {
      const c = document.getElementById('figure');
      const r = c.getBoundingClientRect();
      return { w: c.width, cssW: r.width, dpr: devicePixelRatio };
    });
    assert.equal(sizes.dpr, 2);
    assert.ok(Math.abs(sizes.w - Math.round(sizes.cssW * 2)) <= 2,
      `canvas backing width ${sizes.w} for CSS width ${sizes.cssW} at DPR 2`);
    const snap = await canvasSnapshot(page);
    saveArtifact('load-phone-hidpi-canvas.png', snap.png);
    assertNotBlank(assert, snap, 'HiDPI phone canvas');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
