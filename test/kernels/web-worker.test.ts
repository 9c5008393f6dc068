import { describe, expect, it } from 'vitest';
import { kernelInfo } from '../../src/index.js';
import { canBlock, webWorkerSource, webWorkerSpawner } from '../../src/kernels/runtime/threads/web-worker.js';

describe('Web Worker adapter (the browser side is run by npm run test:browser)', () => {
  it('offers no Web Workers on Node (worker_threads serve there) and knows Node may block', () => {
    expect(webWorkerSpawner()).toBeNull();
    expect(canBlock()).toBe(true);
  });
  it('wraps the worker loop so it starts on the first message, once', () => {
    const src = webWorkerSource('((wd) => globalThis.__got = wd)');
    const self: { onmessage: ((ev: { data: unknown }) => void) | null } = { onmessage: null };
    new Function('self', src)(self);
    const handler = self.onmessage!;
    handler({ data: 42 });
    expect((globalThis as { __got?: unknown }).__got).toBe(42);
    expect(self.onmessage).toBeNull();
  });
  it('kernelInfo names the worker kind and whether synchronous calls may use it', () => {
    const info = kernelInfo();
    expect(info.workers).toBe('worker_threads');
    expect(info.syncThreads).toBe(info.threads);
  });
});
