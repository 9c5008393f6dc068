/**
 * A task for testing the pool itself (no kernel): each chunk returns its row count, and `mode`
 * induces failures. Registered only where a test imports this module.
 *
 * @module
 * @internal
 */
import { defineTask } from './registry.js';

/**
 * Returns r1 - r0 per chunk; mode 1 makes workers throw when they join, 2 makes them exit
 * abruptly, 3 makes every thread throw on its chunks. With a nonzero mode the main thread pauses
 * 5 ms per chunk, so that workers surely join. @internal
 */
export const poolSelfTestTask = defineTask({
  name: 'selfTest',
  ints: ['mode'],
  floats: [],
  kernels: {},
  prepare: (ctx, p) => {
    const mode = p.mode;
    if (mode === 1 && ctx.index > 0) throw new Error(`induced failure on thread ${ctx.index}`);
    if (mode === 2 && ctx.index > 0) (globalThis as unknown as { process: { exit(c: number): void } }).process.exit(3);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    return (r0, r1) => {
      if (mode !== 0 && ctx.index === 0) Atomics.wait(pause, 0, 0, 5);
      if (mode === 3) throw new Error(`induced failure on thread ${ctx.index}`);
      return r1 - r0;
    };
  },
});
