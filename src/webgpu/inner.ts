/**
 * The device loop shared by the mixed-precision solvers: an inner f32 solve whose iterations
 * (products, reductions and the scalar recurrence) are prebuilt dispatches, run in batches of one
 * submission each; after a batch the CPU reads the per-iteration history the kernels wrote and
 * decides whether to go on.
 *
 * @module
 * @internal
 */
import type { Dispatch, Gpu } from './context.js';
import type { WgpuBuffer } from './types.js';

/** Most GPU iterations in one submission. @internal */
export const BATCH_MAX = 512;

/** An inner solve on the device: scalars in `s` (a history counter at `counterSlot`), history in `hist`. @internal */
export abstract class InnerSolve {
  /** Buffers freed by {@link InnerSolve.destroy}. */
  protected readonly owned: WgpuBuffer[] = [];
  /** The dispatches of one iteration, in order. */
  protected iteration: Dispatch[] = [];

  constructor(
    readonly gpu: Gpu,
    /** The scalar buffer. */
    readonly s: WgpuBuffer,
    /** The history buffer (`perIteration` floats per iteration, BATCH_MAX iterations). */
    readonly hist: WgpuBuffer,
    private readonly counterSlot: number,
    private readonly perIteration: number,
  ) {
    this.owned.push(s, hist);
  }

  /** Record `k` (≤ BATCH_MAX) iterations, run them, and return the history they wrote. */
  async run(k: number): Promise<Float32Array> {
    this.gpu.write(this.s, new Float32Array([0]), 4 * this.counterSlot);
    for (let t = 0; t < k; t++) for (const d of this.iteration) this.gpu.record(d);
    return new Float32Array(await this.gpu.read(this.hist, 0, 4 * this.perIteration * k));
  }

  /**
   * Run batches of 16, 32, … up to {@link BATCH_MAX} iterations, at most `budget` in all, until
   * `reached(history, t)` holds for an iteration t of a batch; returns the iterations done.
   */
  async solve(budget: number, reached: (h: Float32Array, t: number) => boolean): Promise<number> {
    let done = 0;
    let batch = 16;
    for (;;) {
      const k = Math.min(batch, budget - done);
      if (k <= 0) return done;
      const h = await this.run(k);
      for (let t = 0; t < k; t++) if (reached(h, t)) return done + t + 1;
      done += k;
      batch = Math.min(BATCH_MAX, batch * 2);
    }
  }

  /** Free the buffers. */
  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}
