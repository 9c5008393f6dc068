// The published .d.ts files compile on their own for a strict consumer (issue 11 §4): no
// @types/ndarray needed, dense types are not `any`, and `sparsity/node` resolves under both
// `nodenext` and the legacy `node10` resolution (typesVersions). The declarations are emitted
// into a temporary project outside the repository, so nothing of the repository's node_modules
// (where @types/ndarray is installed for development) can help the consumer.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/doc-examples.js';

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let dir = '';

const consumer = `
import { csr, mmread, qr, wassersteinEntropic, type NdArray, type CSRMatrix } from 'sparsity';
import { readMatrixMarketFile } from 'sparsity/node';
type IsAny<T> = 0 extends 1 & T ? true : false;
const Q = qr([[1, 2], [3, 4]]).Q!;
const notAny: IsAny<typeof Q> = false;
const q00: number = Q.get(0, 0);
const nd: NdArray = Q;
const S: CSRMatrix = mmread('%%MatrixMarket matrix coordinate real general\\n1 1 0\\n', { format: 'csr' });
const F: CSRMatrix = readMatrixMarketFile('a.mtx', { format: 'csr' });
const w: number = wassersteinEntropic([1], [1], [[0]], { reg: 1 }).cost;
export { notAny, q00, nd, S, F, w, csr };
`;

function compile(moduleResolution: 'nodenext' | 'node10'): { status: number | null; out: string } {
  const cfg = {
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: false, types: [], target: 'es2022', lib: ['es2022'],
      module: moduleResolution === 'node10' ? 'commonjs' : 'nodenext', moduleResolution,
    },
    files: [moduleResolution === 'node10' ? 'consumer.ts' : 'consumer.mts'],
  };
  writeFileSync(join(dir, `tsconfig.${moduleResolution}.json`), JSON.stringify(cfg));
  const r = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${moduleResolution}.json`], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('published types', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparsity-types-'));
    const pkg = join(dir, 'node_modules', 'sparsity');
    mkdirSync(pkg, { recursive: true });
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly', '--outDir', join(pkg, 'dist')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`declaration build failed: ${r.stdout}${r.stderr}`);
    cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
    // The runtime dependency `ndarray` ships no types: install a stub package without them.
    mkdirSync(join(dir, 'node_modules', 'ndarray'));
    writeFileSync(join(dir, 'node_modules', 'ndarray', 'package.json'), '{ "name": "ndarray", "version": "1.1.1", "main": "ndarray.js" }');
    writeFileSync(join(dir, 'consumer.ts'), consumer);
    writeFileSync(join(dir, 'consumer.mts'), consumer);
    writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true }');
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['nodenext', 'node10'] as const)('a strict %s consumer compiles without @types/ndarray', (res) => {
    const r = compile(res);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('the exports map has a default condition and the package names its repository', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const entry of ['.', './node']) expect(Object.keys(pkg.exports[entry])).toEqual(['types', 'import', 'default']);
    expect(pkg.typesVersions['*'].node).toEqual(['./dist/node.d.ts']);
    for (const k of ['repository', 'homepage', 'bugs', 'keywords']) expect(pkg[k]).toBeTruthy();
    expect(pkg.devDependencies.deno).toBeUndefined();
    expect(pkg.devDependencies.bun).toBeUndefined();
  });
});
