/**
 * Layout of the two small SharedArrayBuffers that coordinate the pool (control words and task
 * parameters). Shared by the pool and the worker body (which receives the numbers inlined).
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
  TASK: 8, // index of the task in the task table
  PARTICIPANTS: 9, // workers with index <= this take chunks
  ERRLEN: 10, // length of the error message
  STAT: 11, // sum of the chunk runners' statistics
  OPEN: 12, // generation of the task workers may still join (0 once the caller closed it)
  SIZE: 16,
} as const;

/** Byte layout of the parameter buffer. @internal */
export const P = {
  INTS: 0, // Int32 x 64 task integers
  NINTS: 64,
  FLOATS: 256, // Float64 x 16 task scalars
  NFLOATS: 16,
  ERR: 384, // Uint16 x 800 error message
  NERR: 800,
  BOUNDS: 2048, // Int32 chunk bounds
  MAXCHUNKS: 4096,
  BYTES: 2048 + 4 * 4097 + 12,
} as const;
