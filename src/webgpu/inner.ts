/**
 * The device loop shared by the mixed-precision solvers: an inner f32 solve whose iterations
 * (products, reductions and the scalar recurrence) are prebuilt dispatches, run in batches of one
 * submission each. The kernels write a per-iteration history; the CPU reads a batch's history
 * while the next batch already runs on the device, and stops submitting once a batch shows the
 * solve frozen (converged or broken down). Frozen iterations are no-ops on the device, so the one
 * batch submitted past that point changes nothing.
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

  /**
   * Record `k` (≤ BATCH_MAX) iterations and submit them with a copy of the history they write;
   * the promise resolves with that history once they ran (the caller may submit more meanwhile).
   */
  run(k: number): Promise<Float32Array> {
    this.gpu.write(this.s, new Float32Array([0]), 4 * this.counterSlot);
    for (let t = 0; t < k; t++) for (const d of this.iteration) this.gpu.record(d);
    return this.gpu.read(this.hist, 0, 4 * this.perIteration * k).then((b) => new Float32Array(b));
  }

  /**
   * Run batches of `first`, 2·`first`, … up to {@link BATCH_MAX} iterations, at most `budget` in
   * all, one batch ahead of the history read back, until `reached(history, t)` holds for an
   * iteration t of a batch (the device must be frozen from there on); returns the iterations done,
   * t's included.
   */
  async solve(budget: number, reached: (h: Float32Array, t: number) => boolean, first = 16): Promise<number> {
    let done = 0;
    let submitted = 0;
    let batch = first;
    let pending: { k: number; h: Promise<Float32Array> } | null = null;
    for (;;) {
      const k = Math.min(batch, budget - submitted);
      const next = k > 0 ? { k, h: this.run(k) } : null;
      submitted += Math.max(0, k);
      batch = Math.min(BATCH_MAX, batch * 2);
      if (pending) {
        const h = await pending.h;
        for (let t = 0; t < pending.k; t++) {
          if (reached(h, t)) {
            // The batch submitted ahead runs frozen, before anything the caller submits next.
            next?.h.catch(() => undefined);
            return done + t + 1;
          }
        }
        done += pending.k;
      }
      if (!next) return done;
      pending = next;
    }
  }

  /** Free the buffers. */
  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}
