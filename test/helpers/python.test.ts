// SPARSITY_REQUIRE_ORACLES (set by .ci/run) turns a missing python oracle into a failure.
import { describe, expect, it } from 'vitest';
import { oraclesRequired, pythonMissing } from './python.js';

describe('python oracles', () => {
  it('oraclesRequired reads SPARSITY_REQUIRE_ORACLES', () => {
    expect(oraclesRequired({})).toBe(false);
    expect(oraclesRequired({ SPARSITY_REQUIRE_ORACLES: '0' })).toBe(false);
    expect(oraclesRequired({ SPARSITY_REQUIRE_ORACLES: '1' })).toBe(true);
  });

  it('a missing module fails when oracles are required, and skips otherwise', () => {
    const before = process.env.SPARSITY_REQUIRE_ORACLES;
    try {
      process.env.SPARSITY_REQUIRE_ORACLES = '1';
      expect(() => pythonMissing(['sparsity_no_such_module_a'])).toThrow(/required by SPARSITY_REQUIRE_ORACLES/);
      process.env.SPARSITY_REQUIRE_ORACLES = '0';
      expect(pythonMissing(['sparsity_no_such_module_b'])).toMatch(/lacks sparsity_no_such_module_b/);
    } finally {
      if (before === undefined) delete process.env.SPARSITY_REQUIRE_ORACLES;
      else process.env.SPARSITY_REQUIRE_ORACLES = before;
    }
  });
});
