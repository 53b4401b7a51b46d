// Every section's figure: reachable with its "show me" button and by scrolling to it,
// drawn on the canvas, and reported by the module; a screenshot of each section is kept.
// The controls of each section change its figure's state, and the walkthrough's presets
// change the figure and the facts the prose quotes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openPage, VIEWPORTS, SECTIONS, figureState, command, settle, eventually,
  canvasSnapshot, assertNotBlank, saveArtifact,
} from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('sections: the page has its sections in order, each naming its figure', async () => {
  const { context, page } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const found = await page.$$eval('section[id][data-figure]', (all) => all.map((s) => [s.id, s.dataset.figure]));
    assert.deepEqual(found, SECTIONS);
    for (const [id] of SECTIONS) {
      assert.equal(await page.locator(`#${id} h2`).count(), 1, `#${id} has one h2`);
      assert.ok(await page.locator(`#${id} button.show-figure`).count() >= 1, `#${id} has a show-me button`);
    }
  } finally {
    await context.close();
  }
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`sections (${name}): each show-me button shows its figure, drawn and reported`, async () => {
    const { context, page, problems } = await openPage(browser, server.url, viewport);
    try {
      for (const [id, figure] of SECTIONS) {
        const button = page.locator(`#${id} button.show-figure`).first();
        await button.scrollIntoViewIfNeeded();
        await button.click();
        const state = await eventually(async () => { const s = await figureState(page); return s.figure === figure && s; });
        assert.ok(state, `#${id}: the module reports figure "${figure}", not "${(await figureState(page)).figure}"`);
        assert.equal(state.error || '', '', `#${id}: ${state.error}`);
        const snap = await canvasSnapshot(page);
        saveArtifact(`section-${name}-${id}-canvas.png`, snap.png);
        assertNotBlank(assert, snap, `#${id} (${figure})`);
        // The section with the canvas beside or above it, as the learner sees it.
        await page.locator(`#${id} h2`).scrollIntoViewIfNeeded();
        await settle(page);
        saveArtifact(`section-${name}-${id}.png`, await page.screenshot());
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('sections: scrolling to a section switches the figure to it', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    for (const [id, figure] of SECTIONS) {
      await page.evaluate((sid) => document.getElementById(sid).scrollIntoView({ block: 'start' }), id);
      const shown = await eventually(async () => (await figureState(page)).figure === figure);
      assert.ok(shown, `scrolled to #${id}: figure is "${(await figureState(page)).figure}", expected "${figure}"`);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('sections: numbers in the prose come from the core', async () => {
  const { context, page } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    const facts = await page.$$eval('[data-fact]', (all) => all.map((e) => [e.dataset.fact, e.textContent.trim()]));
    assert.ok(facts.length >= 5, `only ${facts.length} data-fact elements`);
    // Facts of figures not yet shown may fill in when their section is reached.
    for (const [id] of SECTIONS) {
      await page.locator(`#${id} button.show-figure`).first().click();
      await settle(page);
    }
    const empty = await page.$$eval('[data-fact]', (all) =>
      all.filter((e) => e.textContent.trim() === '').map((e) => e.dataset.fact));
    assert.deepEqual(empty, [], `facts left empty: ${empty.join(', ')}`);
  } finally {
    await context.close();
  }
});

// Changes one control to another value, the way a learner would; returns a description
// of what was done, or null when the control offers no other value.
async function changeControl(page, control) {
  const info = await control.evaluate((el) => ({
    tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(), value: el.value,
    checked: el.checked, min: el.min, max: el.max, step: el.step,
    options: el.tagName === 'SELECT' ? [...el.options].filter((o) => !o.disabled).map((o) => o.value) : [],
  }));
  await control.scrollIntoViewIfNeeded();
  if (info.tag === 'select') {
    const other = info.options.find((v) => v !== info.value);
    if (other === undefined) return null;
    await control.selectOption(other);
    return `select -> ${other}`;
  }
  if (info.type === 'checkbox') { await control.click(); return `checkbox -> ${!info.checked}`; }
  if (info.type === 'radio') { if (info.checked) return null; await control.check(); return 'radio'; }
  if (info.type === 'range' || info.type === 'number') {
    const min = Number(info.min || 0), max = Number(info.max || 100), v = Number(info.value);
    const step = Number(info.step) || 1;
    const target = v + step <= max ? v + step : Math.max(min, v - step);
    if (target === v) return null;
    await control.fill(String(target));
    await control.dispatchEvent('change');
    return `${info.type} ${v} -> ${target}`;
  }
  if (info.tag === 'textarea' || info.type === 'text' || info.type === '') {
    await control.fill('The river bank was muddy after the rain');
    await control.press('Enter');
    return 'text';
  }
  if (info.tag === 'button') {
    if (await control.getAttribute('aria-pressed') === 'true') return null;
    await control.click();
    return 'button';
  }
  return null;
}

for (const sectionId of ['opening', 'why', 'formula', 'analogy', 'walkthrough', 'production', 'playground']) {
  test(`controls (${sectionId}): every control changes its figure's state`, async () => {
    const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
    try {
      const figure = SECTIONS.find(([id]) => id === sectionId)[1];
      await page.locator(`#${sectionId} button.show-figure`).first().click();
      await eventually(async () => (await figureState(page)).figure === figure);
      const controls = page.locator(`#${sectionId} [data-figure-setting]`);
      const count = await controls.count();
      if (['walkthrough', 'playground'].includes(sectionId)) assert.ok(count >= 2, `#${sectionId} has controls`);
      const unchanged = [];
      for (let i = 0; i < count; i++) {
        const control = controls.nth(i);
        if (!(await control.isVisible())) continue;
        const setting = await control.getAttribute('data-figure-setting');
        const before = JSON.stringify(await figureState(page));
        const did = await changeControl(page, control);
        if (!did) continue;
        const changed = await eventually(async () => JSON.stringify(await figureState(page)) !== before, 4000);
        if (!changed) unchanged.push(`${setting} (${did})`);
        const s = await figureState(page);
        assert.equal(s.figure, figure, `changing ${setting} keeps figure "${figure}"`);
      }
      assert.deepEqual(unchanged, [], `controls that changed nothing: ${unchanged.join(', ')}`);
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });
}

// controls.js relabels the head and word lists in place rather than rebuilding them:
// after each change they must still list exactly what the module reports.
test('playground: the head and word lists follow the heads and the sentence', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await page.locator('#playground button.show-figure').first().click();
    await eventually(async () => (await figureState(page)).figure === 'playground');
    const listed = (selector) => page.locator(`#playground select.${selector}`).evaluate((select) => ({
      options: Array.from(select.options, (o) => [o.value, o.textContent]),
      value: select.value,
    }));
    const expected = (names) => names.map((name, i) => [String(i), `${i + 1}. ${name}`]);
    for (const [heads, head] of [[8, 6], [2, 1], [4, 3], [1, 0]]) {
      const state = await command(page, { cmd: 'set', figure: 'playground', heads, head });
      assert.equal(state.head_names.length, heads, `the module reports ${heads} heads`);
      assert.deepEqual(await listed('head-select'), { options: expected(state.head_names), value: String(head) },
                       `head list for ${heads} heads`);
    }
    for (const sentence of ['the cat sat on the mat because it was tired', 'dogs bark', 'the bank by the river']) {
      const state = await command(page, { cmd: 'set', figure: 'playground', sentence, selected: 1 });
      assert.deepEqual(await listed('token-select'), { options: expected(state.tokens), value: '1' },
                       `word list for "${sentence}"`);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('why: the distance slider stops at the sentence, and label, caption and figure count alike', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await page.locator('#why button.show-figure').first().click();
    await eventually(async () => (await figureState(page)).figure === 'rnn');
    const slider = page.locator('#why input[data-figure-setting="rnn_distance"]');
    const read = () => page.evaluate(() => ({
      label: document.querySelector('#why output[data-fact="rnn.distance"]').textContent.trim(),
      caption: document.querySelector('#why .caption [data-fact="rnn.distance"]').textContent.trim(),
      between: document.querySelector('#why .caption [data-fact="rnn.words_between"]').textContent.trim(),
    }));
    for (const wanted of [1, 3, 30]) {
      const state = await command(page, { cmd: 'set', figure: 'rnn', rnn_distance: wanted });
      // The figure draws tokens[0] .. tokens[distance]: the last word is tokens.length - 1 steps on.
      const farthest = state.tokens.length - 1;
      const drawn = Math.min(wanted, farthest);
      assert.equal(state.facts.distance, drawn, `asked for ${wanted}`);
      assert.equal(await eventually(async () => (await slider.getAttribute('max')) === String(farthest)), true,
                   `the slider's maximum is the sentence's last word (${farthest})`);
      const shown = await eventually(async () => { const t = await read(); return t.label === String(drawn) && t; });
      assert.deepEqual(shown, { label: String(drawn), caption: String(drawn), between: String(drawn - 1) },
                       `label, caption and words between for distance ${drawn}`);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('walkthrough: each preset changes the sentence, the figure and the facts', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await page.locator('#walkthrough button.show-figure').first().click();
    await eventually(async () => (await figureState(page)).figure === 'walkthrough');
    const presets = page.locator('#walkthrough button.preset');
    const count = await presets.count();
    assert.ok(count >= 4, `at least four presets, found ${count}`);
    let previous = await figureState(page);
    let previousPng = (await canvasSnapshot(page)).png;
    const sortedTokens = (s) => JSON.stringify([...s.tokens].sort());
    for (let i = 0; i < count; i++) {
      const preset = presets.nth(i);
      const label = (await preset.textContent()).trim();
      const sentence = await preset.getAttribute('data-sentence');
      await preset.scrollIntoViewIfNeeded();
      await preset.click();
      const state = await eventually(async () => {
        const s = await figureState(page);
        return s.settings?.sentence === sentence && s;
      });
      assert.ok(state, `preset "${label}" set the walkthrough's sentence`);
      assert.equal(state.figure, 'walkthrough');
      const query = await preset.getAttribute('data-query');
      if (query) assert.equal(state.tokens[state.selected], query, `preset "${label}" selects "${query}"`);
      if (JSON.stringify(state.tokens) !== JSON.stringify(previous.tokens)) {
        // The two word orders share their words, so only their facts may coincide.
        if (sortedTokens(state) !== sortedTokens(previous)) {
          assert.notDeepEqual(state.facts, previous.facts, `preset "${label}" changed the facts`);
        }
        const snap = await canvasSnapshot(page);
        assert.ok(!snap.png.equals(previousPng), `preset "${label}" changed the drawing`);
        saveArtifact(`walkthrough-preset-${i + 1}.png`, snap.png);
        previousPng = snap.png;
      }
      previous = state;
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('walkthrough: Next and Previous walk through the eight steps, each drawn', async () => {
  const { context, page, problems } = await openPage(browser, server.url, VIEWPORTS.desktop);
  try {
    await page.locator('#walkthrough button.show-figure').first().click();
    await eventually(async () => (await figureState(page)).figure === 'walkthrough');
    const next = page.locator('#walkthrough [data-step-delta="1"]');
    const previous = page.locator('#walkthrough [data-step-delta="-1"]');
    const step = async () => (await figureState(page)).settings?.step;
    // Start from step 1 whatever a previous visit left.
    for (let i = 0; i < 8 && (await step()) !== 1; i++) await previous.click();
    assert.equal(await step(), 1, 'the walkthrough starts at step 1');
    let lastPng = (await canvasSnapshot(page)).png;
    saveArtifact('walkthrough-step-1.png', lastPng);
    for (let expected = 2; expected <= 8; expected++) {
      await next.click();
      assert.ok(await eventually(async () => (await step()) === expected), `Next reaches step ${expected}`);
      const snap = await canvasSnapshot(page);
      assertNotBlank(assert, snap, `walkthrough step ${expected}`);
      assert.ok(!snap.png.equals(lastPng), `step ${expected} draws something new`);
      saveArtifact(`walkthrough-step-${expected}.png`, snap.png);
      lastPng = snap.png;
    }
    // At the last step Next says it is unavailable but keeps the focus (a disabled
    // button would drop it to the page), and pressing it again changes nothing.
    assert.equal(await next.getAttribute('aria-disabled'), 'true', 'Next is marked unavailable at step 8');
    assert.ok(await next.evaluate((el) => el === document.activeElement), 'Next keeps the focus at step 8');
    await next.press('Enter');
    assert.equal(await step(), 8, 'Next at step 8 stays at step 8');
    await previous.click();
    assert.ok(await eventually(async () => (await step()) === 7), 'Previous goes back a step');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});
