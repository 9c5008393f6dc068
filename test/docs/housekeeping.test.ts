// Housekeeping findings of issue 11 §4: the guides' code blocks (run by guides.test.ts) leave no
// files behind, and `npm run demo -- <unknown>` lists the sections and exits non-zero.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMarkdownBlocks, root } from '../helpers/doc-examples.js';

describe('housekeeping', () => {
  it('every guide block that writes under tmpdir() removes what it wrote', () => {
    const guides = [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f))];
    const leaky = guides.flatMap(extractMarkdownBlocks)
      .filter((b) => /tmpdir\(\)/.test(b.code) && /write/i.test(b.code) && !/rmSync|unlinkSync/.test(b.code))
      .map((b) => `${b.file}:${b.line}`);
    expect(leaky).toEqual([]);
  });

  it('the demo refuses an unknown section, listing the known ones', () => {
    const r = spawnSync(process.execPath, [join(root, 'examples', 'demo.mjs'), 'no-such-section'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no section matches "no-such-section"; sections: formats, products, linalg, ot, sketch, direct, solvers/);
  });
});
