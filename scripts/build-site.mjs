// `npm run docs` (after `npm run build` and typedoc): the documentation site in docs/site/ (ignored
// by git), one static folder to serve with COOP/COEP headers (scripts/static-server.mjs):
//   index.html        README.md
//   <guide>.html      each docs/*.md, every ```js/```ts block executed against the built package
//                     (dist/) and its console output shown under it; a failing block or a wrong
//                     `// => value` line fails the build
//   benchmarks.html   the latest `bench:compare` run (bench/results/latest.md, machine named; else
//                     the README's Speed section, from its recorded run)
//   api/              the typedoc reference (docs/api/, copied)
//   playground.html   pick or drop a matrix: spy picture, timed SpMV/SpGEMM/CG/eigsh, an OT example
//   sparsity.js       the library as one ES module (scripts/build-browser.mjs)
//
//   node scripts/build-site.mjs [outDir]
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatWithOptions } from 'node:util';
import MarkdownIt from 'markdown-it';
import { runnerImport } from 'vite';
import { buildBrowserBundle } from './build-browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'docs/site'));
/** The bundled matrices of the playground (copies of test fixtures). */
export const PLAYGROUND_MATRICES = ['west0067', 'GD97_b', 'bcspwr06', 'dwt_992', 'jagmesh7', 'lp_e226'];

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function guides() {
  const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort();
  return [
    { src: join(root, 'README.md'), page: 'index.html', nav: 'Home' },
    ...docs.map((f) => ({ src: join(root, 'docs', f), page: f.replace(/\.md$/, '.html'), nav: f.replace(/\.md$/, '').replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) })),
  ];
}

function titleOf(text, fallback) {
  return /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? fallback;
}

function layout(title, here, nav, body) {
  const links = nav.map(([href, label]) => `<a href="${href}"${href === here ? ' class="here"' : ''}>${escape(label)}</a>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · sparsity</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
</head>
<body>
<header><span class="name">sparsity</span>
${links}
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Links between the Markdown files become links between the pages. */
function relink(html) {
  return html
    .replace(/(href|src)="(?:\.\/)?docs\/img\//g, '$1="img/')
    .replace(/(src)="(?:\.\/)?img\//g, '$1="img/')
    .replace(/href="(?:\.\/)?(?:docs\/)?([\w-]+)\.md(#[^"]*)?"/g, (_, name, hash) => `href="${name === 'README' ? 'index' : name}.html${hash ?? ''}"`);
}

/** Run each js/ts fence of `tokens` against the built package; attach its console output. */
async function execute(tokens, file, ex, lib, nodeLib) {
  const failures = [];
  const require = createRequire(join(root, 'package.json'));
  for (const t of tokens) {
    if (t.type !== 'fence' || !/^(js|ts|javascript|typescript)$/.test(t.info.trim())) continue;
    const line = (t.map?.[0] ?? 0) + 1;
    const lines = [];
    const log = (...a) => lines.push(formatWithOptions({ colors: false, depth: 4, breakLength: 100 }, ...a));
    const quiet = { ...console, log, info: log, warn: log, table: (d) => lines.push(formatWithOptions({ colors: false, depth: 4 }, d)) };
    const check = (actual, expected, src) => {
      const e = ex.close(actual, expected);
      if (e) failures.push(`${file}:${line}: ${src} -> ${e}`);
    };
    try {
      const fn = new ex.AsyncFunction('__lib', '__node', '__check', '__require', 'console', ex.prepare(t.content));
      await fn(lib, nodeLib, check, require, quiet);
    } catch (e) {
      failures.push(`${file}:${line}: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
    }
    t.meta = { output: lines.join('\n') };
  }
  return failures;
}

md.renderer.rules.fence = (tokens, idx) => {
  const t = tokens[idx];
  const lang = t.info.trim().split(/\s+/)[0];
  const code = `<pre><code${lang ? ` class="language-${escape(lang)}"` : ''}>${escape(t.content)}</code></pre>\n`;
  return t.meta?.output ? `${code}<pre class="output">${escape(t.meta.output)}</pre>\n` : code;
};

