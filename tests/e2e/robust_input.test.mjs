// Bad input never breaks the lesson (issue 7): empty and huge sentences, every kind of
// Unicode, markup in every input and in the URL, settings at their extremes, rapid
// switching and extreme window sizes. Each case checks that the learner gets a clear
// message, that progress survives, and that the other sections keep working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import {
  startServer, launchBrowser, openPage, VIEWPORTS, figureState, command, settle,
} from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const PROGRESS_KEY = 'attention-lesson:progress';

// Types a sentence into a section's form and submits it the way a learner would.
async function submitSentence(page, figure, text) {
  const form = page.locator(`form[data-form-figure="${figure}"]`);
  await form.scrollIntoViewIfNeeded();
  await form.locator('input[name="sentence"]').fill(text);
  await form.locator('button[type="submit"]').click();
  await settle(page);
}
const messageOf = (page, figure) => page.locator(`[data-message="${figure}"]`).textContent();
const stateOf = (page, figure) => command(page, { cmd: 'state', figure });

// The walkthrough still answers a normal request: proof that one bad input did not
// leave the module or the page unusable.
async function assertOtherSectionsWork(page, why) {
  const s = await command(page, { cmd: 'set', figure: 'walkthrough', sentence: 'dog bites man' });
  assert.equal(s.error, '', `${why}: the walkthrough refused a normal sentence: ${s.error}`);
  assert.deepEqual(s.tokens, ['dog', 'bites', 'man'], `${why}: the walkthrough's tokens`);
  const flow = await command(page, { cmd: 'show', figure: 'flow' });
  assert.equal(flow.figure, 'flow', `${why}: the flow figure still shows`);
}

