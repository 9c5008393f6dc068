// Module Web Worker of the isolated page: here the thread may block, so the synchronous kernels
// use the pool (nested Web Workers) too.
import * as sp from '/build/browser/sparsity.js';
import { encode, runScenario } from './scenario.js';

self.onmessage = async (ev) => {
  try {
    const { mtx, opts } = ev.data;
    // Start the pool and let its workers boot before the blocking calls wait on them.
    await sp.spmvAsync(sp.identity(4, { format: 'csr' }), [1, 2, 3, 4], { threads: opts.threads });
    const r = encode(await runScenario(sp, mtx, opts));
    self.postMessage({ ok: true, result: r, info: sp.kernelInfo() });
  } catch (e) {
    self.postMessage({ ok: false, error: String(e && e.stack ? e.stack : e) });
  }
};
