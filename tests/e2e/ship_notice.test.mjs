// Licences: dist/THIRD_PARTY_NOTICES.txt names every third-party component that ends up in
// dist/, found here from the build itself rather than from the notice script's list: the
// headers and sources ninja recorded for the objects linked into attention.wasm (each
// mapped to its Debian package or its third_party/ folder), the fonts web/embed_font.sh
// embeds, the training corpus the trained model names, and the npm packages. And
// dist/LICENSE.txt is the repository's LICENSE. No browser: this reads files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, distDir } from './helpers/harness.mjs';

const notice = fs.readFileSync(path.join(distDir, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
const sources = [...notice.matchAll(/^Source: (.*)$/gm)].map((m) => m[1]);
const wasmBuild = path.join(repoRoot, 'build', 'wasm');

// npm packages that put nothing of theirs into dist/: terser rewrites our own scripts
// and adds no code; the rest run only in tests, audits and benchmarks. A new dependency
// must be added here or to the notice.
const NOT_SHIPPED = new Set(['terser', 'playwright-core', 'axe-core', 'lighthouse', 'scorm-again',
  '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm']);

// The Debian package that installed each file (`dpkg -S` answers "pkg: path").
function debianOwners(files) {
  if (files.length === 0) return new Map();
  const out = execFileSync('dpkg', ['-S', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const owners = new Map();
  for (const line of out.split('\n').filter(Boolean)) {
    const at = line.lastIndexOf(': ');
    owners.set(line.slice(at + 2), line.slice(0, at).split(', ')[0].replace(/:\w+$/, ''));
  }
  return owners;
}

function coversDebian(pkg) {
  return sources.some((s) => s.startsWith(`Debian package ${pkg},`));
}

// A third_party/ file that ends with its own licence (stb does) is covered when the
// notice cites that file; any other when it cites a LICENSE file of the file's folder or
// a folder above it, up to third_party/.
function coversVendored(relative) {
  if (sources.some((s) => s.startsWith(`${relative} `))) return true;
  const text = fs.readFileSync(path.join(repoRoot, relative), 'utf8');
  if (/licen[sc]e/i.test(text.slice(text.lastIndexOf('/*')))) return false;
  for (let dir = path.dirname(relative); dir.startsWith('third_party/'); dir = path.dirname(dir)) {
    const licences = fs.readdirSync(path.join(repoRoot, dir)).filter((f) => /^(LICEN[SC]E|COPYING)/i.test(f));
    if (licences.some((f) => sources.some((s) => s.startsWith(`${dir}/${f} `)))) return true;
  }
  return false;
}

// third_party/ is a link to shared sources: keep its name. Other links (the build's
// view of the JSON headers) lead to the installed files.
function installedPath(file) {
  return path.relative(repoRoot, file).startsWith('third_party/') ? file : fs.realpathSync(file);
}

test('notice: every library compiled into attention.wasm is in it', () => {
  assert.ok(fs.existsSync(path.join(wasmBuild, 'build.ninja')), 'build/wasm exists: run scripts/build.sh');
  const deps = execFileSync('ninja', ['-C', wasmBuild, '-t', 'deps'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  // Only the module's own targets (the core, the figures, ImGui), not a test build in the same tree.
  const inputs = new Set();
  let linked = false;
  for (const line of deps.split('\n')) {
    if (!line.startsWith(' ')) { linked = /^(core|web)\/CMakeFiles\//.test(line); continue; }
    if (linked && line.trim()) inputs.add(installedPath(path.resolve(wasmBuild, line.trim())));
  }
  assert.ok(inputs.size > 100, `ninja knows the module's inputs (${inputs.size})`);

  const vendored = [...inputs].map((f) => path.relative(repoRoot, f)).filter((f) => f.startsWith('third_party/'));
  const system = [...inputs].filter((f) => !f.startsWith(`${repoRoot}/`));
  assert.ok(vendored.length > 0 && system.length > 0, 'the module uses vendored and installed code');
  const uncovered = vendored.filter((f) => !coversVendored(f));
  const owners = debianOwners(system);
  const unowned = system.filter((f) => !owners.has(f));
  assert.deepEqual(unowned, [], 'every installed input belongs to a Debian package');
  const packages = [...new Set(owners.values())].sort();
  assert.ok(packages.includes('libeigen3-dev') && packages.includes('emscripten'), packages.join(', '));
  assert.deepEqual([...uncovered, ...packages.filter((p) => !coversDebian(p))], [],
    `the notice covers ${packages.join(', ')} and third_party/`);
});

test('notice: the fonts embedded in the module are in it', () => {
  const script = fs.readFileSync(path.join(repoRoot, 'web', 'embed_font.sh'), 'utf8');
  const fontDir = script.match(/^font_dir=(\S+)$/m)?.[1];
  const fonts = [...new Set(script.match(/[\w-]+\.(ttf|otf)\b/g) ?? [])].map((f) => path.join(fontDir, f))
    .filter((f) => fs.existsSync(f));   // the script's own temporary files are not installed
  assert.ok(fontDir && fonts.length > 0, 'embed_font.sh names its fonts');
  const packages = [...new Set(debianOwners(fonts).values())];
  assert.ok(packages.length > 0, `${fonts.join(', ')} come from Debian packages`);
  assert.deepEqual(packages.filter((p) => !coversDebian(p)), [], `the notice covers ${packages.join(', ')}`);
});

test('notice: the corpus the shipped trained model learned from is in it', (t) => {
  const weights = path.join(repoRoot, 'lessons', 'models', 'trained_gpt.json');
  if (!fs.existsSync(path.join(distDir, 'models', 'trained_gpt.js'))) return t.skip('no trained model in dist/');
  const { corpus } = JSON.parse(fs.readFileSync(weights, 'utf8')).provenance;
  const corpusDir = corpus.match(/\/usr\/\S+/)?.[0];
  assert.ok(corpusDir, `the provenance names where the corpus was read: ${corpus}`);
  const sample = fs.readdirSync(corpusDir).map((f) => path.join(corpusDir, f)).filter((f) => fs.statSync(f).isFile());
  const packages = [...new Set(debianOwners(sample.slice(0, 5)).values())];
  assert.ok(packages.length > 0);
  assert.deepEqual(packages.filter((p) => !coversDebian(p)), [], `the notice covers ${packages.join(', ')}`);
});

test('notice: every npm dependency is in it or is a tool that ships nothing', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  const missing = names.filter((n) => !NOT_SHIPPED.has(n) && !sources.some((s) => s.startsWith(`npm package ${n},`)));
  assert.deepEqual(missing, [], 'each shipped npm package has a section (or belongs in NOT_SHIPPED)');
});

test('notice: each section has a version and a licence text copied from its source', () => {
  const sections = notice.split(/^={78}\nComponent: /m).slice(1);
  assert.ok(sections.length >= 8, `${sections.length} sections`);
  for (const section of sections) {
    const name = section.split('\n', 1)[0];
    assert.match(section, /^Version: \S+/m, `${name} has a version`);
    const body = section.split(/^={78}$/m)[1] ?? '';
    assert.ok(body.trim().length > 200, `${name} has its licence text`);
    assert.match(body, /licen[sc]e|public domain/i, `${name}'s text is a licence`);
  }
  // Spot checks against the installed files themselves.
  const imguiLicence = fs.readFileSync(path.join(repoRoot, 'third_party', 'imgui', 'LICENSE.txt'), 'utf8').trim();
  assert.ok(notice.includes(imguiLicence), 'Dear ImGui\'s LICENSE.txt, verbatim');
  assert.match(notice, /^Files: \*\nCopyright: [^\n]*\n(?:[ \t][^\n]*\n)*License: MPL-2$/m, 'Eigen under MPL-2.0');
});

test('licence: dist/LICENSE.txt is the repository\'s LICENSE', () => {
  assert.equal(fs.readFileSync(path.join(distDir, 'LICENSE.txt'), 'utf8'),
    fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'));
});