test('empty and whitespace-only sentences are refused with a message; the old sentence and progress stay', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  try {
    await submitSentence(page, 'playground', 'the cat sat on the mat');
    const good = await stateOf(page, 'playground');
    assert.equal(good.tokens.length, 6);
    const savedBefore = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), PROGRESS_KEY);
    for (const [label, text] of [['empty', ''], ['spaces', '   '], ['tabs and newlines', ' \t \u00a0 ']]) {
      await submitSentence(page, 'playground', text);
      const message = await messageOf(page, 'playground');
      assert.match(message, /empty|at least one word/i, `${label}: the learner is told why ("${message}")`);
      const after = await stateOf(page, 'playground');
      assert.deepEqual(after.tokens, good.tokens, `${label}: the previous sentence stays in place`);
    }
    const savedAfter = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), PROGRESS_KEY);
    for (const section of savedBefore.seen) {
      assert.ok(savedAfter.seen.includes(section), `progress lost section "${section}"`);
    }
    // A good sentence afterwards clears the message.
    await submitSentence(page, 'playground', 'Alice met Bob');
    assert.equal((await messageOf(page, 'playground')).trim(), '', 'the message clears on a good sentence');
    await assertOtherSectionsWork(page, 'after empty sentences');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('a 10,000-word paste returns quickly, is cut to what the figure reads, and says so', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  try {
    const words = Array.from({ length: 10000 }, (_, i) => ['the', 'model', 'reads', 'every', 'word', 'she', 'wrote', 'to', 'Bob'][i % 9]);
    const paste = words.join(' ');
    await command(page, { cmd: 'show', figure: 'playground' });
    const input = page.locator('form[data-form-figure="playground"] input[name="sentence"]');
    await input.scrollIntoViewIfNeeded();
    await input.fill(paste);
    // Time the submission inside the page: the module call is synchronous, so this
    // is exactly how long the page is frozen.
    const ms = await page.evaluate(() => {
      const form = document.querySelector('form[data-form-figure="playground"]');
      const t0 = performance.now();
      form.requestSubmit();
      return performance.now() - t0;
    });
    // One second on a quiet machine; the work is CPU-bound, so a machine busy with
    // other jobs gets proportionally longer (load average per core).
    const busy = Math.max(1, os.loadavg()[0] / os.cpus().length);
    const limit = Number(process.env.ROBUST_PASTE_MS || 1000) * busy;
    assert.ok(ms < limit, `submitting the paste froze the page for ${ms.toFixed(0)} ms (limit ${limit.toFixed(0)} ms at load x${busy.toFixed(1)})`);
    const state = await stateOf(page, 'playground');
    assert.equal(state.error, '', `the paste is not refused: ${state.error}`);
    assert.ok(state.tokens.length > 0 && state.tokens.length <= 512, `${state.tokens.length} tokens`);
    const message = await messageOf(page, 'playground');
    assert.match(message, /long/i, `a notice says the text was cut ("${message}")`);
    assert.match(message, /10,000 words/, `the notice counts what was pasted ("${message}")`);
    await assertOtherSectionsWork(page, 'after a 10,000-word paste');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('emoji, CJK, combining accents, right-to-left and zero-width text are read without errors', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  try {
    const cases = [
      ['emoji', 'Alice 👩‍💻 emailed Bob 🎉 because she had a question', '🎉'],
      ['CJK', '猫が好きです。Alice likes cats', 'Alice'],
      ['combining accents', 'Cafe\u0301 Zoe\u0308 and Ame\u0301lie met Bob', 'Bob'],
      ['right-to-left', 'שלום Alice مرحبا Bob', 'Bob'],
      ['zero-width', 'Alice\u200b emailed\u200d Bob\ufeff because\u200c she', 'Bob'],
    ];
    for (const [label, sentence, expectToken] of cases) {
      for (const figure of ['walkthrough', 'playground']) {
        await submitSentence(page, figure, sentence);
        const state = await stateOf(page, figure);
        assert.equal(state.error, '', `${label} in ${figure}: ${state.error}`);
        assert.ok(state.tokens.some((t) => t.includes(expectToken)),
          `${label} in ${figure}: tokens ${JSON.stringify(state.tokens)} keep "${expectToken}"`);
        // The word list shows the same tokens as text.
        const options = await page.locator(`section[data-figure="${figure}"] select.token-select option`).allTextContents();
        assert.equal(options.length, state.tokens.length, `${label}: one option per token in ${figure}`);
      }
    }
    const description = await page.locator('#figure-description').textContent();
    assert.ok(description.trim().length > 0, 'the figure is still described');
    await assertOtherSectionsWork(page, 'after Unicode input');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

const MARKUP = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  "javascript:window.__pwned=1",
  '<b>bold</b> & <i>it</i>',
];

async function assertNothingExecuted(page, what) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned === 1,
    imgs: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    svgs: document.querySelectorAll('#lesson-text svg, #figure-panel svg').length,
    bolds: Array.from(document.querySelectorAll('b')).filter((b) => b.textContent === 'bold').length,
    scripts: Array.from(document.scripts).filter((s) => s.textContent.includes('__pwned')).length,
  }));
  assert.equal(found.pwned, false, `${what}: injected script ran`);
  assert.equal(found.imgs + found.svgs + found.bolds + found.scripts, 0,
    `${what}: markup became elements ${JSON.stringify(found)}`);
}

