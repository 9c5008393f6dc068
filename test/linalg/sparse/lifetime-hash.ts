/** Shared by the result-lifetime tests: a bit-exact fingerprint of typed arrays. */

/** FNV-1a over the bytes of the arrays: changes if any bit of them does. */
export function hash(...arrays: ArrayBufferView[]): number {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let p = 0; p < b.length; p++) h = Math.imul(h ^ b[p]!, 0x01000193);
  }
  return h >>> 0;
}
