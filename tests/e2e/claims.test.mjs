// Every sentence on the page that names where a word's attention goes is checked
// against the weights themselves: the walkthrough's presets (found in the page,
// not listed here) on every head and step, the flow figure on every word and head,
// the analogy's steps, the formula's softmax sentence, the playground caption and the
// trained heads' table text.
// The truth comes from m.explain (the raw weight rows, independent of the facts the
// captions are built from); argmax and the decisive rule are worked out here:
//   decisive  <=>  w_max >= u + 0.2 (1 - u),  u = 1 / (keys the query may see).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, command } from './helpers/harness.mjs';

let server, browser, page, context, problems;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ context, page, problems } = await openPage(browser, server.url));
  // The lesson holds the weights back until the learner guesses (js/predict.js,
  // tests/e2e/predict.test.mjs): press "Show me the answer" in both places, as a
  // learner may, so every sentence that names a word is on show.
  await page.locator('[data-predict="flow"] [data-predict-skip]').click();
  await command(page, { cmd: 'show', figure: 'walkthrough' });
  await command(page, { cmd: 'set', figure: 'walkthrough', step: 6 });
  await page.locator('[data-predict="walkthrough"] [data-predict-skip]').click();
  await command(page, { cmd: 'set', figure: 'walkthrough', step: 1 });
});
after(async () => { await context?.close(); await browser?.close(); await server?.close(); });

const FRACTION = 0.2;
const quote = (word) => `\u201c${word}\u201d`;

// The selected row of the figure's shown head, recomputed by m.explain with the
// figure's own settings.
async function truthOf(figure) {
  return page.evaluate((figureId) => {
    const state = JSON.parse(JSON.stringify(window.lessonDebug.command({ cmd: 'state', figure: figureId })));
    const s = state.settings;
    const request = s.model === 'trained' ?
      { sentence: s.sentence, model: 'trained', max_tokens: s.max_tokens, stages: false } :
      { sentence: s.sentence, heads: s.heads, d_model: s.d_model, positional: s.positional, causal: s.causal,
        scale: s.scale, temperature: s.temperature, seed: s.seed, max_tokens: s.max_tokens, stages: false };
    const trace = JSON.parse(window.Lesson.figure.module().explain(JSON.stringify(request)));
    return { state, tokens: trace.tokens, row: trace.heads[s.head].weights[state.selected],
             causal: s.model === 'trained' || s.causal };
  }, figure);
}

function judge({ state, tokens, row, causal }) {
  const q = state.selected;
  const visible = causal ? q + 1 : row.length;
  let best = 0;
  for (let j = 1; j < visible; j++) if (row[j] > row[best]) best = j;
  const even = 1 / visible;
  const threshold = even + FRACTION * (1 - even);
  return {
    query: tokens[q], self: best === q, word: tokens[best], percent: Math.round(row[best] * 100),
    decisive: row[best] >= threshold, borderline: Math.abs(row[best] - threshold) < 1e-5,
    evenPercent: Math.round(even * 100),
  };
}

// One sentence against the truth: a decisive row's sentence names its argmax (or
// says the word keeps it on itself) with the argmax's rounded weight; a flat row's
// sentence says it is flat and never calls anything a largest share or a best match.
function check(text, truth, where) {
  assert.ok(text && text.trim(), `${where}: there is a sentence`);
  if (truth.borderline) return;
  if (truth.decisive) {
    assert.ok(!/\bflat\b/.test(text), `${where}: a decisive row is not called flat: "${text}"`);
    assert.ok(text.includes(`${truth.percent}%`), `${where}: names the argmax's weight ${truth.percent}%: "${text}"`);
    if (truth.self) assert.ok(/itself|its own/.test(text), `${where}: says the word keeps the most on itself: "${text}"`);
    else assert.ok(text.includes(quote(truth.word)), `${where}: names the argmax ${quote(truth.word)}: "${text}"`);
  } else {
    assert.ok(/\bflat\b/.test(text), `${where}: a flat row is called flat: "${text}"`);
    assert.ok(!/largest|most|best/i.test(text), `${where}: a flat row names no largest share: "${text}"`);
    assert.ok(text.includes(`${truth.evenPercent}%`), `${where}: quotes the even share ${truth.evenPercent}%: "${text}"`);
  }
}

const text = (selector) => page.locator(selector).first().textContent();
const headCount = (section) => page.locator(`#${section} select.head-select option`).count();

