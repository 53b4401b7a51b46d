// SCORM: the packages from scripts/package.sh --scorm12 / --scorm2004 run inside a parent
// page where scorm-again plays the LMS runtime (window.API or window.API_1484_11). The
// score and status it records follow the quizzes answered and the sections read, the
// session ends on pagehide, and a second launch given the first one's suspend data
// resumes with the answers restored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, launchBrowser, VIEWPORTS, eventually } from './helpers/harness.mjs';
import { serve, packageInto, quizAnswers, answerQuiz, visitAllSections, readyValue } from './helpers/ship.mjs';

const scormAgain = path.join(repoRoot, 'node_modules', 'scorm-again', 'dist');

// The LMS: a page that builds the runtime, optionally loaded with an earlier attempt's
// data, exposes it where a SCO looks for it, and frames the SCO's launch URL.
const LMS_HTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script src="/scorm-again/scorm12.js"></script>
<script src="/scorm-again/scorm2004.js"></script>
<script src="/lms.js"></script></head><body><div id="slot"></div></body></html>`;
const LMS_JS = `
window.lmsLog = [];
window.lmsSets = {};   // the last value the SCO set for each element, write-only ones included
window.lmsErrors = [];
window.launch = function (version, prior, href) {
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 4,
    onLogMessage: function (level, message) { window.lmsErrors.push(String(message)); } };
  var api = version === "12" ? new Scorm12API(settings) : new Scorm2004API(settings);
  if (prior) api.loadFromJSON(prior, "");
  ["LMSInitialize", "LMSCommit", "LMSFinish", "Initialize", "Commit", "Terminate"].forEach(function (name) {
    api.on(name, function () { window.lmsLog.push(name); });
  });
  ["LMSSetValue", "SetValue"].forEach(function (name) {
    api.on(name, function (element, value) { window.lmsSets[element] = value; });
  });
  if (version === "12") window.API = api; else window.API_1484_11 = api;
  window.lmsApi = api;
  var frame = document.createElement("iframe");
  frame.id = "sco"; frame.width = "1100"; frame.height = "850"; frame.src = href;
  document.getElementById("slot").appendChild(frame);
};
// Reads the runtime's record directly, so it works after Terminate too.
window.lmsValue = function (element) {
  return element.split(".").slice(1).reduce(function (node, key) { return node == null ? node : node[key]; }, window.lmsApi.cmi);
};`;

const VERSIONS = {
  12: {
    zip: 'attention-lesson-scorm12',
    value: { score: 'cmi.core.score.raw', min: 'cmi.core.score.min', max: 'cmi.core.score.max',
      location: 'cmi.core.lesson_location', suspend: 'cmi.suspend_data', time: 'cmi.core.session_time' },
    init: 'LMSInitialize', commit: 'LMSCommit', finish: 'LMSFinish',
  },
  2004: {
    zip: 'attention-lesson-scorm2004',
    value: { score: 'cmi.score.raw', min: 'cmi.score.min', max: 'cmi.score.max', scaled: 'cmi.score.scaled',
      location: 'cmi.location', suspend: 'cmi.suspend_data', time: 'cmi.session_time' },
    init: 'Initialize', commit: 'Commit', finish: 'Terminate',
  },
};

let pack, server, browser, answers;
before(async () => {
  pack = packageInto(['--scorm12', '--scorm2004']);
  const pages = { '/lms.html': { body: LMS_HTML }, '/lms.js': { body: LMS_JS, type: 'text/javascript' } };
  for (const file of ['scorm12.js', 'scorm2004.js']) {
    pages[`/scorm-again/${file}`] = { body: fs.readFileSync(path.join(scormAgain, file)), type: 'text/javascript' };
  }
  server = await serve({ root: pack.dir, pages });
  browser = await launchBrowser();
  answers = await quizAnswers();
});
after(async () => { await browser?.close(); await server?.close(); pack?.remove(); });

// The launch URL the manifest names: the SCO resource's href plus the item's parameters.
function launchHref(version) {
  const manifest = fs.readFileSync(path.join(pack.sites[VERSIONS[version].zip], 'imsmanifest.xml'), 'utf8');
  const href = manifest.match(/<resource[^>]*\bhref="([^"]+)"/)[1];
  const params = manifest.match(/<item[^>]*\bparameters="([^"]+)"/)?.[1] ?? '';
  return `/unzipped-${VERSIONS[version].zip}/${href}${params}`;
}

async function launch(version, prior) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 950 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  await page.goto(`${server.url}lms.html`, { waitUntil: 'load' });
  await page.evaluate(([v, p, href]) => window.launch(v, p, href), [String(version), prior, launchHref(version)]);
  const frame = await eventually(() => page.frames().find((f) => f.url().includes('/index.html')), 10000);
  assert.ok(frame, 'the SCO is framed');
  assert.equal(await readyValue(frame), '1', 'the lesson runs inside the LMS frame');
  const lms = (element) => page.evaluate((e) => window.lmsValue(e), element);
  const log = () => page.evaluate(() => window.lmsLog.slice());
  return { context, page, frame, problems, lms, log };
}

test('scorm: both packages have imsmanifest.xml at the root, one SCO and every file listed, the licences too', () => {
  for (const { zip } of Object.values(VERSIONS)) {
    const listing = execFileSync('unzip', ['-Z1', pack.zips[zip]], { encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.ok(listing.includes('imsmanifest.xml'), `${zip}: imsmanifest.xml at the root`);
    assert.ok(listing.includes('index.html') && listing.includes('attention.js'), `${zip}: the site at the root`);
    const manifestPath = path.join(pack.sites[zip], 'imsmanifest.xml');
    execFileSync('xmllint', ['--noout', manifestPath]);
    const manifest = fs.readFileSync(manifestPath, 'utf8');
    assert.equal(manifest.match(/scorm[tT]ype="sco"/g)?.length, 1, `${zip}: exactly one SCO`);
    const listed = [...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]).sort();
    const files = listing.filter((f) => !f.endsWith('/') && f !== 'imsmanifest.xml').sort();
    assert.deepEqual(listed, files, `${zip}: the manifest lists exactly the site's files`);
    for (const licence of ['LICENSE.txt', 'THIRD_PARTY_NOTICES.txt']) {
      assert.ok(listed.includes(licence), `${zip}: ${licence} is in the package and its manifest`);
    }
  }
});

