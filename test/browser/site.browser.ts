/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The documentation site (docs/site/, built by `npm run docs`) in headless Chromium, served with
 * COOP/COEP: every page without console errors, broken images or raw Markdown; guide examples
 * show their output; on the playground a fixture .mtx is dropped, the solvers and the OT example
 * run, a screenshot is saved (test-artifacts/), and the numbers shown equal Node's.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sp from '../../src/index.js';
import { type StaticServer, startStaticServer } from '../../scripts/static-server.mjs';
import { readMatrix, runOT, runSolvers } from '../../docs/site-src/playground-core.js';
import { chromiumMissing, collectErrors, launchChromium } from './chromium.js';

const root = join(import.meta.dirname, '../..');
const site = join(root, 'docs/site');
const artifacts = join(root, 'test-artifacts');
const DROPPED = 'Erdos971.mtx';
const missing = chromiumMissing();

/** Visible text outside code, where Markdown syntax would mean it was not rendered. */
const RAW_MARKDOWN = [/^#{1,6}\s+\S/m, /```/, /\*\*[^*\s][^*\n]*\*\*/, /\[[^\]\n]+\]\([^)\s]+\)/, /^\s*\|[^|\n]+\|[^|\n]+\|\s*$/m];

async function pageProblems(page: Page): Promise<{ broken: string[]; images: number; text: string }> {
  return page.evaluate(() => {
    const imgs = [...document.images];
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('pre, code, script, style').forEach((e) => e.remove());
    return { broken: imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src.slice(0, 80)), images: imgs.length, text: body.innerText };
  });
}

describe.skipIf(missing !== null)('the documentation site in headless Chromium', () => {
  let server: StaticServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    if (!existsSync(join(site, 'playground.html'))) execSync('npm run docs', { cwd: root, stdio: 'inherit' });
    server = await startStaticServer({ root: site });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const guidePages = (): string[] => ['index.html', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '.html')), 'benchmarks.html', 'api/index.html'];

  it('every guide, the benchmarks and the API index render: no console errors, no broken images, no raw Markdown; examples show their output', async () => {
    let outputs = 0;
    for (const p of guidePages()) {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server.url}/${p}`, { waitUntil: 'load' });
      const r = await pageProblems(page);
      expect(errors, p).toEqual([]);
      expect(r.broken, p).toEqual([]);
      for (const re of RAW_MARKDOWN) expect(re.exec(r.text)?.[0], `${p}: raw Markdown ${re}`).toBeUndefined();
      outputs += await page.locator('pre.output').count();
      if (p === 'index.html' || p === 'optimal-transport.html') {
        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, `site-${p.replace('.html', '')}.png`) });
      }
      await page.close();
    }
    expect(outputs).toBeGreaterThanOrEqual(5);
  });

  it('the playground: drop a .mtx, see its spy picture, run SpMV/SpGEMM/CG/eigsh and OT; Node\'s numbers; a screenshot', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/playground.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const text = readFileSync(join(root, 'test/fixtures/matrices', DROPPED), 'utf8');
    const dt = await page.evaluateHandle(([name, body]) => {
      const d = new DataTransfer();
      d.items.add(new File([body], name, { type: 'text/plain' }));
      return d;
    }, [DROPPED, text] as const);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
    await page.waitForSelector(`body[data-loaded="${DROPPED}"]`, { timeout: 30_000 });
    await page.click('#run');
    await page.waitForSelector(`body[data-ran="${DROPPED}"]`, { timeout: 60_000 });
    await page.click('#run-ot');
    await page.waitForSelector('body[data-ot="done"]', { timeout: 60_000 });
    await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });

    const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('tr[data-key]')].map((tr) => [(tr as HTMLElement).dataset['key']!, JSON.parse((tr.querySelector('td.value') as HTMLElement).dataset['value']!)])));
    const r = await pageProblems(page);
    expect(errors).toEqual([]);
    expect(r.broken).toEqual([]);
    expect(r.images).toBe(3); // spy, CG convergence, OT convergence
    expect(await page.locator('#spy img').getAttribute('alt')).toContain(DROPPED);
    const svgs = await page.evaluate(() => [...document.querySelectorAll('.picture img')].map((i) => decodeURIComponent((i as HTMLImageElement).src.split(',')[1]!)));
    expect(svgs[0]).toContain('data-rows="472"');
    expect(svgs[1]).toContain('class="series"');
    expect((svgs[2]!.match(/class="series"/g) ?? []).length).toBe(2);

    const now = () => performance.now();
    const node = runSolvers(sp, readMatrix(sp, text), now);
    const ot = runOT(sp, now);
    // Products and CG run on kernels that add in a fixed order: bit for bit. eigsh, Sinkhorn and
    // SNS call Math.exp / Math.log / Math.hypot, whose last bit differs between engines.
    for (const row of node.rows) {
      if (row.key === 'eigsh') {
        (row.value as number[]).forEach((v, k) => expect(Math.abs((shown['eigsh'] as number[])[k]! - v)).toBeLessThanOrEqual(1e-10 * Math.abs(v)));
      } else {
        expect(shown[row.key], row.key).toEqual(row.value);
      }
    }
    for (const row of ot.rows) expect(Math.abs((shown[row.key] as number) - (row.value as number))).toBeLessThanOrEqual(1e-12 * (row.value as number));
    await page.close();
  });
});
