/**
 * README.md and the guides in docs/ cannot rot either: every fenced ```js / ```ts block of every guide runs
 * against the library (console output captured, not printed), and any `expression; // => value`
 * line in it is checked like the TSDoc examples.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import * as nodeLib from '../../src/node.js';
import { AsyncFunction, close, extractMarkdownBlocks, prepare, root } from '../helpers/doc-examples.js';

const guides = [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f))];
const blocks = guides.flatMap(extractMarkdownBlocks);

describe('code blocks of the docs/ guides run', () => {
  it('finds blocks in every guide', () => {
    expect(guides.length).toBeGreaterThanOrEqual(6);
    for (const g of guides) expect(blocks.some((b) => join(root, b.file) === g)).toBe(true);
  });
  for (const block of blocks) {
    it(`${block.file}:${block.line}`, async () => {
      const failures: string[] = [];
      const logs: unknown[][] = [];
      const quiet = { ...console, log: (...a: unknown[]) => logs.push(a), table: (...a: unknown[]) => logs.push(a) };
      const check = (actual: unknown, expected: unknown, src: string) => {
        const e = close(actual, expected);
        if (e) failures.push(`${src} -> ${e}`);
      };
      const fn = new AsyncFunction('__lib', '__node', '__check', '__require', 'console', prepare(block.code));
      await fn(lib, nodeLib, check, createRequire(import.meta.url), quiet);
      expect(failures).toEqual([]);
    });
  }
});
