// Section 3's formula on narrow screens: at 390 and 320 CSS px wide it fits its
// box (nothing cut off or scrolled inside it) and the page does not scroll
// sideways, while a desktop keeps the full size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, VIEWPORTS } from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const measure = (page) => page.evaluate(() => {
  const box = document.querySelector('.formula-box');
  const math = box.querySelector('math');
  return {
    box: box.clientWidth, content: box.scrollWidth, page: document.documentElement.scrollWidth,
    window: window.innerWidth, px: parseFloat(getComputedStyle(math).fontSize),
  };
});

for (const [name, viewport] of [['390 px phone', VIEWPORTS.phone], ['320 px phone', { width: 320, height: 640 }]]) {
  test(`formula (${name}): fits its box without sideways scrolling`, async () => {
    const { context, page, problems } = await openPage(browser, server.url, viewport);
    try {
      const m = await measure(page);
      assert.ok(m.content <= m.box, `the formula is ${m.content} px wide in a ${m.box} px box`);
      assert.ok(m.page <= m.window, `the page is ${m.page} px wide in a ${m.window} px window`);
      assert.ok(m.px >= 11, `the formula is still readable: ${m.px} px`);
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('formula (desktop): keeps its full size', async () => {
  const { context, page } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const m = await measure(page);
    const box = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.formula-box')).fontSize));
    assert.equal(m.px, box, 'the formula is not shrunk where it fits');
    assert.ok(m.content <= m.box);
  } finally {
    await context.close();
  }
});
