// Helpers for the ship-anywhere tests (ship_*.test.mjs): a static server that can add
// response headers and extra in-memory pages (for a strict CSP, or a parent page on a
// second origin), packaging into a temporary folder, and the quiz answers as the core
// grades them. The browser and page hooks come from helpers/harness.mjs.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, loadModuleInNode } from './harness.mjs';

// The policy from issue 5, byte for byte.
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data:; connect-src 'self' data:; object-src 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.wasm': 'application/wasm', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
};

// Serves `root` (may be null) on 127.0.0.1 at a free port. `pages` maps a path such as
// "/parent.html" to { body, type }; `headers` go on every file from root.
// Resolves to { url, origin, requests, close }; `requests` lists every path asked for.
export function serve({ root = null, pages = {}, headers = {} } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(urlPath);
    if (pages[urlPath]) {
      const { body, type = TYPES['.html'] } = pages[urlPath];
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      return;
    }
    if (!root) { res.writeHead(404).end('not found'); return; }
    let file = path.normalize(path.join(root, urlPath));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const origin = `http://127.0.0.1:${port}`;
      resolve({ url: `${origin}/`, origin, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// Runs scripts/package.sh --no-build (dist/ must be built) into a fresh temporary folder
// and unzips what it made there. Returns { dir, zips: {name: path}, sites: {name: dir} }.
export function packageInto(options = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-package-'));
  execFileSync('bash', ['scripts/package.sh', '--no-build', ...options], {
    cwd: repoRoot, env: { ...process.env, ATTN_PACKAGE_DIR: dir }, stdio: 'pipe',
  });
  const zips = {};
  const sites = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.zip'))) {
    const key = name.replace(/\.zip$/, '');
    zips[key] = path.join(dir, name);
    sites[key] = path.join(dir, `unzipped-${key}`);
    execFileSync('unzip', ['-q', zips[key], '-d', sites[key]]);
  }
  return { dir, zips, sites, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// Each quiz's right and wrong choices, asked of the core itself (not read from the page).
export async function quizAnswers() {
  const m = await loadModuleInNode();
  const answers = {};
  for (const quiz of JSON.parse(m.quizzes())) {
    const graded = quiz.choices.map((c) => ({
      ...c, ...JSON.parse(m.grade(JSON.stringify({ quiz: quiz.id, choice: c.id }))),
    }));
    answers[quiz.id] = { right: graded.find((g) => g.correct), wrong: graded.find((g) => !g.correct) };
  }
  return answers;
}

// Picks a quiz choice in a page or frame and waits for its feedback text.
export async function answerQuiz(frame, quizId, choiceId) {
  const quiz = frame.locator(`.quiz[data-quiz="${quizId}"]`);
  await quiz.scrollIntoViewIfNeeded();
  await quiz.locator(`input[type="radio"][value="${choiceId}"]`).check();
  await quiz.locator('button.quiz-check').click();
  const feedback = quiz.locator('.quiz-feedback');
  await frame.waitForFunction((id) => {
    const el = document.querySelector(`.quiz[data-quiz="${id}"] .quiz-feedback`);
    return el && el.textContent.trim().length > 0;
  }, quizId);
  return (await feedback.textContent()).trim();
}

// Marks every section seen by pressing its "show me" button (works in a frame too).
export async function visitAllSections(frame) {
  const ids = await frame.$$eval('section[data-figure]', (all) => all.map((s) => s.id));
  for (const id of ids) {
    const button = frame.locator(`section#${id} button.show-figure`).first();
    await button.scrollIntoViewIfNeeded();
    await button.click();
  }
  return ids;
}

// Waits for lessonReady in a page or frame and returns its value.
export async function readyValue(frame, timeout = 60000) {
  await frame.waitForFunction(() => document.documentElement.dataset.lessonReady, null, { timeout });
  return frame.evaluate(() => document.documentElement.dataset.lessonReady);
}
