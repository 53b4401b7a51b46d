// The playground's "Heads: designed | trained" choice (issue 8, section 3): choosing
// "trained" loads models/trained_gpt.js once, the figure's heads become L0H0..L1H3,
// the designed model's settings are switched off, and the table below the figure
// shows the selected trained head's weights as the module computed them (checked
// against m.explain with "model": "trained", called here independently). Switching
// back restores the designed heads and the settings.
//
// ATTN_DIST_DIR serves another folder than dist/ (a helper's own build, say).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openPage, figureState, eventually, canvasSnapshot, assertNotBlank,
} from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(process.env.ATTN_DIST_DIR || undefined); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const TRAINED_HEADS = ['L0H0', 'L0H1', 'L0H2', 'L0H3', 'L1H0', 'L1H1', 'L1H2', 'L1H3'];

test('trained heads: switch to trained, read core-computed weights, switch back', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  try {
    await page.locator('#playground button.show-figure').first().click();
    await eventually(async () => (await figureState(page)).figure === 'playground');
    const designed = await figureState(page);
    assert.ok(!designed.head_names.includes('L0H0'), 'the playground starts on the designed heads');
    const scriptsBefore = await page.evaluate(() => document.querySelectorAll('script[src="models/trained_gpt.js"]').length);
    assert.equal(scriptsBefore, 0, 'the trained weights are not loaded until asked for');

    await page.locator('#playground input[data-trained-choice][value="trained"]').check();
    const trained = await eventually(async () => {
      const s = await figureState(page);
      return s.settings.model === 'trained' ? s : null;
    }, 20000);
    assert.ok(trained, 'the figure switched to the trained model');
    assert.deepEqual(trained.head_names, TRAINED_HEADS);
    assert.equal(trained.tokens[0], '<bos>');
    assert.equal(trained.error, '');
    for (const setting of ['heads', 'd_model', 'positional', 'temperature', 'seed', 'causal', 'scale']) {
      const disabled = await page.locator(`#playground [data-figure-setting="${setting}"]`).first().isDisabled();
      assert.ok(disabled, `${setting} is switched off while the trained heads are shown`);
    }
    assertNotBlank(assert, await canvasSnapshot(page), 'playground with trained heads');

    // Pick head L0H1 and the query word "sat", then compare the page's table with the module.
    const sentence = 'The cat sat on the mat.';
    await page.locator('form[data-form-figure="playground"] input[name="sentence"]').fill(sentence);
    await page.locator('form[data-form-figure="playground"] button[type="submit"]').click();
    await eventually(async () => (await figureState(page)).settings.sentence === sentence);
    await page.locator('#playground select.head-select').selectOption('1');
    await page.locator('#playground select.token-select').selectOption('3');  // <bos> the cat sat
    const table = page.locator('#playground table[data-trained-table]');
    await eventually(async () => (await table.getAttribute('data-trained-table')) === 'L0H1');
    const caption = await table.locator('caption').textContent();
    assert.match(caption, /L0H1/);
    assert.match(caption, /\u201csat\u201d/);
    const cells = await table.locator('tbody td').allTextContents();
    const fromModule = await page.evaluate((s) => {
      const m = window.Lesson.figure.module();
      const t = JSON.parse(m.explain(JSON.stringify({ sentence: s, model: 'trained', stages: false })));
      return { row: t.heads[1].weights[3], tokens: t.tokens, guesses: t.next_words[3] };
    }, sentence);
    assert.deepEqual(fromModule.tokens, ['<bos>', 'The', 'cat', 'sat', 'on', 'the', 'mat', '.']);
    const unknownNote = await page.locator('#playground [data-unknown-note="playground"]').textContent();
    assert.match(unknownNote, /<unk>/, 'words outside the vocabulary are said to be read as <unk>');
    assert.equal(cells.length, 4, 'one cell per word up to the query (later words are masked)');
    const shown = await page.evaluate((row) => row.map((w) => window.Lesson.format.percent(w)), fromModule.row.slice(0, 4));
    assert.deepEqual(cells, shown, 'the table shows the weights the module computed');
    const sum = fromModule.row.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5, `the query's weights sum to 1 (${sum})`);
    const guesses = await page.locator('#playground [data-trained-guesses]').textContent();
    assert.ok(guesses.includes(`\u201c${fromModule.guesses[0].word}\u201d`), `guesses "${guesses}" name the module's top word`);

    await page.locator('#playground input[data-trained-choice][value="designed"]').check();
    const back = await eventually(async () => {
      const s = await figureState(page);
      return s.settings.model === 'designed' ? s : null;
    });
    assert.ok(back, 'switched back to the designed heads');
    assert.ok(!back.head_names.includes('L0H0'));
    assert.notEqual(back.tokens[0], '<bos>');
    assert.ok(!(await page.locator('#playground [data-figure-setting="heads"]').isDisabled()), 'settings are back on');
    assert.ok(await page.locator('#playground [data-trained-panel]').isHidden());
    const scriptsAfter = await page.evaluate(() => document.querySelectorAll('script[src="models/trained_gpt.js"]').length);
    assert.equal(scriptsAfter, 1, 'the weights script was injected exactly once');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
