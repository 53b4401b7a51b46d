// Shareable links: the URL hash restores the section, the walkthrough's sentence, head,
// step and selected word, and the playground's settings; a link made from a changed state
// reopens to that state; hostile text in the hash is only ever text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, VIEWPORTS, command, figureState, eventually } from './helpers/harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const stateOf = (page, figure) => command(page, { cmd: 'state', figure });
const currentSection = (page) => page.evaluate(() => document.querySelector('section.is-current')?.id ?? null);

test('hash: a link restores section, sentence, head, step, selected word and playground settings', async () => {
  const walkSentence = 'The dog chased the cat because it was fast.';
  const playSentence = 'Bob thanked Alice because she helped.';
  const hash = new URLSearchParams({
    section: 'playground', sentence: walkSentence, head: '2', selected: '6', step: '6',
    'p.sentence': playSentence, 'p.heads': '4', 'p.positional': 'rotary', 'p.causal': '1',
    'p.temperature': '2', 'p.seed': '7', 'p.selected': '4',
  }).toString();
  const { context, page, problems } = await openPage(browser, `${server.url}#${hash}`, VIEWPORTS.desktop);
  try {
    const walk = await stateOf(page, 'walkthrough');
    assert.equal(walk.settings.sentence, walkSentence);
    assert.equal(walk.settings.step, 6);
    assert.equal(walk.head_names[walk.settings.head], 'previous', 'the head from the link (index 2)');
    assert.equal(await page.inputValue('#walkthrough select.head-select'), '2', 'the head list shows it');
    assert.equal(walk.tokens[walk.selected], 'it', 'the selected word is "it" (token 6)');

    const play = await stateOf(page, 'playground');
    assert.equal(play.settings.sentence, playSentence);
    assert.equal(play.settings.heads, 4);
    assert.equal(play.head_names.length, 4);
    assert.equal(play.settings.positional, 'rotary');
    assert.equal(play.settings.causal, true);
    assert.equal(play.settings.temperature, 2);
    assert.equal(play.settings.seed, 7);
    assert.equal(play.tokens[play.selected], 'she', 'the playground selects "she" (token 4)');

    assert.equal((await figureState(page)).figure, 'playground', 'the canvas shows the linked section\'s figure');
    assert.equal(await currentSection(page), 'playground');
    assert.equal(await page.inputValue('form[data-form-figure="walkthrough"] input[name="sentence"]'), walkSentence);
    assert.equal(await page.inputValue('form[data-form-figure="playground"] input[name="sentence"]'), playSentence);
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('hash: a link can open the playground on the trained heads, and choosing them writes it', async () => {
  const sentence = 'the cat sat on the mat';
  const hash = new URLSearchParams({ section: 'playground', 'p.sentence': sentence, 'p.model': 'trained' }).toString();
  const { context, page, problems } = await openPage(browser, `${server.url}#${hash}`, VIEWPORTS.desktop);
  try {
    const play = await eventually(async () => {
      const s = await stateOf(page, 'playground');
      return s.settings.model === 'trained' ? s : null;
    });
    assert.ok(play, 'the trained heads were chosen from the link');
    assert.equal(play.settings.sentence, sentence);
    assert.equal(play.head_names[0], 'L0H0');
    assert.ok(await page.locator('#playground input[data-trained-choice][value="trained"]').isChecked());
    // Back to the designed heads: the link forgets the model.
    await page.locator('#playground input[data-trained-choice][value="designed"]').check();
    const designedLink = await eventually(async () => {
      const href = await page.evaluate(() => window.location.href);
      const s = await stateOf(page, 'playground');
      return s.settings.model !== 'trained' && !new URLSearchParams(href.split('#')[1] || '').has('p.model') && href;
    });
    assert.ok(designedLink, 'the hash drops p.model once the designed heads are back');
    await page.locator('#playground input[data-trained-choice][value="trained"]').check();
    const trainedLink = await eventually(async () => {
      const href = await page.evaluate(() => window.location.href);
      return new URLSearchParams(href.split('#')[1] || '').get('p.model') === 'trained' && href;
    });
    assert.ok(trainedLink, 'choosing the trained heads writes p.model=trained');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('hash: a changed state is written to the hash, and that link reopens it', async () => {
  const { context, page } = await openPage(browser, `${server.url}#section=playground`, VIEWPORTS.desktop);
  let link;
  try {
    await command(page, { cmd: 'set', figure: 'playground', sentence: 'Cats chase mice at night.', heads: 5, seed: 11 });
    await command(page, { cmd: 'select', token: 1 });
    link = await eventually(async () => {
      const href = await page.evaluate(() => window.location.href);
      const p = new URLSearchParams(href.split('#')[1] || '');
      return p.get('p.heads') === '5' && p.get('p.selected') === '1' && href;
    });
    assert.ok(link, `the hash follows the playground: ${await page.evaluate(() => window.location.hash)}`);
  } finally {
    await context.close();
  }
  const again = await openPage(browser, link, VIEWPORTS.desktop);
  try {
    const play = await stateOf(again.page, 'playground');
    assert.equal(play.settings.sentence, 'Cats chase mice at night.');
    assert.equal(play.settings.heads, 5);
    assert.equal(play.settings.seed, 11);
    assert.equal(play.tokens[play.selected], 'chase');
  } finally {
    await again.context.close();
  }
});

test('hash: hostile text in the link is shown as text and never run', async () => {
  const hostile = '<img src=x onerror=window.__pwned=1>';
  const hostile2 = '"><script>window.__pwned=2</script><svg onload=window.__pwned=3>';
  const hash = new URLSearchParams({
    section: '<img src=x onerror=window.__pwned=4>', sentence: hostile, 'p.sentence': hostile2,
    'p.positional': '<b>bold</b>', 'p.heads': 'javascript:alert(1)',
  }).toString();
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  const requested = [];
  const errors = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  try {
    await page.goto(`${server.url}#${hash}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.lessonReady);
    await page.waitForTimeout(500);  // time for any handler that would fire to fire
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected code ran');
    assert.equal(await page.locator('img[src="x"], script:not([src]), svg[onload]').count(), 0, 'no injected element');
    assert.ok(!requested.includes('/x'), 'the injected image was never requested');

    const walk = await stateOf(page, 'walkthrough');
    assert.equal(walk.settings.sentence, hostile, 'the sentence is the text itself');
    assert.ok(walk.tokens.includes('img'), `tokenised as words: ${walk.tokens.join(' ')}`);
    assert.equal(await page.inputValue('form[data-form-figure="walkthrough"] input[name="sentence"]'), hostile);
    const play = await stateOf(page, 'playground');
    assert.equal(play.settings.sentence, hostile2);
    assert.notEqual(play.settings.positional, '<b>bold</b>', 'an unknown setting value is refused');
    assert.equal(await page.locator('[data-link-message] *').count(), 0, 'messages hold text only');
    assert.notEqual(await currentSection(page), null, 'an unknown section falls back to a real one');
    assert.deepEqual(errors, [], errors.join('\n'));
  } finally {
    await context.close();
  }
});
