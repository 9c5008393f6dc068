/**
 * The worker pool: `worker_threads` workers (Node, Deno and Bun), or Web Workers on a
 * cross-origin-isolated browser page (see `web-worker.ts`), sharing the WASM memory, created
 * lazily, unref'd (they never keep a script alive) and stopped by {@link shutdown}.
 *
 * A task splits rows into chunks (bounds in a shared buffer); threads take chunks from a shared
 * counter (`Atomics.add`), so uneven rows balance themselves. In the synchronous entry the main
 * thread takes chunks too and then blocks on `Atomics.wait` until every worker reports; the
 * asynchronous entry leaves the main thread free and awaits `Atomics.waitAsync`. A thread that
 * throws reports the message through shared memory and the caller rethrows it; a worker that dies
 * or stalls is caught by a watchdog (no progress for a minute), so callers never hang.
 *
 * The pool runs tasks that kernel families registered (`registry.ts`); it imports no kernel.
 * Workers receive the source of the tasks registered when they start; a task registered later
 * (a family loaded after the pool started) makes the next call restart the pool.
 *
 * @module
 * @internal
 */
import { ArgumentError, SparsityError } from '../../../core/errors.js';
import { getWasm } from '../wasm/loader.js';
import { C, P, decodeParams } from './protocol.js';
import { type Task, type TaskParams, type ThreadContext, encodeParams, registeredKernels, registeredTasks } from './registry.js';
import { type PoolWorker, type WorkerSpawner, canBlock, webWorkerSource, webWorkerSpawner } from './web-worker.js';
import { workerMain } from './worker-main.js';

let BOOT_TIMEOUT_MS = 30_000;
let STALL_TIMEOUT_MS = 60_000;

/** Test hook: shorten the start-up and stall timeouts (milliseconds). @internal */
export function setPoolTimeouts(bootMs: number, stallMs: number): void {
  BOOT_TIMEOUT_MS = bootMs;
  STALL_TIMEOUT_MS = stallMs;
}
/** Most threads a task uses. @internal */
export const MAX_THREADS = 64;

interface WorkerThreadsModule {
  Worker: new (code: string, options: { eval: boolean; workerData: unknown }) => PoolWorker;
}

interface Pool {
  workers: PoolWorker[];
  ctrl: Int32Array;
  I: Int32Array;
  F: Float64Array;
  E: Uint16Array;
  B: Int32Array;
  ctrlBuf: SharedArrayBuffer;
  params: SharedArrayBuffer;
  dead: string | null;
  busy: boolean;
  /** Tasks the workers were given (ids below this run on them). */
  taskCount: number;
}

let pool: Pool | null = null;
let source: { node: string; web: string; taskCount: number } | null = null;
let asyncChain: Promise<unknown> = Promise.resolve();
let defaultThreads: number | 'auto' = 'auto';

