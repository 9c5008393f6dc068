/**
 * The body of a pool worker, as a self-contained function: the pool evaluates its source text
 * (plus the registered kernel and task functions, see `registry.ts`) in a `worker_threads` Worker with `eval: true`, or in a Web
 * Worker from a Blob URL, so no file has to be resolved on Node, Deno, Bun or in a browser, from
 * TypeScript sources, the built package or a bundle.
 *
 * @module
 * @internal
 */

/**
 * Worker loop (`workerData`: the shared buffers and the WASM module, from the pool): instantiate the WASM module on the shared memory, report ready, then for each task
 * generation join it while it is open and take chunks until none are left. Errors are caught and reported
 * through the shared error words (the main thread rethrows them); nothing here can hang the caller
 * because the main thread's waits are bounded by a stall watchdog. @internal
 */
export function workerMain(
  K: Record<string, unknown>,
  T: Array<{ prepare: (...a: unknown[]) => (r0: number, r1: number) => number; ints: string[]; floats: string[] }>,
  decode: (ints: string[], floats: string[], I: Int32Array, F: Float64Array) => Record<string, number>,
  C: Record<string, number>,
  P: Record<string, number>,
  workerData: unknown,
): void {
  const wd = workerData as { memory: { buffer: ArrayBufferLike }; module: unknown; ctrl: SharedArrayBuffer; params: SharedArrayBuffer; index: number; seq: number };
  const ctrl = new Int32Array(wd.ctrl);
  const I = new Int32Array(wd.params, P['INTS']!, P['NINTS']!);
  const F = new Float64Array(wd.params, P['FLOATS']!, P['NFLOATS']!);
  const E = new Uint16Array(wd.params, P['ERR']!, P['NERR']!);
  const B = new Int32Array(wd.params, P['BOUNDS']!, P['MAXCHUNKS']! + 1);
  let exports: Record<string, unknown> | null = null;
  try {
    const WA = (globalThis as unknown as { WebAssembly: { Instance: new (m: unknown, i: unknown) => { exports: Record<string, unknown> } } }).WebAssembly;
    if (wd.module) exports = new WA.Instance(wd.module, { env: { memory: wd.memory, abort: () => { throw new Error('wasm kernel abort'); } } }).exports;
  } catch {
    exports = null;
  }
  const ctx = { memory: wd.memory, exports, index: wd.index, local: {} as Record<string, unknown> };
  const fail = (e: unknown): void => {
    const msg = `worker ${wd.index}: ${e instanceof Error ? e.message : String(e)}`.slice(0, E.length);
    if (Atomics.compareExchange(ctrl, C['ERROR']!, 0, 1) === 0) {
      for (let i = 0; i < msg.length; i++) E[i] = msg.charCodeAt(i);
      ctrl[C['ERRLEN']!] = msg.length;
    }
  };
  Atomics.add(ctrl, C['READY']!, 1);
  Atomics.notify(ctrl, C['READY']!);
  let seen = wd.seq;
  for (;;) {
    Atomics.wait(ctrl, C['SEQ']!, seen);
    seen = Atomics.load(ctrl, C['SEQ']!);
    if (Atomics.load(ctrl, C['STOP']!)) break;
    if (wd.index > ctrl[C['PARTICIPANTS']!]!) continue;
    // Join only while the task is open: the caller closes it once every chunk is taken and then
    // waits for ACTIVE to drop to zero before it writes the next task's parameters.
    Atomics.add(ctrl, C['ACTIVE']!, 1);
    if (Atomics.load(ctrl, C['OPEN']!) === seen) {
      let current = -1;
      try {
        const task = T[ctrl[C['TASK']!]!]!;
        const run = task.prepare(ctx, decode(task.ints, task.floats, I, F), K);
        const nChunks = ctrl[C['NCHUNKS']!]!;
        let stat = 0;
        for (;;) {
          current = Atomics.add(ctrl, C['NEXT']!, 1);
          if (current >= nChunks) break;
          if (Atomics.load(ctrl, C['ERROR']!) === 0) stat += run(B[current]!, B[current + 1]!);
          current = -1;
          Atomics.add(ctrl, C['DONE']!, 1);
          Atomics.notify(ctrl, C['DONE']!);
        }
        if (stat) Atomics.add(ctrl, C['STAT']!, stat);
      } catch (e) {
        fail(e);
        // Account for the failed chunk and drain the others, so no caller waits for them.
        const nChunks = ctrl[C['NCHUNKS']!]!;
        let drained = current >= 0 && current < nChunks ? 1 : 0;
        while (Atomics.add(ctrl, C['NEXT']!, 1) < nChunks) drained++;
        Atomics.add(ctrl, C['DONE']!, drained);
        Atomics.notify(ctrl, C['DONE']!);
      }
    }
    Atomics.sub(ctrl, C['ACTIVE']!, 1);
    Atomics.notify(ctrl, C['ACTIVE']!);
  }
}