function benchmarksPage() {
  const file = join(root, 'bench/results/latest.md');
  if (existsSync(file)) {
    return `<h1>Benchmarks</h1>\n<p>The latest <code>npm run bench:compare</code> run, as recorded in <code>bench/results/latest.md</code>: the same workloads through this library and NumPy/SciPy/POT in one process tree, with the ratios the run printed. Its first lines name the machine.</p>\n${md.render(readFileSync(file, 'utf8').replace(/^# /, '## '))}`;
  }
  // No recorded run in the tree: the figures of the README's last recorded run (it names the machine).
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const speed = /^## Speed\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? 'No `bench:compare` run is recorded.';
  return `<h1>Benchmarks</h1>\n<p>No <code>bench/results/latest.md</code> is recorded (run <code>npm run bench:compare | tee bench/results/latest.md</code> and rebuild the site); these are the figures of the run recorded in the README.</p>\n${relink(md.render(speed))}`;
}

export async function buildSite() {
  const t0 = Date.now();
  const dist = join(root, 'dist/index.js');
  const api = join(root, 'docs/api');
  if (!existsSync(dist)) throw new Error('build-site: dist/ is missing (npm run build first)');
  if (!existsSync(join(api, 'index.html'))) throw new Error('build-site: docs/api/ is missing (run typedoc first)');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'matrices'), { recursive: true });
  await buildBrowserBundle(out);
  for (const f of ['style.css', 'playground.js', 'playground-core.js']) cpSync(join(root, 'docs/site-src', f), join(out, f));
  for (const m of PLAYGROUND_MATRICES) cpSync(join(root, 'test/fixtures/matrices', `${m}.mtx`), join(out, 'matrices', `${m}.mtx`));
  cpSync(join(root, 'docs/img'), join(out, 'img'), { recursive: true });
  cpSync(api, join(out, 'api'), { recursive: true });
  // The typedoc pages name no icon, so browsers ask for /favicon.ico: answer it (an empty icon).
  writeFileSync(join(out, 'favicon.ico'), '');

  const pages = guides();
  const nav = [
    ...pages.map((g) => [g.page, g.nav]),
    ['benchmarks.html', 'Benchmarks'],
    ['api/index.html', 'API reference'],
    ['playground.html', 'Playground'],
  ];
  const { module: ex } = await runnerImport(join(root, 'test/helpers/doc-examples.ts'), { configFile: false, logLevel: 'silent' });
  const lib = await import(pathToFileURL(dist).href);
  const nodeLib = await import(pathToFileURL(join(root, 'dist/node.js')).href);
  const failures = [];
  let blocks = 0;
  for (const g of pages) {
    const text = readFileSync(g.src, 'utf8');
    const tokens = md.parse(text, {});
    failures.push(...(await execute(tokens, basename(g.src), ex, lib, nodeLib)));
    blocks += tokens.filter((t) => t.meta).length;
    const body = relink(md.renderer.render(tokens, md.options, {}));
    writeFileSync(join(out, g.page), layout(titleOf(text, g.page), g.page, nav, body));
  }
  if (failures.length) throw new Error(`build-site: ${failures.length} guide example(s) failed:\n${failures.join('\n')}`);
  writeFileSync(join(out, 'benchmarks.html'), layout('Benchmarks', 'benchmarks.html', nav, benchmarksPage()));
  const options = PLAYGROUND_MATRICES.map((m) => `<option value="${m}">${m}</option>`).join('');
  const playground = readFileSync(join(root, 'docs/site-src/playground.html'), 'utf8').replace('@@MATRIX_OPTIONS@@', options);
  writeFileSync(join(out, 'playground.html'), layout('Playground', 'playground.html', nav, playground));
  console.log(`build-site: ${out} (${pages.length} guides, ${blocks} examples executed, ${Date.now() - t0} ms)`);
  await lib.shutdown();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSite();
}