// Which choice each quiz gets in each attempt: 1.2 passes (3 of 4), 2004 fails (2 of 4).
const PLAN = {
  12: { q1: 'right', q2: 'right', q3: 'right', q4: 'wrong' },
  2004: { q1: 'right', q2: 'wrong', q3: 'right', q4: 'wrong' },
};

for (const version of [12, 2004]) {
  // Each quick check's choice ids in the order the page shows them.
  const choiceOrder = (frame) => frame.$$eval('.quiz[data-quiz]', (quizzes) => Object.fromEntries(
    quizzes.map((q) => [q.dataset.quiz, [...q.querySelectorAll('input[type="radio"]')].map((i) => i.value)])));

  test(`scorm ${version}: score and status follow the quizzes, and a second launch resumes`, async () => {
    const v = VERSIONS[version];
    const plan = PLAN[version];
    const chosen = Object.fromEntries(Object.entries(plan).map(([q, kind]) => [q, answers[q][kind].id]));
    const correct = Object.values(plan).filter((k) => k === 'right').length;
    const percent = (100 * correct) / Object.keys(plan).length;

    // First attempt.
    const first = await launch(version, null);
    let suspend;
    let location;
    let firstOrder;
    try {
      assert.deepEqual((await first.log()).slice(0, 1), [v.init], 'the SCO opens the session first');
      assert.equal(await first.frame.evaluate(() => document.documentElement.dataset.scorm), version === 12 ? '1.2' : '2004');
      if (version === 12) assert.equal(await first.lms('cmi.core.lesson_status'), 'incomplete');
      else assert.equal(await first.lms('cmi.completion_status'), 'incomplete');

      for (const [quiz, choice] of Object.entries(chosen)) await answerQuiz(first.frame, quiz, choice);
      assert.equal(String(await first.lms(v.value.score)), String(percent), 'raw score: percent of quick checks right');
      assert.equal(String(await first.lms(v.value.min)), '0');
      assert.equal(String(await first.lms(v.value.max)), '100');
      if (version === 2004) assert.equal(Number(await first.lms(v.value.scaled)), correct / 4);
      // Not complete until every section has been read.
      if (version === 12) assert.equal(await first.lms('cmi.core.lesson_status'), 'incomplete');
      else assert.equal(await first.lms('cmi.completion_status'), 'incomplete');

      await visitAllSections(first.frame);
      const passed = percent >= 75;
      if (version === 12) {
        assert.equal(await first.lms('cmi.core.lesson_status'), passed ? 'passed' : 'failed');
      } else {
        assert.equal(await first.lms('cmi.completion_status'), 'completed');
        assert.equal(await first.lms('cmi.success_status'), passed ? 'passed' : 'failed');
      }
      suspend = await first.lms(v.value.suspend);
      location = await first.lms(v.value.location);
      const saved = JSON.parse(suspend);
      assert.deepEqual(saved.answers, chosen, 'suspend data holds the answers given');
      assert.equal(saved.seen.length, 9, 'suspend data holds every section read');
      assert.ok(saved.seen.includes(location), `the location "${location}" is a section`);
      assert.equal(typeof saved.choice_seed, 'number', 'suspend data holds the learner\'s choice order seed');
      firstOrder = await choiceOrder(first.frame);
      assert.ok((await first.log()).includes(v.commit), 'changes are committed');

      // Leaving the lesson (pagehide) ends the session.
      await first.page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
      const finished = await eventually(async () => (await first.log()).includes(v.finish));
      assert.ok(finished, `${v.finish} is called on pagehide: ${(await first.log()).join(', ')}`);
      assert.ok(await first.page.evaluate(() => window.lmsApi.isTerminated()), 'the runtime is terminated');
      const time = await first.page.evaluate((e) => window.lmsSets[e], v.value.time);
      assert.match(String(time), version === 12 ? /^\d{4}:\d\d:\d\d$/ : /^PT\d+S$/, 'session time is reported');
      assert.deepEqual(await first.page.evaluate(() => window.lmsErrors), [], 'the runtime logged no error');
      assert.deepEqual(first.problems, [], first.problems.join('\n'));
    } finally {
      await first.context.close();
    }

    // Second attempt, in a fresh browser context, with only the LMS's record to go on.
    const prior = version === 12
      ? { suspend_data: suspend, core: { lesson_location: location } }
      : { suspend_data: suspend, location };
    const second = await launch(version, prior);
    try {
      for (const [quiz, choice] of Object.entries(chosen)) {
        const checked = await second.frame.isChecked(`.quiz[data-quiz="${quiz}"] input[type="radio"][value="${choice}"]`);
        assert.ok(checked, `${quiz}: the answer "${choice}" is restored`);
      }
      assert.deepEqual(await choiceOrder(second.frame), firstOrder,
        'the quick checks show their choices in the first launch\'s order, from the LMS record alone');
      const progressText = await second.frame.textContent('#progress-text');
      assert.match(progressText, new RegExp(`9 of 9 sections seen.*${correct} of 4 right`), progressText);
      const resumed = JSON.parse(await second.lms(v.value.suspend));
      assert.deepEqual(resumed.answers, chosen, 'the resumed session keeps the answers in suspend data');
      assert.equal(String(await second.lms(v.value.score)), String(percent), 'the score is reported again');
      assert.deepEqual(await second.page.evaluate(() => window.lmsErrors), [], 'the runtime logged no error');
      assert.deepEqual(second.problems, [], second.problems.join('\n'));
    } finally {
      await second.context.close();
    }
  });
}
