// The opening figure answers the learner: clicking or tapping a word, or the arrow keys,
// selects another word and the caption follows; Tab reaches the canvas and leaves it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openPage, VIEWPORTS, figureState, command, settle, eventually,
  canvasSnapshot, saveArtifact,
} from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const caption = (page) => page.locator('#flow-caption').textContent();

// Clicks across the canvas until one click selects a different word. The page does not
// publish where words are drawn, so a grid of points stands in for "a word".
async function clickUntilSelectionChanges(page, how = 'click') {
  const canvas = page.locator('#figure');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const start = (await figureState(page)).selected;
  for (let row = 1; row <= 9; row++) {
    for (let col = 1; col <= 13; col++) {
      const x = box.x + (box.width * col) / 14;
      const y = box.y + (box.height * row) / 10;
      if (how === 'tap') await page.touchscreen.tap(x, y); else await page.mouse.click(x, y);
      await settle(page);
      const now = (await figureState(page)).selected;
      if (now !== start) return { start, now, x, y };
    }
  }
  return { start, now: start };
}

test('flow: clicking a word on the canvas changes the selection and the caption', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await command(page, { cmd: 'show', figure: 'flow' });
    // A first visit asks for a guess first (predict.test.mjs); skipping it brings
    // back the weight bars, which select words too.
    await page.locator('[data-predict="flow"] [data-predict-skip]').click();
    const before = await caption(page);
    const before_png = (await canvasSnapshot(page)).png;
    const r = await clickUntilSelectionChanges(page);
    assert.notEqual(r.now, r.start, 'some click on the canvas selected another word');
    const after = await eventually(async () => { const c = await caption(page); return c !== before && c; });
    assert.ok(after, `the caption changed from "${before}"`);
    const state = await figureState(page);
    assert.ok(after.includes(state.tokens[state.selected]), `caption "${after}" names the selected word "${state.tokens[state.selected]}"`);
    const snap = await canvasSnapshot(page);
    saveArtifact('flow-after-click.png', snap.png);
    assert.ok(!snap.png.equals(before_png), 'the figure changed');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('flow: tapping a word on a phone changes the selection', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.phone,
    { isMobile: true, hasTouch: true });
  try {
    await command(page, { cmd: 'show', figure: 'flow' });
    const r = await clickUntilSelectionChanges(page, 'tap');
    assert.notEqual(r.now, r.start, 'some tap on the canvas selected another word');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('flow: the arrow keys move the selected word and the caption follows', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await command(page, { cmd: 'show', figure: 'flow' });
    await command(page, { cmd: 'select', token: 1 });
    await page.locator('#figure').focus();
    const start = await figureState(page);
    const startCaption = await caption(page);
    await page.keyboard.press('ArrowRight');
    const right = await eventually(async () => { const s = await figureState(page); return s.selected !== start.selected && s; });
    assert.ok(right, 'ArrowRight changed the selection');
    assert.equal(right.selected, start.selected + 1, 'ArrowRight selects the next word');
    const moved = await eventually(async () => (await caption(page)) !== startCaption);
    assert.ok(moved, 'the caption followed the keyboard');
    await page.keyboard.press('ArrowLeft');
    const left = await eventually(async () => { const s = await figureState(page); return s.selected === start.selected && s; });
    assert.ok(left, 'ArrowLeft went back to the first word');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('flow: Tab moves focus into the canvas and out of it again', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    const focusedId = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedId()) === 'figure';
    }
    assert.ok(reached, 'Tab reaches the canvas');
    await page.keyboard.press('Tab');
    const afterTab = await focusedId();
    assert.notEqual(afterTab, 'figure', 'Tab leaves the canvas');
    assert.notEqual(afterTab, 'BODY', 'focus went to the next control, not nowhere');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedId(), 'figure', 'Shift+Tab comes back to the canvas');
    await page.keyboard.press('Shift+Tab');
    assert.notEqual(await focusedId(), 'figure', 'Shift+Tab leaves the canvas backwards');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('flow: typing in a text box is not swallowed by the canvas', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const box = page.locator('input[type="text"], textarea').first();
    if (await box.count() === 0) return;  // no text box on the page yet
    await box.scrollIntoViewIfNeeded();
    await box.click();
    await box.press('Control+a');
    await page.keyboard.type('dog bites');
    await page.keyboard.press('Backspace');
    assert.equal(await box.inputValue(), 'dog bite', 'letters and Backspace reach the text box');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
