// Minimal typings for the parts of `ndarray-ops` the library uses.
declare module 'ndarray-ops' {
  import type { NdArray } from 'ndarray';
  export function assign(dest: NdArray, src: NdArray): NdArray;
}
