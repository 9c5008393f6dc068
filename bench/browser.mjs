// `npm run bench:browser`: the same workloads (bench/browser/workload.js) through the library in
// Node (dist/) and in headless Chromium (the browser bundle, on a cross-origin-isolated page), in
// one run; prints both medians and the ratio Chromium / Node per workload and backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildBrowserBundle } from '../scripts/build-browser.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';
import { printTable } from './lib/harness.mjs';
import { runWorkloads } from './browser/workload.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await buildBrowserBundle();
const sp = await import(pathToFileURL(join(root, 'dist/index.js')).href);
const server = await startStaticServer({ root });
const profile = mkdtempSync(join(tmpdir(), 'sparsity-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  headless: true,
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  await page.goto(`${server.url}/bench/browser/page.html`);
  await page.waitForFunction(() => window.ready === true);
  const version = context.browser()?.version() ?? 'chromium';
  // Interleave: Node, Chromium, Node, Chromium; keep each side's faster median.
  const runs = { node: [], chromium: [] };
  for (let rep = 0; rep < 2; rep++) {
    runs.node.push(runWorkloads(sp, () => performance.now()));
    runs.chromium.push(await page.evaluate(() => window.runBench()));
  }
  const best = (side, k) => Math.min(...runs[side].map((r) => r[k].seconds));
  const rows = runs.node[0].map((r, k) => {
    const c = runs.chromium[0][k];
    if (c.check !== r.check) throw new Error(`${r.workload} (${r.backend}): Chromium gave ${c.check}, Node ${r.check}`);
    return { workload: r.workload, backend: r.backend, 'node ms': best('node', k) * 1e3, 'chromium ms': best('chromium', k) * 1e3, 'chromium / node': best('chromium', k) / best('node', k) };
  });
  printTable(`sparsity in Node ${process.version} and in headless Chromium ${version} (one thread; medians, best of 2 interleaved runs)`, rows);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
  await sp.shutdown();
}
