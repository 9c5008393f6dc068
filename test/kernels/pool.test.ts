import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runLocal, runParallel, runParallelAsync, setPoolTimeouts, shutdown, threadsAvailable, poolSize } from '../../src/kernels/runtime/threads/pool.js';
import { poolSelfTestTask as selfTest } from '../../src/kernels/runtime/threads/self-test.js';
import { defineTask } from '../../src/kernels/runtime/threads/registry.js';

/** A kernel for the registry test: called by name from a task's prepare function, on every thread. */
function registryProbeKernel(r0: number, r1: number, scale: number, offset: number): number {
  return (r1 - r0) * scale + offset * 2;
}

const bounds = Array.from({ length: 33 }, (_, c) => c * 10);

describe('worker pool', () => {
  afterAll(async () => {
    await shutdown();
  });
  it('is available on this runtime', () => {
    expect(threadsAvailable()).toBe(true);
  });
  it('runs a task over every chunk, sync and async, and sums the statistic', async () => {
    expect(runLocal(selfTest, { mode: 0 }, bounds)).toBe(320);
    expect(runParallel(selfTest, { mode: 0 }, bounds, 3)).toBe(320);
    expect(poolSize()).toBe(2);
    expect(await runParallelAsync(selfTest, { mode: 0 }, bounds, 2)).toBe(320);
  });
  it('surfaces a worker exception as an exception (sync) and a rejection (async), then keeps working', async () => {
    expect(() => runParallel(selfTest, { mode: 1 }, bounds, 3)).toThrow(/induced failure on thread [12]/);
    await expect(runParallelAsync(selfTest, { mode: 1 }, bounds, 2)).rejects.toThrow(/induced failure/);
    expect(() => runParallel(selfTest, { mode: 3 }, bounds, 2)).toThrow(/induced failure on thread \d/);
    expect(runParallel(selfTest, { mode: 0 }, bounds, 3)).toBe(320);
  });
  it('a worker that dies makes the call fail instead of hanging, and the pool is rebuilt', async () => {
    setPoolTimeouts(30_000, 1500);
    expect(() => runParallel(selfTest, { mode: 2 }, bounds, 2)).toThrow(/no progress|exited|failed/);
    await new Promise((r) => setTimeout(r, 50));
    expect(runParallel(selfTest, { mode: 0 }, bounds, 2)).toBe(320);
    await expect(runParallelAsync(selfTest, { mode: 2 }, bounds, 2)).rejects.toThrow(/exited|no progress|failed/);
    expect(await runParallelAsync(selfTest, { mode: 0 }, bounds, 2)).toBe(320);
    setPoolTimeouts(30_000, 60_000);
  });
});

describe('task registry', () => {
  afterAll(async () => {
    await shutdown();
  });
  it('a task registered after the pool started runs on restarted workers, with its named parameters', () => {
    expect(runParallel(selfTest, { mode: 0 }, bounds, 3)).toBe(320);
    const probe = defineTask({
      name: 'registryProbe',
      ints: ['scale', 'slow'],
      floats: ['offset'],
      kernels: { registryProbeKernel },
      prepare: (ctx, p, K) => {
        const f = K['registryProbeKernel'] as unknown as (r0: number, r1: number, s: number, o: number) => number;
        const pause = new Int32Array(new SharedArrayBuffer(4));
        return (r0, r1) => {
          // The main thread lingers, so the workers take chunks too.
          if (p.slow && ctx.index === 0) Atomics.wait(pause, 0, 0, 5);
          return f(r0, r1, p.scale, p.offset);
        };
      },
    });
    // 32 chunks, 320 rows: 320·3 + 32·(2·0.5).
    expect(runLocal(probe, { scale: 3, slow: 0, offset: 0.5 }, bounds)).toBe(992);
    expect(runParallel(probe, { scale: 3, slow: 1, offset: 0.5 }, bounds, 3)).toBe(992);
    expect(poolSize()).toBe(2);
    expect(runParallel(selfTest, { mode: 0 }, bounds, 3)).toBe(320);
  });
  it('rejects a duplicate name, a clashing kernel name, method shorthand and a missing parameter', () => {
    const def = { ints: ['a'] as const, floats: [] as const, kernels: {}, prepare: () => (r0: number, r1: number) => r1 - r0 };
    expect(() => defineTask({ ...def, name: 'selfTest' })).toThrow(/selfTest/);
    expect(() => defineTask({ ...def, name: 'clash', kernels: { registryProbeKernel: () => 0 } })).toThrow(/registryProbeKernel/);
    const shorthand = { prepare() { return (r0: number, r1: number) => r1 - r0; } };
    expect(() => defineTask({ ...def, name: 'shorthand', prepare: shorthand.prepare })).toThrow(/arrow function/);
    expect(() => runLocal(selfTest, {} as { mode: number }, bounds)).toThrow(/mode/);
  });
});

describe('the built package in a fresh process', () => {
  const dist = join(import.meta.dirname, '../../dist/index.js');
  it.skipIf(!existsSync(dist))('an awaited async parallel product keeps the process alive until it settles, and the script then exits', () => {
    const script = `import * as sp from ${JSON.stringify(pathToFileURL(dist).href)};
const n = 5000; const r = [], c = [], v = [];
for (let i = 0; i < n; i++) { r.push(i); c.push(i); v.push(2); if (i) { r.push(i); c.push(i - 1); v.push(-1); } }
const A = sp.coo(r, c, v, [n, n]).toCSR();
const y = await sp.spmvAsync(A, new Float64Array(n).fill(1), { threads: 2 });
const C = await sp.spgemmAsync(A, A, { threads: 2 });
console.log('done', y[0], y[1], C.nnz);`;
    const t0 = Date.now();
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(0);
    // A is tridiagonal-lower (2 on the diagonal, -1 below): A·1 = [2, 1, 1, ...]; A² has 3 bands.
    expect(out.stdout.trim()).toBe(`done 2 1 ${3 * 5000 - 3}`);
    expect(Date.now() - t0).toBeLessThan(60_000); // exits on its own: the unref'd pool does not hold it
  });
});
