// Bundle the published ES entry points (src/index.ts, src/node.ts, src/webgpu/index.ts) into
// `dist/bundle/` with Vite (Rolldown): one file per entry plus the chunks they share, so that a
// fresh process loads a few files instead of the ~280 modules of tsc's output (issue 17: import
// cost). The entries share their chunks, so `sparsity` and `sparsity/node` see the same classes.
// The runtime dependencies (ndarray, ndarray-ops, seedrandom: CommonJS) are bundled too, resolved as
// for the browser bundle: loading them through Node's CommonJS loader cost about 35 ms CPU more per
// import, and the library tells ndarrays apart by shape, not by class, so a caller's own copy of
// ndarray still works. Node built-ins stay imports; the optional `webgpu` package is imported by
// name at run time. Types still come from tsc's .d.ts files in dist/.
//
//   node scripts/build-node.mjs [outDir]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Build the entry bundles into `outDir` (default dist/bundle); resolves to the directory. */
export async function buildNodeBundle(outDir = join(root, 'dist/bundle')) {
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      lib: {
        entry: { index: join(root, 'src/index.ts'), node: join(root, 'src/node.ts'), webgpu: join(root, 'src/webgpu/index.ts') },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      target: 'es2022',
      reportCompressedSize: false,
      rollupOptions: {
        external: (id) => id.startsWith('node:') || id === 'webgpu',
        output: { chunkFileNames: 'chunk-[hash].js' },
      },
    },
  });
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const out = await buildNodeBundle(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`build-node: ${out} (${Date.now() - t0} ms)`);
}