function builtin<T>(name: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  try {
    return (proc?.getBuiltinModule?.(name) as T | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Logical CPUs of this machine (1 when unknown). @internal */
export function hardwareThreads(): number {
  const os = builtin<{ availableParallelism?: () => number; cpus?: () => unknown[] }>('node:os');
  const n = os?.availableParallelism?.() ?? os?.cpus?.().length ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_THREADS, n | 0));
}

let workerThreads: WorkerThreadsModule | null | undefined;

/** How this runtime starts pool workers: `worker_threads`, Web Workers, or null (no threads here). */
function spawner(): { spawn: WorkerSpawner; web: boolean } | null {
  if (workerThreads === undefined) workerThreads = builtin<WorkerThreadsModule>('node:worker_threads');
  const wt = workerThreads;
  if (wt) return { spawn: (code, workerData) => new wt.Worker(code, { eval: true, workerData }), web: false };
  const web = webWorkerSpawner();
  return web ? { spawn: web, web: true } : null;
}

/** Which workers the pool uses here: `'worker_threads'`, `'web'` (Web Workers) or null. @internal */
export function workerKind(): 'worker_threads' | 'web' | null {
  const sp = spawner();
  return sp === null ? null : sp.web ? 'web' : 'worker_threads';
}

/** True when worker threads over shared WASM memory can run here. @internal */
export function threadsAvailable(): boolean {
  return spawner() !== null && getWasm() !== null;
}

/**
 * Set the default thread count of the parallel kernels (SpMV, SpGEMM): a positive integer, or
 * `'auto'` (the default: all logical CPUs, used only above a work threshold). A `threads` option
 * on a call overrides it; `1` disables threads.
 *
 * @param threads - positive integer or `'auto'`.
 * @throws {@link ArgumentError} for anything else.
 *
 * @example
 * ```ts
 * import { setThreads, getThreads } from 'sparsity';
 * setThreads(1);
 * getThreads(); // => 1
 * setThreads('auto');
 * ```
 */
export function setThreads(threads: number | 'auto'): void {
  defaultThreads = checkThreads(threads, 'threads');
}

/**
 * The default thread count set by {@link setThreads} (`'auto'` unless changed).
 *
 * @example
 * ```ts
 * import { getThreads } from 'sparsity';
 * getThreads(); // => "auto"
 * ```
 */
export function getThreads(): number | 'auto' {
  return defaultThreads;
}

/** Validate a `threads` option. @internal */
export function checkThreads(v: unknown, name = 'threads'): number | 'auto' {
  if (v === 'auto') return v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_THREADS) {
    throw new ArgumentError(name, v, `'auto' or an integer in [1, ${MAX_THREADS}]`);
  }
  return v;
}

/**
 * Threads to use for a call: an explicit option wins, then the default; `'auto'` gives every CPU
 * when `work >= autoMinWork` and the pool is already running (the first large call starts the
 * pool in the background and runs single-threaded). Returns 1 when threads are unavailable. @internal
 */
export function resolveThreads(option: number | 'auto' | undefined, work: number, autoMinWork: number): number {
  const t = option === undefined ? defaultThreads : checkThreads(option);
  if (t === 1 || (t === 'auto' && work < autoMinWork)) return 1;
  if (!threadsAvailable()) return 1;
  if (t !== 'auto') return t;
  const n = hardwareThreads();
  if (n < 2) return 1;
  if (!poolReady(n - 1)) {
    try {
      ensureWorkers(n - 1, false);
    } catch {
      return 1;
    }
    return poolReady(n - 1) ? n : 1;
  }
  return n;
}

function workerSource(web: boolean): { text: string; taskCount: number } {
  const tasks = registeredTasks();
  if (!source || source.taskCount !== tasks.length) {
    // Function declarations (not expressions), so kernels may call each other by name, as in their
    // modules; `f.name`, not the table key, in case a bundler renamed the declaration.
    const k = Object.entries(registeredKernels()).map(([n, f]) => `${f.toString()}\nK[${JSON.stringify(n)}] = ${f.name};`).join('\n');
    const t = tasks.map((d) => `{ prepare: (${d.prepare.toString()}), ints: ${JSON.stringify(d.ints)}, floats: ${JSON.stringify(d.floats)} }`).join(',\n');
    const head = `"use strict";\nconst K = {};\n${k}\nconst T = [${t}];\n`;
    const main = `((wd) => (${workerMain.toString()})(K, T, (${decodeParams.toString()}), ${JSON.stringify(C)}, ${JSON.stringify(P)}, wd))`;
    // worker_threads: the eval'd body runs as CommonJS, or as an ES module when the parent was
    // started with --input-type=module (workers inherit it): getBuiltinModule works in both,
    // require only in CJS. (In a string, so that bundlers see no Node import.)
    const nodeData = `(globalThis.process?.getBuiltinModule?.('node:worker_threads') ?? require('node:worker_threads')).workerData`;
    source = { node: `${head}${main}(${nodeData});\n`, web: head + webWorkerSource(main), taskCount: tasks.length };
  }
  return { text: web ? source.web : source.node, taskCount: source.taskCount };
}

