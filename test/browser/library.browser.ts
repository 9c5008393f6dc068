/**
 * The library in a real browser (headless Chromium): the bundle loaded as plain ESM from a
 * localhost server, a Matrix Market fixture fetched by the page, SpMV / SpGEMM / CG / SNS with the
 * WASM kernels on and off, on a page without and with cross-origin isolation (Web Worker threads),
 * and inside a Web Worker (where synchronous kernels may use the threads); every number is compared
 * bit for bit with the same run in Node (test/browser/page/scenario.js runs in both).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sp from '../../src/index.js';
import { buildBrowserBundle } from '../../scripts/build-browser.mjs';
import { type StaticServer, startStaticServer } from '../../scripts/static-server.mjs';
import { chromiumMissing, collectErrors, launchChromium } from './chromium.js';
import { type EncodedArray, type EncodedResult, type ScenarioOptions, encode, runScenario } from './page/scenario.js';

const root = join(import.meta.dirname, '../..');
const FIXTURE = 'test/fixtures/matrices/bcspwr10.mtx';
const missing = chromiumMissing();
if (missing) console.warn(`[browser test skipped] ${missing}`);

interface PageRun {
  result: EncodedResult;
  info: sp.KernelInfo;
  isolated?: boolean;
}

/** Node's run of the same scenario (sync, one thread), encoded the same way. */
async function nodeRun(opts: ScenarioOptions): Promise<EncodedResult> {
  return encode(await runScenario(sp, readFileSync(join(root, FIXTURE), 'utf8'), opts));
}

function decode(e: EncodedArray): Float64Array {
  const bytes = Buffer.from(e.base64, 'base64');
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
}

/**
 * The products and CG (built on the kernels, which add in a fixed order) bit for bit; SNS to
 * rounding: it calls Math.exp and Math.log, whose last bit ECMAScript leaves to the engine (Node
 * 20's V8 and Chromium's differ), so there the iteration counts must match exactly and the
 * numbers to 1e-12.
 */
function expectSame(browser: EncodedResult, node: EncodedResult, ignore: string[] = []): void {
  expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  for (const k of Object.keys(node)) {
    if (k === 'scalars') continue;
    if (k.startsWith('sns')) {
      const b = decode(browser[k]!);
      const n = decode(node[k]!);
      expect(b.length, k).toBe(n.length);
      // Potentials: relative to their largest; ‖∇f‖₁ history: absolute, in units of the total mass
      // (near convergence it is rounding noise of sums of 36 entries, amplified by Newton steps).
      const tol = k === 'snsHistory' ? 1e-11 : 1e-12 * Math.max(...n.map(Math.abs));
      for (let i = 0; i < n.length; i++) expect(Math.abs(b[i]! - n[i]!), `${k}[${i}]`).toBeLessThanOrEqual(tol);
    } else {
      expect(browser[k], k).toEqual(node[k]);
    }
  }
  const drop = (s: Record<string, unknown>): Record<string, unknown> => {
    const { spgemmThreads: _t, snsCost, ...rest } = s;
    for (const k of ignore) delete rest[k];
    return { ...rest, snsCost: Number((snsCost as number).toPrecision(12)) };
  };
  expect(drop(browser.scalars)).toEqual(drop(node.scalars));
}

