/**
 * Error classes shared by every module. All errors thrown on purpose by `sparsity` are instances
 * of {@link SparsityError}, so callers can tell library errors from programming mistakes.
 *
 * @module
 */

/**
 * Base class of every error the library throws on purpose.
 *
 * @example
 * ```ts
 * import { SparsityError, ShapeError } from 'sparsity';
 * const e = new ShapeError('matvec', [2, 3], [4]);
 * e instanceof SparsityError; // => true
 * ```
 */
export class SparsityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function fmtShape(s: readonly number[] | number): string {
  return typeof s === 'number' ? `(${s},)` : `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
}

/**
 * Dimension mismatch. The message names the operation and both shapes, e.g.
 * `matmul: shapes (2, 3) and (4, 5) are not aligned`.
 *
 * @example
 * ```ts
 * import { ShapeError } from 'sparsity';
 * new ShapeError('add', [2, 3], [3, 2]).message; // => "add: shapes (2, 3) and (3, 2) do not match"
 * ```
 */
export class ShapeError extends SparsityError {
  /** Shape of the left operand. */
  readonly left: readonly number[];
  /** Shape of the right operand. */
  readonly right: readonly number[];
  /**
   * @param op - name of the operation (e.g. `'matmul'`)
   * @param left - shape of the first operand (a number stands for a vector length)
   * @param right - shape of the second operand
   * @param detail - optional explanation replacing the default "do not match"
   */
  constructor(op: string, left: readonly number[] | number, right: readonly number[] | number, detail?: string) {
    super(`${op}: shapes ${fmtShape(left)} and ${fmtShape(right)} ${detail ?? 'do not match'}`);
    this.left = typeof left === 'number' ? [left] : [...left];
    this.right = typeof right === 'number' ? [right] : [...right];
  }
}

/**
 * Invalid sparse structure: which array, which position, what was expected and what was found.
 *
 * @example
 * ```ts
 * import { FormatError } from 'sparsity';
 * const e = new FormatError('indices', 3, 'a column index in [0, 4)', 7);
 * e.message; // => "indices[3]: expected a column index in [0, 4), found 7"
 * ```
 */
export class FormatError extends SparsityError {
  /** Name of the offending array (`'indptr'`, `'indices'`, ...). */
  readonly array: string;
  /** Position in that array, or -1 when the problem is the whole array. */
  readonly index: number;
  /**
   * @param array - name of the offending array
   * @param index - position in it (-1 for the whole array, e.g. a wrong length)
   * @param expected - what a valid value looks like
   * @param found - what was there
   */
  constructor(array: string, index: number, expected: string, found: unknown) {
    super(`${array}${index >= 0 ? `[${index}]` : ''}: expected ${expected}, found ${String(found)}`);
    this.array = array;
    this.index = index;
  }
}

/**
 * Matrix Market (or other text) parse failure with the 1-based line number and the offending text.
 *
 * @example
 * ```ts
 * import { ParseError } from 'sparsity';
 * const e = new ParseError(3, '1 x 2', 'expected a number');
 * e.message; // => "line 3: expected a number: \"1 x 2\""
 * e.line; // => 3
 * ```
 */
export class ParseError extends SparsityError {
  /** 1-based line number (0 when the problem is the whole input, e.g. it is empty). */
  readonly line: number;
  /** The offending text (truncated to 200 characters). */
  readonly text: string;
  /**
   * @param line - 1-based line number
   * @param text - the offending line
   * @param reason - what was expected
   */
  constructor(line: number, text: string, reason: string) {
    const shown = text.length > 200 ? `${text.slice(0, 200)}...` : text;
    super(`line ${line}: ${reason}: ${JSON.stringify(shown)}`);
    this.line = line;
    this.text = shown;
  }
}

/**
 * The result would be too large (more than 2^31 - 1 nonzeros for int32 indices, or more memory
 * than a typed array may hold). Thrown before anything large is allocated.
 *
 * @example
 * ```ts
 * import { ResourceError } from 'sparsity';
 * new ResourceError('spgemm', 'nnz(C)', 3e9, 2 ** 31 - 1).message; // => "spgemm: nnz(C) would be 3000000000, more than the limit 2147483647"
 * ```
 */
export class ResourceError extends SparsityError {
  /**
   * @param op - the operation
   * @param what - the quantity that is too large
   * @param needed - its size
   * @param limit - the largest allowed size
   */
  constructor(op: string, what: string, needed: number, limit: number) {
    super(`${op}: ${what} would be ${needed}, more than the limit ${limit}`);
  }
}

/**
 * A bad option or argument: its name, the value received and the allowed range.
 *
 * @example
 * ```ts
 * import { ArgumentError } from 'sparsity';
 * new ArgumentError('density', -1, 'a number in [0, 1]').message; // => "density: expected a number in [0, 1], got -1"
 * ```
 */
export class ArgumentError extends SparsityError {
  /** Name of the argument or option. */
  readonly argument: string;
  /**
   * @param argument - name of the argument or option
   * @param value - the value received
   * @param allowed - description of the allowed values
   */
  constructor(argument: string, value: unknown, allowed: string) {
    super(`${argument}: expected ${allowed}, got ${describe(value)}`);
    this.argument = argument;
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${(v as unknown as { length: number }).length}`;
  return String(v);
}

/**
 * A matrix used after its `dispose()`: its arrays went back to the result pool and are detached.
 *
 * @example
 * ```ts
 * import { DisposedError, csr } from 'sparsity';
 * const A = csr([[1, 2], [0, 3]]);
 * A.dispose();
 * let error: unknown;
 * try { A.toDense(); } catch (e) { error = e; }
 * error instanceof DisposedError; // => true
 * ```
 */
export class DisposedError extends SparsityError {
  /**
   * @param what - the disposed object, e.g. `'CSRMatrix'`
   * @param detail - what became of it (default: its arrays went back to the result pool)
   */
  constructor(what: string, detail = 'its arrays went back to the result pool (copy what you need before dispose())') {
    super(`${what} was disposed: ${detail}`);
  }
}
