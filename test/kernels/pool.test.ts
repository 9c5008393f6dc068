import { afterAll, describe, expect, it } from 'vitest';
import { runLocal, runParallel, runParallelAsync, setPoolTimeouts, shutdown, threadsAvailable, poolSize } from '../../src/kernels/threads/pool.js';

const bounds = Array.from({ length: 33 }, (_, c) => c * 10);

describe('worker pool', () => {
  afterAll(async () => {
    await shutdown();
  });
  it('is available on this runtime', () => {
    expect(threadsAvailable()).toBe(true);
  });
  it('runs a task over every chunk, sync and async, and sums the statistic', async () => {
    expect(runLocal('selfTest', [0], [], bounds)).toBe(320);
    expect(runParallel('selfTest', [0], [], bounds, 3)).toBe(320);
    expect(poolSize()).toBe(2);
    expect(await runParallelAsync('selfTest', [0], [], bounds, 2)).toBe(320);
  });
  it('surfaces a worker exception as an exception (sync) and a rejection (async), then keeps working', async () => {
    expect(() => runParallel('selfTest', [1], [], bounds, 3)).toThrow(/induced failure on thread [12]/);
    await expect(runParallelAsync('selfTest', [1], [], bounds, 2)).rejects.toThrow(/induced failure/);
    expect(() => runParallel('selfTest', [3], [], bounds, 2)).toThrow(/induced failure on thread \d/);
    expect(runParallel('selfTest', [0], [], bounds, 3)).toBe(320);
  });
  it('a worker that dies makes the call fail instead of hanging, and the pool is rebuilt', async () => {
    setPoolTimeouts(30_000, 1500);
    expect(() => runParallel('selfTest', [2], [], bounds, 2)).toThrow(/no progress|exited|failed/);
    await new Promise((r) => setTimeout(r, 50));
    expect(runParallel('selfTest', [0], [], bounds, 2)).toBe(320);
    await expect(runParallelAsync('selfTest', [2], [], bounds, 2)).rejects.toThrow(/exited|no progress|failed/);
    expect(await runParallelAsync('selfTest', [0], [], bounds, 2)).toBe(320);
    setPoolTimeouts(30_000, 60_000);
  });
});
