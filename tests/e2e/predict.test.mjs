// Predict, then reveal (shell/js/predict.js) in sections 1 and 5, and the
// progress it feeds: keyboard only, the canvas holds the weights back until the
// guess, the result names the row's largest weight and the guess's share and
// rank (worked out here from the exported weight matrix, not from the page's
// facts), a reload keeps it, and a flat row is never given an answer. Also the
// progress count against the contents and the takeaway's summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openPage, VIEWPORTS, waitReady, eventually, command, saveArtifact, canvasSnapshot,
} from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const q = (word) => `\u201c${word}\u201d`;
const ordinal = (n) => n + ({ 1: 'st', 2: 'nd', 3: 'rd' }[(n % 100 >= 11 && n % 100 <= 13) ? 0 : n % 10] || 'th');

// The shown figure's weight matrix for its head, from the module's JSON export.
async function weights(page, figure) {
  const state = await command(page, { cmd: 'state', figure });
  await command(page, { cmd: 'show', figure });
  const exported = JSON.parse((await command(page, { cmd: 'export', format: 'json' })).text);
  const head = state.head_names[state.settings.head];
  const matrix = exported.matrices.find((m) => m.name === `weights (${head})`);
  assert.ok(matrix, `the export has "weights (${head})"`);
  return { state, row: matrix.values[state.settings.selected] };
}

// The row's claim worked out from the weights: visible words are the nonzero
// ones (the causal mask gives exactly 0); decisive when the largest weight
// covers a fifth of the way from the even share to one (core/figure_math.h).
function expected(row) {
  const visible = row.map((w, j) => [w, j]).filter(([w]) => w > 0);
  const order = [...visible].sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const even = 1 / visible.length;
  const [largest, argmax] = order[0];
  return {
    argmax, largest, visible: visible.length,
    decisive: largest >= even + 0.2 * (1 - even),
    even: Math.round(even * 100),
    percent: (j) => Math.round(row[j] * 100),
    rank: (j) => order.findIndex(([, k]) => k === j) + 1,
  };
}

const flowState = (page) => command(page, { cmd: 'state', figure: 'flow' });
const resultText = (page, figure) => page.locator(`[data-predict="${figure}"] [data-predict-result]`).textContent();

