// Bundle the main entry (src/index.ts) into one plain ES module for browsers, with Vite (Rolldown):
// `build/browser/sparsity.js` (ignored by git). The browser test and the docs site load it with
// `<script type="module">` from a static server; it must contain nothing from Node.
//
//   node scripts/build-browser.mjs [outDir]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Build the bundle into `outDir` (default build/browser); resolves to the bundle's path. */
export async function buildBrowserBundle(outDir = join(root, 'build/browser'), { minify = false } = {}) {
  const warnings = [];
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      lib: { entry: join(root, 'src/index.ts'), formats: ['es'], fileName: () => 'sparsity.js' },
      outDir,
      emptyOutDir: false,
      minify,
      sourcemap: false,
      target: 'es2022',
      reportCompressedSize: false,
      rollupOptions: { onwarn: (w) => warnings.push(String(w.message ?? w)) },
    },
  });
  // A Node built-in reaching the bundle is a bug (the entry promises none): Vite warns about it.
  const node = warnings.filter((w) => /node:|externalized for browser/.test(w));
  if (node.length) throw new Error(`browser bundle reaches Node built-ins:\n${node.join('\n')}`);
  return join(outDir, 'sparsity.js');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const out = await buildBrowserBundle(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`build-browser: ${out} (${Date.now() - t0} ms)`);
}
