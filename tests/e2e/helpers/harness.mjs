// Shared end-to-end harness: a tiny static server for dist/, headless Chromium through
// playwright-core (WebGL2 via SwiftShader), and probes for the page's test hooks
// (docs/PAGE.md): lessonReady, window.lessonDebug, the #figure canvas.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const distDir = path.join(repoRoot, 'dist');
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};

// Sections in page order, with the figure each one shows (docs/PAGE.md, docs/API.md).
export const SECTIONS = [
  ['opening', 'flow'], ['why', 'rnn'], ['formula', 'formula'], ['analogy', 'analogy'],
  ['walkthrough', 'walkthrough'], ['production', 'production'],
  ['playground', 'playground'], ['learn', 'learn'], ['takeaway', 'takeaway'],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.wasm': 'application/wasm', '.woff2': 'font/woff2',
  '.ttf': 'font/ttf', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.xml': 'application/xml',
};

// Serves dist/ on 127.0.0.1 at a free port; resolves to { url, close }.
export function startServer(root = distDir) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run scripts/build.sh first`);
  }
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.normalize(path.join(root, urlPath));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // Without the omnibox popup that headless Chromium renders, hidden, for each new
    // context's window (bench/page_metrics.mjs says more): less for 2 cores to do.
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-sync', '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup'],
  });
}

// A fresh page in a fresh context (its own storage) that records every console error,
// uncaught exception, failed request and HTTP error status.
export async function openPage(browser, url, viewport = VIEWPORTS.desktop, contextOptions = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  return { context, page, problems };
}

// Waits for the page's "ready" hook; fails with what the page said otherwise.
export async function waitReady(page, timeout = 60000) {
  await page.waitForFunction(() => document.documentElement.dataset.lessonReady, null, { timeout });
  const ready = await page.evaluate(() => document.documentElement.dataset.lessonReady);
  if (ready !== '1') throw new Error(`lessonReady is "${ready}", expected "1" (figures could not start)`);
}

// window.lessonDebug returns objects; accept JSON strings too.
export async function figureState(page) {
  return page.evaluate(() => {
    const s = window.lessonDebug.state();
    return typeof s === 'string' ? JSON.parse(s) : s;
  });
}
export async function command(page, request) {
  return page.evaluate((r) => {
    const s = window.lessonDebug.command(r);
    return typeof s === 'string' ? JSON.parse(s) : s;
  }, request);
}

// Two animation frames: enough for a render-on-change canvas to draw the new state.
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// Screenshot of the canvas and a count of its distinct colours, measured in the page
// itself (decoding the PNG there keeps the harness free of image libraries).
export async function canvasSnapshot(page) {
  await settle(page);
  const canvas = page.locator('#figure');
  await canvas.scrollIntoViewIfNeeded();
  const png = await canvas.screenshot();
  const stats = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const pixels = data.length / 4;
    const commonest = Math.max(...counts.values());
    return { width: c.width, height: c.height, colours: counts.size, commonestShare: commonest / pixels };
  }, png.toString('base64'));
  return { png, ...stats };
}

export function assertNotBlank(assert, snap, what) {
  assert.ok(snap.width > 50 && snap.height > 50, `${what}: canvas is ${snap.width}x${snap.height}`);
  assert.ok(snap.colours >= 16, `${what}: only ${snap.colours} distinct colours on the canvas`);
  assert.ok(snap.commonestShare < 0.98, `${what}: one colour covers ${(snap.commonestShare * 100).toFixed(1)}% of the canvas`);
}

export function saveArtifact(name, buffer) {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, name), buffer);
}

// Polls until fn() is truthy; returns its last value (the caller asserts on it).
export async function eventually(fn, timeout = 8000, interval = 100) {
  const until = Date.now() + timeout;
  let value;
  while (Date.now() < until) {
    value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, interval));
  }
  return value;
}

// The module itself under Node, to learn which quiz choice is right independently of the page.
export async function loadModuleInNode() {
  delete globalThis.fetch;  // Emscripten 3.1.6's glue cannot fetch local files under Node
  const create = require(path.join(distDir, 'attention.js'));
  return create();
}
