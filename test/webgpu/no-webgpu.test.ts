/**
 * Without WebGPU (Node without the optional `webgpu` package, as in CI's vitest run), createGpu
 * rejects with a SparsityError that says what is missing. The GPU tests themselves run under Deno
 * (test/webgpu/gpu.deno.mjs).
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, SparsityError } from '../../src/index.js';
import { createGpu } from '../../src/webgpu/index.js';

async function hasWebgpuPackage(): Promise<boolean> {
  const name = 'webgpu';
  try {
    await import(/* @vite-ignore */ name);
    return true;
  } catch {
    return false;
  }
}

describe('createGpu without WebGPU', () => {
  it('rejects with a SparsityError naming navigator.gpu and the webgpu package', async (ctx) => {
    if ((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu || (await hasWebgpuPackage())) ctx.skip();
    const err = await createGpu().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SparsityError);
    expect((err as Error).message).toMatch(/navigator\.gpu is missing/);
    expect((err as Error).message).toMatch(/npm install webgpu/);
  });

  it('rejects a bad option before looking for a GPU', async () => {
    await expect(createGpu({ adaptor: null } as never)).rejects.toThrow(ArgumentError);
    await expect(createGpu({ adapter: {} as never })).rejects.toThrow(/GPUAdapter/);
    await expect(createGpu({ powerPreference: 'fast' as never })).rejects.toThrow(/powerPreference/);
  });

  it('reports an adapter whose request finds nothing', async () => {
    const nav = globalThis as { navigator?: unknown };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: { requestAdapter: async () => null } }, configurable: true });
    try {
      await expect(createGpu()).rejects.toThrow(/no adapter was found/);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete nav.navigator;
    }
  });
});
