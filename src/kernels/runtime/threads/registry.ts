/**
 * The task registry of the worker pool. A kernel family defines each of its parallel tasks once,
 * with {@link defineTask}: a name, the named layout of its parameters (integer fields, then float
 * fields, written into the shared parameter words by the caller and read back by name on every
 * thread), a "prepare" function that turns the parameters into a chunk runner `(r0, r1) => stat`,
 * and the plain-JS kernel functions the task calls. The pool knows no kernel: it ships the source
 * text of every registered task and kernel to its workers (`worker_threads` or Web Workers), so a
 * row is computed by the same code whatever thread runs it.
 *
 * Rules for what a family registers (the functions travel as source text): `prepare` is an arrow
 * function or function expression (not method shorthand) that uses only its arguments and
 * globals; kernels are function declarations that may call each other by name (all kernels of all
 * tasks share one table, so names must be unique).
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../../core/errors.js';
import { P } from './protocol.js';

/** What a task sees of its thread. @internal */
export interface ThreadContext {
  /** The shared WASM memory. */
  memory: { readonly buffer: ArrayBufferLike };
  /** This thread's instance exports (null when the thread has no WASM). */
  exports: Record<string, unknown> | null;
  /** 0 for the main thread, 1.. for workers. */
  index: number;
  /** Per-thread cache (JS scratch arrays). */
  local: Record<string, unknown>;
}

/** A chunk runner: processes rows [r0, r1) and returns a statistic to sum (e.g. hash rows). @internal */
export type ChunkRunner = (r0: number, r1: number) => number;

/** Kernel table passed to tasks (function name -> function). @internal */
export type KernelTable = Record<string, (...args: never[]) => unknown>;

/** The parameters of a task by field name (int32 fields and float64 fields). @internal */
export type TaskParams<I extends string, F extends string> = Readonly<Record<I | F, number>>;

/** What a kernel family declares about one parallel task. @internal */
export interface TaskDefinition<I extends string, F extends string> {
  /** Unique task name (also in error messages). */
  name: string;
  /** Int32 parameter fields, in slot order (pointers, sizes, flags). */
  ints: readonly I[];
  /** Float64 parameter fields, in slot order. */
  floats: readonly F[];
  /** Builds the chunk runner of this thread from the parameters (runs on every participating thread). */
  prepare: (ctx: ThreadContext, p: TaskParams<I, F>, K: KernelTable) => ChunkRunner;
  /** Plain-JS kernel functions the task looks up in `K` by these names. */
  kernels: Record<string, (...args: never[]) => unknown>;
}

/** A registered task: its definition plus its index in the registry (the id sent to workers). @internal */
export interface Task<I extends string = string, F extends string = string> extends TaskDefinition<I, F> {
  readonly id: number;
}

const tasks: Task[] = [];
const kernels: KernelTable = {};

/**
 * Register a parallel task of a kernel family (call once, at module load). Checks that the
 * layout fits the shared parameter block and that kernel names do not clash. @internal
 */
export function defineTask<const I extends string, const F extends string = never>(def: TaskDefinition<I, F>): Task<I, F> {
  if (tasks.some((t) => t.name === def.name)) throw new ArgumentError('defineTask name', def.name, 'a name not yet registered');
  if (def.ints.length > P.NINTS || def.floats.length > P.NFLOATS) {
    throw new ArgumentError(`defineTask ${def.name} layout`, `${def.ints.length} ints, ${def.floats.length} floats`, `at most ${P.NINTS} ints and ${P.NFLOATS} floats`);
  }
  if (!/^(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/.test(def.prepare.toString())) {
    throw new ArgumentError(`defineTask ${def.name} prepare`, 'method shorthand', 'an arrow function or function expression (its source text is sent to the workers)');
  }
  for (const [name, f] of Object.entries(def.kernels)) {
    if (kernels[name] !== undefined && kernels[name] !== f) throw new ArgumentError(`defineTask ${def.name} kernels`, name, 'a kernel name not used by another function');
    kernels[name] = f;
  }
  const task = { ...def, id: tasks.length } as Task<I, F>;
  tasks.push(task as unknown as Task);
  return task;
}

/** Every registered task, by id. @internal */
export function registeredTasks(): readonly Task[] {
  return tasks;
}

/** The kernel functions of every registered task, by name. @internal */
export function registeredKernels(): KernelTable {
  return kernels;
}

/**
 * Write `params` into the shared words `I` (int32 fields) and `F` (float64 fields) in the task's
 * layout; every field must be given. @internal
 */
export function encodeParams(task: Task, params: Readonly<Record<string, number>>, I: Int32Array, F: Float64Array): void {
  task.ints.forEach((name, s) => {
    const v = params[name];
    if (v === undefined) throw new ArgumentError(`task ${task.name} parameter ${name}`, v, 'a number');
    I[s] = v;
  });
  task.floats.forEach((name, s) => {
    const v = params[name];
    if (v === undefined) throw new ArgumentError(`task ${task.name} parameter ${name}`, v, 'a number');
    F[s] = v;
  });
}
