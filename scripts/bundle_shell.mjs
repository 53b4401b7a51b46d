// Writes the page's shell into dist/ as a learner downloads it. shell/index.html
// lists its stylesheets and scripts one file each, which keeps the sources
// small and readable; dist/index.html loads one minified script and one
// stylesheet instead. Eighteen small files gzip about 6 KB worse than their
// concatenation, and each is a request (docs/PERFORMANCE.md).
// Usage: node scripts/bundle_shell.mjs <shell dir> <dist dir>
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const [shellDir, distDir] = process.argv.slice(2);
if (!shellDir || !distDir) throw new Error('usage: bundle_shell.mjs <shell dir> <dist dir>');

const html = fs.readFileSync(path.join(shellDir, 'index.html'), 'utf8');
const scriptTag = /^[ \t]*<script src="(js\/[\w-]+\.js)" defer><\/script>\n/gm;
const styleTag = /^[ \t]*<link rel="stylesheet" href="(css\/[\w-]+\.css)">\n/gm;
const scripts = [...html.matchAll(scriptTag)].map((m) => m[1]);
const styles = [...html.matchAll(styleTag)].map((m) => m[1]);
if (scripts.length === 0 || styles.length === 0) {
  throw new Error('shell/index.html lists no <script src="js/..." defer> or <link rel="stylesheet" href="css/...">');
}
const read = (file) => fs.readFileSync(path.join(shellDir, file), 'utf8');
// Unchanged output keeps its file untouched, so servers and caches see no churn.
const written = new Set();
function write(file, text) {
  written.add(file);
  const target = path.join(distDir, file);
  if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) return;
  fs.writeFileSync(target, text);
}

// One tag in place of the first of its kind, none for the rest, order kept.
function replaceAll(text, pattern, tag) {
  let first = true;
  return text.replace(pattern, (line) => {
    if (!first) return '';
    first = false;
    return line.replace(/^([ \t]*).*\n$/, `$1${tag}\n`);
  });
}

// Each script is its own "use strict" function, so concatenating them is safe.
const sources = Object.fromEntries(scripts.map((file) => [file, read(file)]));
const { code } = await minify(sources, { compress: true, mangle: true });

fs.mkdirSync(path.join(distDir, 'js'), { recursive: true });
fs.mkdirSync(path.join(distDir, 'css'), { recursive: true });
write('js/lesson.min.js', code);
// Async scripts run on their own, as soon as they arrive: minified, not bundled.
for (const [, file] of html.matchAll(/<script src="(js\/[\w-]+\.js)" async><\/script>/g)) {
  write(file, (await minify(read(file), { compress: true, mangle: true })).code);
}
write('css/lesson.css', styles.map(read).join('\n'));
let page = replaceAll(html, scriptTag, '<script src="js/lesson.min.js" defer></script>');
page = replaceAll(page, styleTag, '<link rel="stylesheet" href="css/lesson.css">');
// The shipped page loses its comments and the indentation of its lines: 0.7 KB
// of the first visit gzipped, and invisible, since the page has no <pre> or
// <textarea> whose whitespace would show.
if (/<(pre|textarea)\b/i.test(page)) throw new Error('bundle_shell: index.html has <pre> or <textarea>: keep its whitespace');
page = page.replace(/<!--[\s\S]*?-->\n?/g, '').replace(/\n[ \t]+/g, '\n');
write('index.html', page);
// dist/js and dist/css hold only what this run wrote: scripts since bundled or
// removed from shell/ go.
for (const dir of ['js', 'css']) {
  for (const name of fs.readdirSync(path.join(distDir, dir))) {
    if (!written.has(`${dir}/${name}`)) fs.rmSync(path.join(distDir, dir, name), { recursive: true });
  }
}
console.log(`bundle_shell: ${scripts.length} scripts -> js/lesson.min.js, ${styles.length} stylesheets -> css/lesson.css`);