test('markup and script text in every input are shown as text and never run', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  try {
    for (const text of MARKUP) {
      for (const figure of ['walkthrough', 'playground']) {
        await submitSentence(page, figure, text);
        const state = await stateOf(page, figure);
        if (!state.error) {
          const options = await page.locator(`section[data-figure="${figure}"] select.token-select option`).allTextContents();
          assert.ok(options.join(' ').length > 0, `${figure}: the tokens are listed as text`);
        }
        await assertNothingExecuted(page, `${figure} sentence ${text}`);
      }
    }
    // The seed box is a number field: markup typed there is simply not a number.
    const seed = page.locator('section#playground input[data-figure-setting="seed"]');
    await seed.scrollIntoViewIfNeeded();
    await seed.fill('');
    await seed.pressSequentially('<script>1</script>');
    await seed.press('Tab');
    await assertNothingExecuted(page, 'seed box');
    // The share-link box is read-only and filled by the page.
    await page.locator('#copy-link').click();
    await assertNothingExecuted(page, 'copy link');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    await assertOtherSectionsWork(page, 'after markup');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('markup in the URL (hash settings, query string) is never executed and is shown as text', async () => {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  const problems = [];
  const dialogs = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  try {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const hash = new URLSearchParams({
      section: '<script>window.__pwned=1</script>',
      'p.sentence': evil, 'p.positional': '<b>bold</b>', 'p.heads': '<svg onload=1>',
      'w.sentence': '<b>bold</b> she', 'w.step': 'javascript:1',
    }).toString();
    const url = `${server.url}?embed=<script>1</script>&section=%3Cimg%20src%3Dx%3E#${hash}`;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.lessonReady, null, { timeout: 60000 });
    await settle(page);
    await assertNothingExecuted(page, 'URL');
    const pg = await stateOf(page, 'playground');
    assert.ok(pg.tokens.includes('img') || pg.tokens.includes('<'),
      `the hash sentence reaches the module as text: ${JSON.stringify(pg.tokens)}`);
    const input = await page.locator('form[data-form-figure="playground"] input[name="sentence"]').inputValue();
    assert.equal(input, evil, 'the sentence box shows the link\'s text literally');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    await assertOtherSectionsWork(page, 'after a hostile URL');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('settings at their extremes: temperature near 0, the widest model, 16 heads on a long sentence', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  try {
    await command(page, { cmd: 'show', figure: 'playground' });
    const section = page.locator('section#playground');
    await section.scrollIntoViewIfNeeded();
    // The coldest temperature the slider offers (first entry of its value list).
    const temp = section.locator('input[data-figure-setting="temperature"]');
    await temp.evaluate((el) => { el.value = '0'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    await settle(page);
    let s = await stateOf(page, 'playground');
    assert.ok(s.settings.temperature > 0 && s.settings.temperature <= 0.05, `temperature ${s.settings.temperature}`);
    assert.equal(s.error, '');
    assert.ok(Object.values(s.facts).every((v) => typeof v !== 'number' || Number.isFinite(v)),
      `every fact is finite at a cold temperature: ${JSON.stringify(s.facts)}`);
    // Temperature 0 itself is refused with a message, and the old value stays.
    s = await command(page, { cmd: 'set', figure: 'playground', temperature: 0 });
    assert.match(s.error, /temperature/i);
    assert.ok(s.settings.temperature > 0, 'the refused temperature is not applied');
    // Every width the embedding-size list offers is accepted with 16 heads.
    await command(page, { cmd: 'set', figure: 'playground', heads: 16, temperature: 1 });
    const widths = await section.locator('select[data-figure-setting="d_model"] option').evaluateAll(
      (opts) => opts.map((o) => Number(o.value)));
    const widest = Math.max(...widths);
    s = await command(page, { cmd: 'set', figure: 'playground', d_model: widest });
    assert.equal(s.error, '', `the widest listed d_model ${widest} with 16 heads: ${s.error}`);
    assert.equal(s.settings.d_model, widest);
    for (const w of widths.filter((x) => x > 0 && x % 16 !== 0)) {
      assert.fail(`d_model ${w} is listed but cannot be split into 16 heads`);
    }
    // 16 heads on the walkthrough's long example sentence.
    const long = 'Alice, who had spent the whole long afternoon reading old letters in the attic with Bob, said that she was tired';
    const t0 = Date.now();
    s = await command(page, { cmd: 'set', figure: 'playground', sentence: long, heads: 16, d_model: 0 });
    const ms = Date.now() - t0;
    assert.equal(s.error, '', s.error);
    assert.equal(s.head_names.length, 16);
    assert.ok(ms < 5000, `16 heads on a long sentence took ${ms} ms`);
    await command(page, { cmd: 'render' });
    const description = await page.locator('#figure-description').textContent();
    assert.match(description, /16 heads/, `the description follows: "${description}"`);
    await assertOtherSectionsWork(page, 'after extreme settings');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('rapid switching: 100 commands and control changes in a row leave no errors and a consistent page', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  try {
    const result = await page.evaluate(() => {
      const figures = ['flow', 'rnn', 'formula', 'analogy', 'walkthrough', 'production', 'playground', 'learn', 'takeaway'];
      const settings = [
        { selected: 1 }, { head: 1 }, { rnn_distance: 30 }, { formula_part: 'softmax' },
        { analogy_step: 3 }, { step: 8 }, { positional: 'rotary' }, { heads: 7 },
        { temperature: 0.1 }, { causal: true }, { scale: false }, { layout: 'single' }, { dk: 512 },
      ];
      const errors = [];
      for (let i = 0; i < 100; i++) {
        const figure = figures[i % figures.length];
        const r = i % 3 === 0 ? window.lessonDebug.command({ cmd: 'show', figure })
          : window.lessonDebug.command(Object.assign({ cmd: 'set', figure }, settings[i % settings.length]));
        if (!r || typeof r !== 'object') errors.push(`command ${i} gave ${r}`);
      }
      // The section buttons and the controls, clicked as fast as the page allows.
      const buttons = Array.from(document.querySelectorAll('button.show-figure, .part-buttons button, [data-step-delta]'));
      for (let i = 0; i < 100; i++) buttons[i % buttons.length].click();
      return errors;
    });
    assert.deepEqual(result, []);
    await settle(page);
    // Switching sections by the table of contents, quickly.
    for (const link of await page.locator('nav.toc a').all()) await link.click();
    await settle(page);
    const shown = await figureState(page);
    assert.ok(shown.figure, 'a figure is still shown');
    const snapshot = await command(page, { cmd: 'render' });
    assert.ok(snapshot && typeof snapshot === 'object');
    await assertOtherSectionsWork(page, 'after rapid switching');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

// Prose, headings and controls that stick out to the right of the viewport, except
// inside elements that scroll sideways on purpose (the formula, the tables).
async function overflowingElements(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsSideways = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    return Array.from(document.querySelectorAll('p, h1, h2, h3, li, label, button, input, select, fieldset, .quiz, canvas'))
      .filter((el) => el.getClientRects().length && !scrollsSideways(el))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.right > width + 1 && r.width > 0)
      .map(({ el, r }) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} right=${Math.round(r.right)} (${(el.textContent || '').trim().slice(0, 40)})`);
  });
}

test('resizing to 200 px wide and to 4K keeps the prose inside the window and the canvas sharp', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await page.setViewportSize({ width: 200, height: 700 });
    await settle(page);
    await page.waitForTimeout(300);
    const narrow = await overflowingElements(page);
    assert.deepEqual(narrow, [], `at 200 px these stick out:\n${narrow.join('\n')}`);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 201, `the page scrolls sideways at 200 px: scrollWidth ${pageWidth}`);

    await page.setViewportSize({ width: 3840, height: 2160 });
    await settle(page);
    await page.waitForTimeout(300);
    await command(page, { cmd: 'render' });
    const sizes = await page.evaluate(() => {
      const c = document.getElementById('figure');
      const r = c.getBoundingClientRect();
      return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, dpr: devicePixelRatio };
    });
    assert.ok(Math.abs(sizes.w - Math.round(sizes.cssW * sizes.dpr)) <= 2, `4K: backing width ${sizes.w} vs CSS ${sizes.cssW}`);
    assert.ok(Math.abs(sizes.h - Math.round(sizes.cssH * sizes.dpr)) <= 2, `4K: backing height ${sizes.h} vs CSS ${sizes.cssH}`);
    const wide = await overflowingElements(page);
    assert.deepEqual(wide, [], `at 4K these stick out:\n${wide.join('\n')}`);
    await assertOtherSectionsWork(page, 'after resizing');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('4K at devicePixelRatio 2: the backing store is CSS size x 2', async () => {
  const { context, page, problems } = await openPage(browser, server.url, { width: 1920, height: 1080 },
    { deviceScaleFactor: 2 });
  try {
    await command(page, { cmd: 'render' });
    const sizes = await page.evaluate(() => {
      const c = document.getElementById('figure');
      const r = c.getBoundingClientRect();
      return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, dpr: devicePixelRatio };
    });
    assert.equal(sizes.dpr, 2);
    assert.ok(Math.abs(sizes.w - Math.round(sizes.cssW * 2)) <= 2, `backing width ${sizes.w} vs CSS ${sizes.cssW} x 2`);
    assert.ok(Math.abs(sizes.h - Math.round(sizes.cssH * 2)) <= 2, `backing height ${sizes.h} vs CSS ${sizes.cssH} x 2`);
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
