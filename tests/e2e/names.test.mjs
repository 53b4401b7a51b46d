// Names a learner types (issue 14, part 2): the first visit does not download the
// full list of first names; typing a sentence of one's own loads it once
// (names/first_names.js); a name only the full list has then reads with its
// gender, the pronoun's coreference row picks it over a name of unknown gender and
// one of the other gender (read from the module's own explain answer, not from
// pixels), and the note names the capitalised word the model reads as a name of
// unknown gender. A shared link carrying its own sentence loads the list too.
//
// ATTN_DIST_DIR serves another folder than dist/ (a helper's own build, say).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, openPage, waitReady, figureState, eventually, repoRoot } from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(process.env.ATTN_DIST_DIR || undefined); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
const full = readJson('lessons/names/first_names.json');
const starter = readJson('lessons/first_names_starter.json');
// A female name the page cannot know before it loads the full list.
const onlyFull = full.female.find((n) => !starter.female.includes(n) && /^[a-z]{5,}$/.test(n) && n !== 'zorbla');
const NAME = onlyFull[0].toUpperCase() + onlyFull.slice(1);
const MADE_UP = 'Zorbla';   // in neither dataset nor the lexicon
const SENTENCE = `Yesterday ${NAME} met Bob and ${MADE_UP}, and then she smiled`;

const namesScripts = (page) => page.evaluate(() => document.querySelectorAll('script[src="names/first_names.js"]').length);

test('names: typing a sentence loads the full list once; the pronoun picks the name of its gender', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const requested = [];
  page.on('request', (req) => { if (req.url().includes('first_names')) requested.push(req.url()); });
  try {
    await waitReady(page);
    assert.equal(await namesScripts(page), 0, 'the first visit does not load the full list');
    assert.deepEqual(requested, []);

    await page.locator('#walkthrough button.show-figure').first().click();
    await eventually(async () => (await figureState(page)).figure === 'walkthrough');
    const input = page.locator('form[data-form-figure="walkthrough"] input[name="sentence"]');
    await input.fill(SENTENCE);
    await page.locator('form[data-form-figure="walkthrough"] button[type="submit"]').click();

    const state = await eventually(async () => {
      const s = await figureState(page);
      return s.settings.sentence === SENTENCE && s.name_gender[s.tokens.indexOf(NAME)] === 'female' ? s : null;
    }, 20000);
    assert.ok(state, `${NAME} is read as a female name once the list has loaded`);
    assert.equal(state.name_gender[state.tokens.indexOf('Bob')], 'male');
    assert.equal(state.name_gender[state.tokens.indexOf(MADE_UP)], 'unknown');
    assert.equal(await namesScripts(page), 1);

    // The module's own weights for the coreference head's row of "she".
    const row = await page.evaluate((sentence) => {
      const answer = JSON.parse(window.Lesson.figure.module().explain(JSON.stringify({ sentence, stages: false })));
      return { tokens: answer.tokens, row: answer.heads[0].weights[answer.tokens.indexOf('she')], head: answer.heads[0].name };
    }, SENTENCE);
    assert.equal(row.head, 'coreference');
    const weightOf = (word) => row.row[row.tokens.indexOf(word)];
    const candidates = [NAME, 'Bob', MADE_UP].sort((a, b) => weightOf(b) - weightOf(a));
    assert.deepEqual(candidates, [NAME, MADE_UP, 'Bob'], `she's weights: ${candidates.map(weightOf)}`);

    const note = page.locator('[data-unknown-note="walkthrough"]');
    await eventually(async () => /read as a name whose gender the demo model does not know/.test(await note.textContent()));
    const text = await note.textContent();
    assert.ok(text.includes(`\u201c${MADE_UP}\u201d is read as a name whose gender the demo model does not know`), text);
    assert.ok(!text.includes(`\u201c${NAME}\u201d`), `the note does not list ${NAME}: ${text}`);
    assert.ok(await note.isVisible());

    // A second sentence does not load the list again.
    await input.fill(`${NAME} and Bob waved`);
    await page.locator('form[data-form-figure="walkthrough"] button[type="submit"]').click();
    await eventually(async () => (await figureState(page)).settings.sentence === `${NAME} and Bob waved`);
    assert.equal(await namesScripts(page), 1);
    assert.equal(requested.length, 1, requested.join(', '));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('names: a shared link with its own sentence loads the full list', async () => {
  const sentence = `Later ${NAME} thanked Bob because she was glad`;
  const { context, page, problems } = await openPage(browser, `${server.url}#section=walkthrough&sentence=${encodeURIComponent(sentence)}`);
  try {
    await waitReady(page);
    const state = await eventually(async () => {
      const s = await page.evaluate(() => window.Lesson.figure.state('walkthrough'));
      return s && s.settings.sentence === sentence && s.name_gender[s.tokens.indexOf(NAME)] === 'female' ? s : null;
    }, 20000);
    assert.ok(state, 'the linked sentence is read with the full list');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