test('predict in section 1: keyboard only, weights hidden until the guess, result from the weights, kept on reload', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const first = await flowState(page);
    assert.equal(first.settings.hide_weights, true, 'a first visit asks before showing the weights');
    const refused = await command(page, { cmd: 'set', figure: 'flow', hide_weights: 'yes' });
    assert.match(refused.error, /hide_weights.*true or false/, 'a setting of the wrong type is refused by name');
    assert.equal(await page.locator('#flow-caption').isHidden(), true, 'the caption naming the answer waits');
    const description = await page.locator('#figure-description').textContent();
    assert.doesNotMatch(description, /\d%/, `the figure description gives no weights: "${description}"`);
    saveArtifact('predict-flow-asking.png', (await canvasSnapshot(page)).png);

    // Keyboard: Tab from the section's last control into the radio group,
    // Space picks the first word, an arrow key moves to the next, Tab to "Check".
    await page.focus('#opening .show-figure');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.name);
    assert.equal(focused, 'predict-flow', 'Tab reaches the guess');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    const guess = await page.evaluate(() => Number(document.querySelector('input[name="predict-flow"]:checked').value));
    assert.equal(guess, 1, 'the arrow key moved the choice to the second word');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.hasAttribute('data-predict-check')), true);
    await page.keyboard.press('Space');

    const { state, row } = await weights(page, 'flow');
    const want = expected(row);
    assert.equal(state.settings.hide_weights, false, 'the weights show after the guess');
    const words = state.tokens;
    const text = await resultText(page, 'flow');
    if (want.decisive) {
      assert.ok(text.includes(`${q(words[want.argmax])} gets the largest share, ${Math.round(want.largest * 100)}%`) ||
        (guess === want.argmax && text.includes(`${Math.round(want.largest * 100)}%, the largest share`)),
        `the result names the argmax and its percent: "${text}"`);
      if (guess !== want.argmax) {
        assert.ok(text.includes(`You picked ${q(words[guess])}: it gets ${want.percent(guess)}%, ` +
          `${ordinal(want.rank(guess))} of ${want.visible}`), `the guess's share and rank: "${text}"`);
      }
    } else {
      assert.match(text, new RegExp(`even split of ${want.even}% each`), `a flat row says so: "${text}"`);
    }
    assert.equal(await page.locator('#flow-caption').isHidden(), false, 'the caption shows after the guess');
    saveArtifact('predict-flow-revealed.png', (await canvasSnapshot(page)).png);

    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    assert.equal((await flowState(page)).settings.hide_weights, false, 'a returning learner sees the weights');
    assert.equal(await eventually(async () => (await resultText(page, 'flow')) === text), true, 'the result is kept');
    const checked = await page.evaluate(() => Number(document.querySelector('input[name="predict-flow"]:checked')?.value));
    assert.equal(checked, guess, 'the guess is kept');

    // Another query word: the weights stay, the widget says whose guess it was and offers a new one.
    await page.selectOption('#opening .token-select', '0');
    const other = await eventually(async () => /last guess was for/.test(await resultText(page, 'flow')));
    assert.ok(other, `the widget says the guess was for another word: "${await resultText(page, 'flow')}"`);
    assert.equal((await flowState(page)).settings.hide_weights, false);
    await page.locator('[data-predict="flow"] [data-predict-again]').click();
    assert.equal((await flowState(page)).settings.hide_weights, true, 'guessing again hides the weights again');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('predict at walkthrough step 6: "Show me the answer", and a flat row is called flat', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.phone);
  try {
    await page.locator('#walkthrough').scrollIntoViewIfNeeded();
    await command(page, { cmd: 'show', figure: 'walkthrough' });
    for (const step of [1, 6]) {
      await command(page, { cmd: 'set', figure: 'walkthrough', step });
      const words = await page.locator('#figure-description').textContent();
      assert.doesNotMatch(words, /\d%|largest/, `step ${step}: the description keeps the answer back: "${words}"`);
    }
    await page.evaluate(() => document.querySelector('[data-step-text="walkthrough"][data-step="6"]').hidden = false);
    const asking = await command(page, { cmd: 'state', figure: 'walkthrough' });
    assert.equal(asking.settings.hide_weights, true, 'step 6 holds the weights back');
    await page.locator('[data-predict="walkthrough"] [data-predict-skip]').click();
    const { row, state } = await weights(page, 'walkthrough');
    const want = expected(row);
    assert.equal(state.settings.hide_weights, false);
    const text = await resultText(page, 'walkthrough');
    if (want.decisive) assert.ok(text.includes(`${q(state.tokens[want.argmax])} gets the largest share, ${Math.round(want.largest * 100)}%`), text);

    // Find a flat row among the heads and words of this sentence and guess on it.
    let flat = null;
    for (let head = 0; head < state.head_names.length && !flat; head += 1) {
      for (let selected = 0; selected < state.tokens.length && !flat; selected += 1) {
        await command(page, { cmd: 'set', figure: 'walkthrough', head, selected });
        const probe = await weights(page, 'walkthrough');
        if (!expected(probe.row).decisive) flat = { head, selected, want: expected(probe.row) };
      }
    }
    assert.ok(flat, 'the running example has a flat row somewhere');
    await page.locator('[data-predict="walkthrough"] [data-predict-again]').click();
    await page.locator('[data-predict="walkthrough"] input[type="radio"]').first().check();
    await page.locator('[data-predict="walkthrough"] [data-predict-check]').click();
    const flatText = await resultText(page, 'walkthrough');
    assert.match(flatText, new RegExp(`even split of ${flat.want.even}% each`), flatText);
    assert.match(flatText, new RegExp(`You picked ${q(state.tokens[0])}: it gets ${flat.want.percent(0)}%`), flatText);
    assert.match(flatText, /no single word is the answer/, flatText);
    assert.doesNotMatch(flatText, /largest share/, `a flat row has no largest share: "${flatText}"`);
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('progress: the bar counts the contents\' sections; the takeaway says what is done and what is left', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const entries = await page.locator('nav.toc li').count();
    const sections = await page.locator('main section[data-figure]').count();
    assert.equal(entries, sections, 'every section is in the contents');
    assert.equal(await page.locator('#progress').getAttribute('max'), String(entries));
    const label = await page.locator('#progress-text').textContent();
    const seen = Number(await page.locator('#progress').evaluate((el) => el.value));
    assert.equal(label, `${seen} of ${entries} sections seen`);

    const summary = page.locator('#final-score');
    assert.equal(await summary.isHidden(), false, 'the takeaway summary shows from the start');
    const text = await summary.textContent();
    assert.match(text, new RegExp(`So far: ${seen} of ${entries} sections seen, 0 of 4 quick checks answered and 0 of 2 guesses made\\.`), text);
    assert.match(text, /Still to do: read .*Takeaway.*answer the 4 quick checks and make the guesses in A word looks back and Step by step\./, text);

    await page.locator('[data-predict="flow"] [data-predict-skip]').click();
    assert.match(await summary.textContent(), /0 of 2 guesses made \(1 answer shown without one\)/, 'a skip is not a guess');
    assert.match(await summary.textContent(), /make the guess in Step by step\./, 'nor is it left to do');
    await command(page, { cmd: 'set', figure: 'flow', selected: 0 });
    await page.locator('[data-predict="flow"] [data-predict-again]').click();
    await page.locator('[data-predict="flow"] input[type="radio"]').first().check();
    await page.locator('[data-predict="flow"] [data-predict-check]').click();
    assert.match(await summary.textContent(), /1 of 2 guesses made/);
    assert.match(await summary.textContent(), /make the guess in Step by step\./);
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
