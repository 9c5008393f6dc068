/** Error classes: hierarchy, names, fields, and messages that say what was expected and what was found. */
import { describe, expect, it } from 'vitest';
import { ArgumentError, FormatError, ParseError, ResourceError, ShapeError, SparsityError } from '../../src/index.js';

describe('error classes', () => {
  it('all derive from SparsityError and Error, with their own names', () => {
    const errors = [
      new ShapeError('op', [1, 2], [3, 4]),
      new FormatError('indices', 0, 'x', 'y'),
      new ParseError(1, 'text', 'reason'),
      new ResourceError('op', 'nnz', 10, 5),
      new ArgumentError('tol', -1, 'a positive number'),
    ];
    const names = ['ShapeError', 'FormatError', 'ParseError', 'ResourceError', 'ArgumentError'];
    errors.forEach((e, k) => {
      expect(e).toBeInstanceOf(SparsityError);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(names[k]);
      expect(e.stack).toContain(names[k]);
    });
    expect(new SparsityError('x').name).toBe('SparsityError');
  });
  it('ShapeError names the operation and both shapes', () => {
    const e = new ShapeError('matmul', [2, 3], [4, 5], 'are not aligned');
    expect(e.message).toBe('matmul: shapes (2, 3) and (4, 5) are not aligned');
    expect(e.left).toEqual([2, 3]);
    expect(e.right).toEqual([4, 5]);
    expect(new ShapeError('matvec', [2, 3], 4).message).toBe('matvec: shapes (2, 3) and (4,) do not match');
    expect(new ShapeError('dot', [7], 3).right).toEqual([3]);
  });
  it('FormatError says which array, where, what was expected and what was found', () => {
    const e = new FormatError('indptr', 4, 'a value >= indptr[3] = 5', 2);
    expect(e.message).toBe('indptr[4]: expected a value >= indptr[3] = 5, found 2');
    expect([e.array, e.index]).toEqual(['indptr', 4]);
    expect(new FormatError('data', -1, 'length 3', 'length 2').message).toBe('data: expected length 3, found length 2');
  });
  it('ParseError carries the line and the offending text (truncated to 200 characters)', () => {
    const e = new ParseError(12, '1 2 x', 'expected a numeric value');
    expect(e.message).toBe('line 12: expected a numeric value: "1 2 x"');
    expect([e.line, e.text]).toEqual([12, '1 2 x']);
    const long = new ParseError(1, 'a'.repeat(500), 'too long');
    expect(long.text).toBe(`${'a'.repeat(200)}...`);
    expect(long.message.length).toBeLessThan(260);
  });
  it('ResourceError says what would be needed and the limit', () => {
    expect(new ResourceError('kron', 'nnz', 5e9, 2 ** 31 - 1).message).toBe('kron: nnz would be 5000000000, more than the limit 2147483647');
  });
  it('ArgumentError names the argument, the allowed values and what it got', () => {
    const e = new ArgumentError('density', 2, 'a number in [0, 1]');
    expect(e.message).toBe('density: expected a number in [0, 1], got 2');
    expect(e.argument).toBe('density');
    expect(new ArgumentError('format', 'dia', "'csr'").message).toBe('format: expected \'csr\', got "dia"');
    expect(new ArgumentError('x', [1, 2, 3], 'a number').message).toBe('x: expected a number, got an array of length 3');
    expect(new ArgumentError('x', new Float64Array(4), 'length 3').message).toBe('x: expected length 3, got a Float64Array of length 4');
  });
});