function poolReady(workers: number): boolean {
  return pool !== null && pool.dead === null && pool.taskCount === registeredTasks().length && pool.workers.length >= workers && Atomics.load(pool.ctrl, C.READY) >= workers;
}

function discard(p: Pool): void {
  Atomics.store(p.ctrl, C.STOP, 1);
  Atomics.add(p.ctrl, C.SEQ, 1);
  Atomics.notify(p.ctrl, C.SEQ);
  for (const w of p.workers) void w.terminate().catch(() => 0);
  if (pool === p) pool = null;
}

/** Make sure the pool has `count` workers; with `wait`, block until they are running. @internal */
function ensureWorkers(count: number, wait: boolean): Pool {
  if (pool && (pool.dead !== null || pool.taskCount !== registeredTasks().length) && !pool.busy) discard(pool);
  const k = getWasm();
  const sp = spawner();
  if (!k || !sp) throw new SparsityError('worker threads are not available in this runtime');
  if (!pool) {
    const ctrlBuf = new SharedArrayBuffer(C.SIZE * 4);
    const params = new SharedArrayBuffer(P.BYTES);
    pool = {
      workers: [],
      ctrlBuf,
      params,
      ctrl: new Int32Array(ctrlBuf),
      I: new Int32Array(params, P.INTS, P.NINTS),
      F: new Float64Array(params, P.FLOATS, P.NFLOATS),
      E: new Uint16Array(params, P.ERR, P.NERR),
      B: new Int32Array(params, P.BOUNDS, P.MAXCHUNKS + 1),
      dead: null,
      busy: false,
      taskCount: workerSource(sp.web).taskCount,
    };
  }
  const p = pool;
  while (p.workers.length < count) {
    const index = p.workers.length + 1;
    const w = sp.spawn(workerSource(sp.web).text, { memory: k.memory, module: k.module, ctrl: p.ctrlBuf, params: p.params, index, seq: Atomics.load(p.ctrl, C.SEQ) });
    w.unref();
    w.on('error', (e) => {
      p.dead = `worker ${index} failed: ${e instanceof Error ? e.message : String(e)}`;
    });
    w.on('exit', (code) => {
      if (p.dead === null) p.dead = `worker ${index} exited (code ${String(code)})`;
    });
    p.workers.push(w);
  }
  if (wait) {
    const t0 = Date.now();
    for (;;) {
      const r = Atomics.load(p.ctrl, C.READY);
      if (r >= count) break;
      if (Date.now() - t0 > BOOT_TIMEOUT_MS) {
        discard(p);
        throw new SparsityError(`worker pool: ${count - r} of ${count} workers did not start within ${BOOT_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(p.ctrl, C.READY, r, 50);
    }
  }
  return p;
}

/** Write a task into the shared parameter block and start it. */
function start(p: Pool, task: Task, params: Readonly<Record<string, number>>, bounds: ArrayLike<number>, participants: number): void {
  const nChunks = bounds.length - 1;
  if (nChunks > P.MAXCHUNKS) throw new ArgumentError('chunks', nChunks, `at most ${P.MAXCHUNKS}`);
  if (task.id >= p.taskCount) throw new SparsityError(`worker pool: task ${task.name} is not known to the running workers`);
  encodeParams(task, params, p.I, p.F);
  p.B.set(bounds as ArrayLike<number>);
  const c = p.ctrl;
  Atomics.store(c, C.NEXT, 0);
  Atomics.store(c, C.DONE, 0);
  Atomics.store(c, C.ERROR, 0);
  Atomics.store(c, C.ERRLEN, 0);
  Atomics.store(c, C.STAT, 0);
  Atomics.store(c, C.NCHUNKS, nChunks);
  Atomics.store(c, C.TASK, task.id);
  Atomics.store(c, C.PARTICIPANTS, participants);
  const seq = (Atomics.load(c, C.SEQ) + 1) | 0 || 1; // never 0: OPEN = 0 means closed
  Atomics.store(c, C.OPEN, seq);
  Atomics.store(c, C.SEQ, seq);
  Atomics.notify(c, C.SEQ);
}

/** Close the current task: no worker joins it any more (those inside finish their chunk). */
function close(p: Pool): void {
  Atomics.store(p.ctrl, C.OPEN, 0);
}

function errorText(p: Pool): string {
  const len = Atomics.load(p.ctrl, C.ERRLEN);
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(p.E[i]!);
  return s;
}

function mainContext(): ThreadContext {
  const k = getWasm()!;
  return { memory: k.memory, exports: k.exports, index: 0, local: mainLocal };
}
const mainLocal: Record<string, unknown> = {};

/** The chunk runner of `task` on the calling thread, from parameters in the shared words. */
function prepareHere(task: Task, I: Int32Array, F: Float64Array): (r0: number, r1: number) => number {
  return task.prepare(mainContext(), decodeParams(task.ints, task.floats, I, F), registeredKernels());
}

/**
 * Run a task on the calling thread only (rows split by `bounds`, run in order). Used when threads
 * are off, and by the single-threaded WASM paths. The parameters pass through the same int32 and
 * float64 words as on the workers. Returns the summed statistic. @internal
 */
export function runLocal<I extends string, F extends string>(task: Task<I, F>, params: TaskParams<I, F>, bounds: ArrayLike<number>): number {
  const I = new Int32Array(P.NINTS);
  const F = new Float64Array(P.NFLOATS);
  encodeParams(task as unknown as Task, params, I, F);
  const run = prepareHere(task as unknown as Task, I, F);
  let stat = 0;
  for (let c = 0; c + 1 < bounds.length; c++) stat += run(bounds[c]!, bounds[c + 1]!);
  return stat;
}

/**
 * Run a task on `threads` threads (the caller plus threads - 1 workers), blocking until all are
 * done; runs locally when the pool is busy with an asynchronous task or this thread may not block
 * (a browser main thread). Rethrows a thread's error;
 * throws when a worker dies or stalls. Returns the summed statistic. @internal
 */
export function runParallel<I extends string, F extends string>(task: Task<I, F>, params: TaskParams<I, F>, bounds: ArrayLike<number>, threads: number): number {
  if (threads <= 1 || (pool !== null && pool.busy) || !canBlock()) return runLocal(task, params, bounds);
  const t = task as unknown as Task;
  const p = ensureWorkers(threads - 1, true);
  p.busy = true;
  let mainError: unknown = null;
  try {
    start(p, t, params, bounds, threads - 1);
    const c = p.ctrl;
    const nChunks = bounds.length - 1;
    // The main thread works too.
    try {
      const run = prepareHere(t, p.I, p.F);
      let stat = 0;
      for (;;) {
        const k = Atomics.add(c, C.NEXT, 1);
        if (k >= nChunks) break;
        if (Atomics.load(c, C.ERROR) === 0) stat += run(p.B[k]!, p.B[k + 1]!);
        Atomics.add(c, C.DONE, 1);
      }
      if (stat) Atomics.add(c, C.STAT, stat);
    } catch (e) {
      mainError = e;
      Atomics.store(c, C.ERROR, 1);
      while (Atomics.add(c, C.NEXT, 1) < nChunks) Atomics.add(c, C.DONE, 1);
    }
    // Close the task, then wait for the workers inside it to leave, with a stall watchdog (a worker
    // asleep or dead outside the task holds nothing up).
    close(p);
    let progress = -1;
    let since = Date.now();
    for (;;) {
      const a = Atomics.load(c, C.ACTIVE);
      if (a === 0) break;
      const now = Atomics.load(c, C.DONE);
      if (now !== progress) {
        progress = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_TIMEOUT_MS) {
        p.dead = 'stalled';
        p.busy = false;
        discard(p);
        throw new SparsityError(`worker pool: no progress for ${STALL_TIMEOUT_MS / 1000} s (a worker died or hung); the pool was restarted`);
      }
      Atomics.wait(c, C.ACTIVE, a, 100);
    }
    if (mainError) throw mainError;
    if (Atomics.load(c, C.ERROR)) throw new SparsityError(`parallel ${task.name} failed: ${errorText(p)}`);
    return Atomics.load(c, C.STAT);
  } finally {
    p.busy = false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait (asynchronously) until ctrl[index] >= target (or, with `down`, until it is <= target). */
async function waitValue(c: Int32Array, index: number, target: number, p: Pool, timeoutMs: number, label: string, down = false): Promise<void> {
  const waitAsync = (Atomics as unknown as { waitAsync?: (a: Int32Array, i: number, v: number, t: number) => { async: boolean; value: Promise<string> | string } }).waitAsync;
  let progress = -1;
  let since = Date.now();
  for (;;) {
    const v = Atomics.load(c, index);
    if (down ? v <= target : v >= target) return;
    if (p.dead !== null) throw new SparsityError(`worker pool: ${p.dead}`);
    const now = Atomics.load(c, C.DONE) * 65536 + v;
    if (now !== progress) {
      progress = now;
      since = Date.now();
    } else if (Date.now() - since > timeoutMs) {
      throw new SparsityError(`worker pool: ${label} made no progress for ${timeoutMs / 1000} s`);
    }
    if (waitAsync) {
      const r = waitAsync(c, index, v, 100);
      if (r.async) await r.value;
    } else {
      await sleep(1);
    }
  }
}

/**
 * Run a task on `threads` workers without blocking the calling thread (tasks queue one after the
 * other). Rejects on a thread's error, a worker's death or a stall. Runs locally when threads are
 * unavailable. Returns the summed statistic. @internal
 */
export function runParallelAsync<I extends string, F extends string>(task: Task<I, F>, params: TaskParams<I, F>, bounds: ArrayLike<number>, threads: number): Promise<number> {
  const job = asyncChain.then(async () => {
    if (threads < 1 || !threadsAvailable()) return runLocal(task, params, bounds);
    // Wait for a synchronous task to finish (it cannot be running: sync calls block this thread).
    const p = ensureWorkers(threads, false);
    for (const w of p.workers) w.ref();
    try {
      await waitValue(p.ctrl, C.READY, threads, p, BOOT_TIMEOUT_MS, 'start-up');
    } finally {
      for (const w of p.workers) w.unref();
    }
    p.busy = true;
    // Atomics.waitAsync does not keep the event loop alive: hold the workers' references while
    // the task runs, so a script awaiting it (top-level await) is not ended early.
    for (const w of p.workers) w.ref();
    try {
      start(p, task as unknown as Task, params, bounds, threads);
      await waitValue(p.ctrl, C.DONE, bounds.length - 1, p, STALL_TIMEOUT_MS, task.name);
      close(p);
      await waitValue(p.ctrl, C.ACTIVE, 0, p, STALL_TIMEOUT_MS, task.name, true);
      if (Atomics.load(p.ctrl, C.ERROR)) throw new SparsityError(`parallel ${task.name} failed: ${errorText(p)}`);
      return Atomics.load(p.ctrl, C.STAT);
    } catch (e) {
      if (p.dead !== null) discard(p);
      throw e;
    } finally {
      for (const w of p.workers) w.unref();
      p.busy = false;
    }
  });
  asyncChain = job.catch(() => undefined);
  return job;
}

/**
 * Stop the worker pool used by the parallel kernels (it is recreated on demand). The workers are
 * unref'd, so scripts exit without calling this; call it to release them early (for example in a
 * long-running server after a burst of parallel work).
 *
 * @example
 * ```ts
 * import { shutdown } from 'sparsity';
 * await shutdown();
 * ```
 */
export async function shutdown(): Promise<void> {
  await asyncChain;
  const p = pool;
  if (!p) return;
  pool = null;
  Atomics.store(p.ctrl, C.STOP, 1);
  Atomics.add(p.ctrl, C.SEQ, 1);
  Atomics.notify(p.ctrl, C.SEQ);
  await Promise.all(p.workers.map((w) => w.terminate().catch(() => 0)));
}

/** Number of running pool workers (0 when no pool). @internal */
export function poolSize(): number {
  return pool && pool.dead === null ? pool.workers.length : 0;
}
