/**
 * The embedded WASM module's bytes decode to the same bytes on every path `wasmBytes` takes (the
 * host's native decoder where there is one, else `atob` and a byte loop), checked against a decode
 * of the base64 text written out here, and they form a valid module.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wasmBase64 } from '../../src/kernels/runtime/wasm/binary.generated.js';
import { wasmBytes } from '../../src/kernels/runtime/wasm/loader.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 decoded by hand: 4 characters -> 3 bytes, '=' padding dropped. */
function decode(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let nbits = 0;
  let o = 0;
  for (const ch of clean) {
    bits = (bits << 6) | ALPHABET.indexOf(ch);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out[o++] = (bits >> nbits) & 0xff;
    }
  }
  return out;
}

const saved = { buffer: globalThis.Buffer, fromBase64: (Uint8Array as { fromBase64?: unknown }).fromBase64 };
afterEach(() => {
  globalThis.Buffer = saved.buffer;
  (Uint8Array as { fromBase64?: unknown }).fromBase64 = saved.fromBase64;
});

describe.skipIf(wasmBase64 === null)('wasmBytes', () => {
  const ref = decode(wasmBase64!);

  it('decodes natively to the same bytes as a decode by hand, into a valid module', () => {
    const bytes = wasmBytes()!;
    expect(bytes.length).toBe(ref.length);
    expect(Buffer.compare(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), Buffer.from(ref))).toBe(0);
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
  });

  it('decodes to the same bytes without a native decoder (atob and a byte loop)', () => {
    (Uint8Array as { fromBase64?: unknown }).fromBase64 = undefined;
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    const bytes = wasmBytes()!;
    globalThis.Buffer = saved.buffer;
    expect(bytes.length).toBe(ref.length);
    expect(Buffer.compare(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), Buffer.from(ref))).toBe(0);
  });

  it('uses Uint8Array.fromBase64 where the host has it', () => {
    let calls = 0;
    (Uint8Array as { fromBase64?: unknown }).fromBase64 = (s: string): Uint8Array => {
      calls++;
      return decode(s);
    };
    const bytes = wasmBytes()!;
    expect(calls).toBe(1);
    expect(Array.from(bytes.subarray(0, 8))).toEqual(Array.from(ref.subarray(0, 8)));
  });
});
