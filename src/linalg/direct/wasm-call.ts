/**
 * Running a kernel of `assembly/sparse-simplicial.ts` or `assembly/amd.ts` on copies of typed arrays: the arrays are
 * copied into one block of WASM memory, the kernel is called with their byte offsets followed by
 * the scalar arguments, and the arrays named as outputs are copied back. The copies cost
 * O(total length), small beside the factorizations' flops; the scatter loops themselves run about
 * three times faster in WASM than in JS (bench/compare/06-direct.mjs).
 *
 * @module
 * @internal
 */
import { wantWasm } from '../../kernels/runtime/backend.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';

/** Room for a write-only array that is never copied back (no JS array needed): `length` elements of `bytes` bytes. @internal */
export interface Room {
  bytes: 4 | 8;
  length: number;
}

/** `bytes` rounded up to a multiple of 16 (the alignment of every array laid out in WASM memory here). @internal */
export const align16 = (bytes: number): number => (bytes + 15) & ~15;

/**
 * Byte offsets of arrays of the given sizes laid out one after another, each 16-byte aligned, and
 * the bytes they take in all. @internal
 */
export function alignedOffsets(sizes: readonly number[]): { offsets: number[]; bytes: number } {
  const offsets: number[] = [];
  let bytes = 0;
  for (const b of sizes) {
    offsets.push(bytes);
    bytes += align16(b);
  }
  return { offsets, bytes };
}

/**
 * Call WASM export `name` on copies of `arrays` and `scalars`; copy `arrays[t]` back for every t
 * in `outputs`. Arrays listed in `writeOnly` (outputs the kernel writes before it reads them) are
 * not copied in; a {@link Room} stands for one of them that is not copied back either. With `scratchBytes` > 0, a block of that many uninitialised bytes is passed too,
 * after the arrays' offsets (work space that needs no copy from JS). `after`, when given, runs on
 * the kernel's result and the pointer arguments before the copies back (to call further kernels
 * on the same memory), and may return the outputs to copy instead of `outputs`. Returns the
 * kernel's result, or null (nothing done) when the WASM kernels are not in use or memory is
 * short: the caller then runs its JS loop.
 * @internal
 */
export function callOnCopies(name: string, arrays: (Int32Array | Float64Array | Room)[], scalars: number[], outputs: number[], scratchBytes = 0, writeOnly: number[] = [], after?: (ret: number, args: number[]) => number[] | undefined): number | null {
  if (!wantWasm(true)) return null;
  const w = getWasm();
  if (!w) return null;
  const packed = alignedOffsets(arrays.map((a) => ('bytes' in a ? a.bytes * a.length : a.byteLength)));
  const offsets = packed.offsets;
  let bytes = packed.bytes;
  const scratch = bytes;
  bytes += scratchBytes;
  const base = w.alloc(Math.max(16, bytes));
  if (base < 0) return null;
  try {
    const args: number[] = [];
    // Views are made after the allocation (memory may have grown).
    const views = arrays.map((a, t) => {
      const p = base + offsets[t]!;
      args.push(p);
      if ('bytes' in a) return null;
      const v = a instanceof Int32Array ? w.i32(p, a.length) : w.f64(p, a.length);
      if (!writeOnly.includes(t)) v.set(a);
      return v;
    });
    if (scratchBytes > 0) args.push(base + scratch);
    const ret = w.fn(name)(...args, ...scalars);
    for (const t of after?.(ret, args) ?? outputs) (arrays[t] as Int32Array | Float64Array).set(views[t]!);
    return ret;
  } finally {
    w.free(base);
  }
}