describe.skipIf(missing !== null)('sparsity in headless Chromium', () => {
  let server: StaticServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let plain: Page;
  let isolated: Page;
  let errors: string[] = [];
  const node: Record<string, EncodedResult> = {};

  beforeAll(async () => {
    await buildBrowserBundle();
    server = await startStaticServer({ root, isolatedPrefix: '/isolated' });
    browser = await launchChromium();
    const open = async (url: string): Promise<Page> => {
      const page = await browser.context.newPage();
      errors = errors.concat(collectErrors(page));
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true, null, { timeout: 30_000 });
      return page;
    };
    plain = await open(`${server.url}/test/browser/page/index.html`);
    isolated = await open(`${server.url}/isolated/test/browser/page/index.html`);
    node['js'] = await nodeRun({ backend: 'js', threads: 1, async: false });
    node['wasm'] = await nodeRun({ backend: 'wasm', threads: 1, async: false });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const run = (page: Page, where: 'runMain' | 'runWorker', opts: ScenarioOptions): Promise<PageRun> =>
    page.evaluate(([w, f, o]) => (globalThis as unknown as Record<string, (f: string, o: ScenarioOptions) => Promise<PageRun>>)[w]!(f, o), [where, `/${FIXTURE}`, opts] as const);

  it('Node: the WASM kernels give the JS kernels\' numbers bit for bit, and the solvers converge', () => {
    expectSame(node['wasm']!, node['js']!, ['spgemmBackend']);
    // Same engine: SNS too is identical bit for bit across backends.
    for (const k of ['snsX', 'snsY', 'snsHistory']) expect(node['wasm']![k], k).toEqual(node['js']![k]);
    expect(node['wasm']!.scalars['spgemmBackend']).toBe('wasm');
    expect(node['js']!.scalars).toMatchObject({ n: 5300, cgConverged: true, snsConverged: true });
  });

  it('a page without cross-origin isolation: WASM SIMD loads, threads are off without error', async () => {
    const info = await plain.evaluate(() => (globalThis as unknown as { info: () => sp.KernelInfo & { isolated: boolean } }).info());
    expect(info).toMatchObject({ isolated: false, wasm: true, wasmReason: '', threads: false, workers: null, syncThreads: false });
  });

  for (const backend of ['js', 'wasm'] as const) {
    it(`non-isolated page, backend ${backend}: the same numbers as Node, bit for bit (threads: 2 asked, one used)`, async () => {
      const r = await run(plain, 'runMain', { backend, threads: 2, async: false });
      expectSame(r.result, node[backend]!);
      expect(r.info.poolWorkers).toBe(0);
      const a = await run(plain, 'runMain', { backend, threads: 2, async: true });
      expectSame(a.result, node[backend]!);
    });
  }

  it('a browser without WebAssembly: the kernels fall back to JS silently (backend wasm asked), Node\'s JS numbers bit for bit', async () => {
    const page = await browser.context.newPage();
    errors = errors.concat(collectErrors(page));
    await page.goto(`${server.url}/test/browser/page/index.html?nowasm`);
    await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true, null, { timeout: 30_000 });
    const r = await run(page, 'runMain', { backend: 'wasm', threads: 1, async: false });
    expect(r.info).toMatchObject({ wasm: false, wasmReason: 'WebAssembly or Atomics missing', threads: false });
    expect(r.result.scalars['spgemmBackend']).toBe('js');
    expectSame(r.result, node['js']!);
    await page.close();
  });

  it('an isolated page (COOP/COEP): Web Worker threads are available, for the async kernels on the main thread', async () => {
    const info = await isolated.evaluate(() => (globalThis as unknown as { info: () => sp.KernelInfo & { isolated: boolean } }).info());
    expect(info).toMatchObject({ isolated: true, wasm: true, threads: true, workers: 'web', syncThreads: false });
  });

  for (const backend of ['js', 'wasm'] as const) {
    it(`isolated page, backend ${backend}, spmvAsync / spgemmAsync on 2 Web Workers: Node's numbers bit for bit`, async () => {
      const r = await run(isolated, 'runMain', { backend, threads: 2, async: true });
      expect(r.isolated).toBe(true);
      expect(r.info.poolWorkers).toBeGreaterThanOrEqual(2);
      expectSame(r.result, node[backend]!);
      // Synchronous calls on the main thread stay on one thread, with the same numbers.
      const s = await run(isolated, 'runMain', { backend, threads: 2, async: false });
      expect(s.result.scalars['spgemmThreads']).toBe(1);
      expectSame(s.result, node[backend]!);
    });
  }

  it('isolated page, inside a Web Worker: synchronous kernels on 2 threads (nested Web Workers), Node\'s numbers bit for bit', async () => {
    for (const backend of ['js', 'wasm'] as const) {
      const r = await run(isolated, 'runWorker', { backend, threads: 2, async: false });
      expect(r.info).toMatchObject({ threads: true, workers: 'web', syncThreads: true });
      expect(r.info.poolWorkers).toBeGreaterThanOrEqual(2);
      expectSame(r.result, node[backend]!);
    }
  });

  it('the README\'s plain <script type="module"> snippet works as written, next to the bundle', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const html = /^```html\n([\s\S]*?)^```/m.exec(readme)?.[1];
    expect(html).toContain("from './sparsity.js'");
    const dir = mkdtempSync(join(tmpdir(), 'sparsity-readme-'));
    writeFileSync(join(dir, 'index.html'), html!);
    writeFileSync(join(dir, 'favicon.ico'), ''); // the snippet names no icon: Chromium asks for this one
    copyFileSync(join(root, 'build/browser/sparsity.js'), join(dir, 'sparsity.js'));
    copyFileSync(join(root, 'test/fixtures/matrices/west0067.mtx'), join(dir, 'west0067.mtx'));
    const s = await startStaticServer({ root: dir });
    try {
      const page = await browser.context.newPage();
      const errs = collectErrors(page);
      await page.goto(`${s.url}/index.html`);
      await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('info').textContent !== '', null, { timeout: 30_000 });
      const shown = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string; innerHTML: string } } }).document;
        return { info: d.getElementById('info').textContent, svg: d.getElementById('pattern').innerHTML };
      });
      const A = (sp.mmread(readFileSync(join(root, 'test/fixtures/matrices/west0067.mtx'), 'utf8')) as sp.COOMatrix).toCSR();
      const y0 = sp.spmv(A, new Float64Array(A.shape[1]).fill(1))[0];
      // The server sends COOP/COEP, so the page is cross-origin isolated and threads are available.
      expect(shown.info).toBe(`y[0] = ${y0}; WASM: true; threads: true`);
      expect(shown.svg).toContain('data-nnz="294"');
      expect(errs).toEqual([]);
      await page.close();
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no console errors, page exceptions or failed requests', () => {
    expect(errors).toEqual([]);
  });
});