test('walkthrough: every preset, on every head and every step, says what its row says', async () => {
  await command(page, { cmd: 'show', figure: 'walkthrough' });
  const presets = page.locator('#walkthrough button.preset');
  const count = await presets.count();
  assert.ok(count >= 5, `the page has presets (${count})`);
  for (let i = 0; i < count; i++) {
    const preset = presets.nth(i);
    const label = (await preset.textContent()).trim();
    await preset.click();
    // The preset's own promise: its head, its query word, decisive, on the promised word.
    const truth = judge(await truthOf('walkthrough'));
    const state = (await truthOf('walkthrough')).state;
    assert.equal(state.head_names[state.settings.head], await preset.getAttribute('data-head'), `${label}: its head`);
    assert.equal(truth.query.toLowerCase(), (await preset.getAttribute('data-query')).toLowerCase(), `${label}: its query`);
    assert.ok(truth.decisive, `${label}: the row is decisive`);
    assert.equal(truth.word, await preset.getAttribute('data-expect'), `${label}: lands on the promised word`);
    assert.notEqual(state.settings.positional, 'none', `${label}: positions are on`);
    const heads = await headCount('walkthrough');
    assert.equal(heads, state.head_names.length, `${label}: the head list has every head`);
    for (let h = 0; h < heads; h++) {
      await page.locator('#walkthrough select.head-select').selectOption(String(h));
      const t = judge(await truthOf('walkthrough'));
      const where = `${label}, head ${h}`;
      check(await text('#walkthrough [data-step="6"] [data-claim="walkthrough"]'), t, `${where}, step 6 prose`);
      check(await text('#walkthrough [data-step="7"] [data-claim="walkthrough"]'), t, `${where}, step 7 prose`);
      for (let step = 1; step <= 8; step++) {
        await command(page, { cmd: 'set', figure: 'walkthrough', step });
        check(await text('#figure-description'), t, `${where}, step ${step} caption`);
      }
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('walkthrough: a shared link carries the head', async () => {
  const state = await command(page, { cmd: 'set', figure: 'walkthrough', head: 1 });
  assert.equal(state.settings.head, 1);
  const link = await page.evaluate(() => window.Lesson.hashstate.link());
  assert.match(link, /[#&]head=1(&|$)/);
});

test('flow: every word on every head, caption and figure description', async () => {
  await command(page, { cmd: 'show', figure: 'flow' });
  const first = await command(page, { cmd: 'state', figure: 'flow' });
  for (let h = 0; h < first.head_names.length; h++) {
    for (let w = 0; w < first.tokens.length; w++) {
      await command(page, { cmd: 'set', figure: 'flow', head: h, selected: w });
      const t = judge(await truthOf('flow'));
      const where = `flow, head ${first.head_names[h]}, word ${first.tokens[w]}`;
      check(await text('#flow-caption'), t, `${where}, caption`);
      check(await text('#figure-description'), t, `${where}, description`);
    }
  }
});

test('flow: the sentence about the head follows the head shown', async () => {
  const roles = { coreference: /pronouns/, sense: /sense/, previous: /just before/, random: /untrained.*seed/ };
  await command(page, { cmd: 'set', figure: 'flow', heads: 4 });
  const state = await command(page, { cmd: 'state', figure: 'flow' });
  for (let h = 0; h < state.head_names.length; h++) {
    await command(page, { cmd: 'set', figure: 'flow', head: h });
    const role = state.head_names[h].startsWith('random') ? 'random' : state.head_names[h];
    assert.match(await text('[data-head-role="flow"]'), roles[role], `head ${state.head_names[h]}`);
  }
  await command(page, { cmd: 'set', figure: 'flow', heads: 3, head: 0 });
});

test('analogy and formula: the match, the blend and the softmax sentence on every word', async () => {
  const first = await command(page, { cmd: 'state', figure: 'analogy' });
  for (let w = 0; w < first.tokens.length; w++) {
    await command(page, { cmd: 'set', figure: 'analogy', selected: w });
    await command(page, { cmd: 'set', figure: 'formula', selected: w });
    const t = judge(await truthOf('analogy'));
    check(await text('[data-claim="analogy"][data-claim-kind="match"]'), t, `analogy step 2, word ${w}`);
    check(await text('[data-claim="analogy"][data-claim-kind="blend"]'), t, `analogy step 3, word ${w}`);
    const f = judge(await truthOf('formula'));
    const softmax = await text('[data-claim="formula"][data-claim-kind="softmax"]');
    if (f.decisive && !f.borderline) {
      assert.ok(softmax.includes(`${quote(f.word)} ${f.percent}%`), `formula, word ${w}: "${softmax}"`);
    } else if (!f.borderline) {
      check(softmax, f, `formula, word ${w}`);
    }
  }
  await command(page, { cmd: 'show', figure: 'analogy' });
  for (const step of [2, 3]) {
    await command(page, { cmd: 'set', figure: 'analogy', analogy_step: step, selected: 4 });
    check(await text('#figure-description'), judge(await truthOf('analogy')), `analogy step ${step} caption`);
  }
});

test('playground: the caption follows the rule on every head', async () => {
  await command(page, { cmd: 'show', figure: 'playground' });
  const state = await command(page, { cmd: 'set', figure: 'playground', sentence: 'She sat on the bank of the river', heads: 4 });
  for (let h = 0; h < state.head_names.length; h++) {
    await command(page, { cmd: 'set', figure: 'playground', head: h, selected: 4 });
    check(await text('#figure-description'), judge(await truthOf('playground')), `playground head ${h}`);
  }
});

test('trained heads: the sentence under the table follows the rule on every head and word', async () => {
  await page.evaluate(() => window.Lesson.trained.choose('trained'));
  const ready = async () => (await command(page, { cmd: 'state', figure: 'playground' })).settings.model === 'trained';
  for (let i = 0; i < 100 && !(await ready()); i++) await page.waitForTimeout(100);
  const state = await command(page, { cmd: 'set', figure: 'playground', sentence: 'the cat sat on the mat' });
  assert.equal(state.settings.model, 'trained');
  for (let h = 0; h < state.head_names.length; h++) {
    for (let w = 0; w < state.tokens.length; w++) {
      await command(page, { cmd: 'set', figure: 'playground', head: h, selected: w });
      const t = judge(await truthOf('playground'));
      check(await text('#playground [data-trained-claim]'), t, `trained ${state.head_names[h]}, word ${w}`);
    }
  }
  await page.evaluate(() => window.Lesson.trained.choose('designed'));
});
