import { describe, expect, it } from 'vitest';
import { base64Bytes, wasmBytes } from '../../src/kernels/runtime/wasm/loader.js';
import { wasmBase64 } from '../../src/kernels/runtime/wasm/binary.generated.js';

describe('base64 decoding of the embedded WASM module', () => {
  it("the host's decoder gives the copy loop's bytes for every byte value", () => {
    const all = Uint8Array.from({ length: 3 * 256 + 2 }, (_, i) => (i * 7 + (i >> 8)) & 255);
    let latin1 = '';
    for (const v of all) latin1 += String.fromCharCode(v);
    for (const cut of [all.length, all.length - 1, all.length - 2]) {
      const s = btoa(latin1.slice(0, cut));
      const fast = base64Bytes(s);
      expect(fast).toBeInstanceOf(Uint8Array);
      expect(Array.from(fast)).toEqual(Array.from(base64Bytes(s, false)));
      expect(Array.from(fast)).toEqual(Array.from(all.subarray(0, cut)));
    }
  });

  it("wasmBytes is the module's bytes: the copy loop's result, starting with the WASM magic", () => {
    expect(wasmBase64).not.toBeNull();
    const fast = wasmBytes()!;
    const loop = base64Bytes(wasmBase64!, false);
    expect(fast.length).toBe(loop.length);
    expect(Buffer.from(fast.buffer, fast.byteOffset, fast.length).equals(Buffer.from(loop.buffer, loop.byteOffset, loop.length))).toBe(true);
    expect(Array.from(fast.subarray(0, 4))).toEqual([0, 0x61, 0x73, 0x6d]);
    expect(WebAssembly.validate(fast as Uint8Array<ArrayBuffer>)).toBe(true);
  });
});
