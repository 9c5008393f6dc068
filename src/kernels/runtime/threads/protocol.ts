/**
 * Layout of the two small SharedArrayBuffers that coordinate the pool (control words and task
 * parameters), and the reading of a task's named parameters from them. Shared by the pool and the
 * worker body (which receives the numbers inlined and {@link decodeParams} as source text).
 *
 * @module
 * @internal
 */

/** Indices into the Int32 control array. @internal */
export const C = {
  SEQ: 0, // task generation: bumped (and notified) to start a task
  NEXT: 1, // next chunk to take (Atomics.add)
  DONE: 2, // chunks finished
  ACTIVE: 3, // workers inside the current task (they read its parameters only while counted here)
  ERROR: 4, // 1 when a thread failed
  STOP: 5, // 1 asks the workers to exit
  READY: 6, // workers that have started
  NCHUNKS: 7,
  TASK: 8, // id of the task in the registry (registry.ts)
  PARTICIPANTS: 9, // workers with index <= this take chunks
  ERRLEN: 10, // length of the error message
  STAT: 11, // sum of the chunk runners' statistics
  OPEN: 12, // generation of the task workers may still join (0 once the caller closed it)
  SIZE: 16,
} as const;

/** Byte layout of the parameter buffer. @internal */
export const P = {
  INTS: 0, // Int32 x 64 task integer fields (the task's named layout)
  NINTS: 64,
  FLOATS: 256, // Float64 x 16 task float fields
  NFLOATS: 16,
  ERR: 384, // Uint16 x 800 error message
  NERR: 800,
  BOUNDS: 2048, // Int32 chunk bounds
  MAXCHUNKS: 4096,
  BYTES: 2048 + 4 * 4097 + 12,
} as const;

/**
 * Read a task's parameters back by name from the shared words: `ints[s]` is the field in Int32
 * slot s, `floats[s]` the field in Float64 slot s (the layout given to `defineTask`). Self-contained:
 * the workers receive its source text. @internal
 */
export function decodeParams(ints: readonly string[], floats: readonly string[], I: Int32Array, F: Float64Array): Record<string, number> {
  const p: Record<string, number> = {};
  for (let s = 0; s < ints.length; s++) p[ints[s]!] = I[s]!;
  for (let s = 0; s < floats.length; s++) p[floats[s]!] = F[s]!;
  return p;
}
