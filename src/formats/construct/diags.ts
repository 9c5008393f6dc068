/**
 * `diags`: a sparse matrix from diagonals (SciPy's `diags_array`).
 *
 * @module
 */
import { checkShape, toFloat64 } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { checkNnz } from '../convert.js';
import { CSRMatrix } from '../csr.js';
import { type FormatOptions, type SparseFormat, type SparseOfFormat, convertTo, readFormat } from './output.js';

/** One diagonal: its values, or one number repeated along the whole diagonal. */
export type DiagonalValues = number | ArrayLike<number>;

function isList(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}

/**
 * A sparse matrix with the given diagonals, with SciPy's `diags_array` semantics:
 * `A[i, i + offsets[k]] = diagonals[k][t]` where t counts along the diagonal from its top-left end
 * (t = i for offsets >= 0, t = j for offsets < 0). So for an offset o > 0 the values fill positions
 * (0, o), (1, o + 1), ...; for o < 0 they fill (-o, 0), (-o + 1, 1), ...
 *
 * - `offsets` a number: `diagonals` is one diagonal (an array, or a number). `offsets` an array:
 *   `diagonals` is an array of as many diagonals.
 * - A diagonal given as one number (or an array of length 1) is repeated along the whole diagonal;
 *   a longer array is cut to the diagonal's length; a shorter one (of length > 1) is an error.
 * - `shape` defaults to the square matrix of order `len(diagonals[0]) + |offsets[0]|`.
 * - Zeros are not stored (SciPy's conversion from DIA drops them too).
 *
 * Complexity: O(rows + stored entries).
 *
 * @param diagonals - one diagonal, or an array of diagonals (one per offset).
 * @param offsets - the diagonal numbers: 0 main, > 0 above, < 0 below (default 0).
 * @param shape - `[rows, cols]` (default: square, as described above).
 * @param options - `{ format }`: `'csr'` (default; SciPy's default is DIA), `'csc'` or `'coo'`.
 * @throws {@link ArgumentError} on repeated offsets, an offset outside the matrix, a different number
 *   of diagonals and offsets, NaN or infinite values, a bad shape or format.
 * @throws {@link ShapeError} when a diagonal of length > 1 is shorter than its place in the matrix.
 *
 * @example
 * ```ts
 * import { diags } from 'sparsity';
 * // The 1-D Laplacian: -1 below and above, 2 on the diagonal (scalars fill whole diagonals).
 * const L = diags([-1, 2, -1], [-1, 0, 1], [4, 4]);
 * L.nnz; // => 10
 * [L.get(0, 0), L.get(1, 0), L.get(0, 1)]; // => [2, -1, -1]
 * // Offsets > 0 use the first values of the diagonal, starting in row 0.
 * diags([1, 2, 3], 1).toDense().data; // => [0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0]
 * ```
 */
export function diags<F extends SparseFormat = 'csr'>(
  diagonals: DiagonalValues | readonly DiagonalValues[],
  offsets: number | ArrayLike<number> = 0,
  shape?: readonly [number, number] | number[],
  options?: FormatOptions<F>,
): SparseOfFormat<F> {
  const format = readFormat(options, 'csr', 'diags');
  // Normalise to a list of diagonals and a list of offsets.
  let diagList: DiagonalValues[];
  let offList: number[];
  if (typeof offsets === 'number') {
    if (isList(diagonals) && diagonals.length > 0 && isList(diagonals[0])) {
      throw new ArgumentError('diagonals', diagonals, 'one diagonal (numbers) when offsets is a single number');
    }
    diagList = [diagonals as DiagonalValues];
    offList = [offsets];
  } else if (isList(offsets)) {
    offList = Array.from(offsets);
    if (!isList(diagonals)) {
      throw new ArgumentError('diagonals', diagonals, `an array of ${offList.length} diagonals (one per offset)`);
    }
    diagList = Array.from(diagonals as ArrayLike<DiagonalValues>);
    if (offList.length === 1 && diagList.length > 0 && typeof diagList[0] === 'number' && diagList.length !== 1) {
      // diags([1, 2, 3], [1]): one diagonal given flat, as SciPy accepts.
      diagList = [diagonals as ArrayLike<number>];
    }
  } else {
    throw new ArgumentError('offsets', offsets, 'an integer or an array of integers');
  }
  if (diagList.length !== offList.length) {
    throw new ArgumentError('diagonals', diagonals, `as many diagonals as offsets (${offList.length}), found ${diagList.length}`);
  }
  const values: Float64Array[] = diagList.map((d, k) => {
    if (typeof d === 'number') return toFloat64([d], `diagonals[${k}]`);
    if (!isList(d)) throw new ArgumentError(`diagonals[${k}]`, d, 'a number or an array of numbers');
    return toFloat64(d as ArrayLike<number>, `diagonals[${k}]`);
  });
  offList.forEach((o, k) => {
    if (!Number.isInteger(o)) throw new ArgumentError(`offsets[${k}]`, o, 'an integer');
  });
  if (new Set(offList).size !== offList.length) throw new ArgumentError('offsets', offList, 'distinct offsets (no diagonal given twice)');
  let m: number;
  let n: number;
  if (shape === undefined) {
    if (values.length === 0) throw new ArgumentError('shape', shape, 'a shape [rows, cols] when no diagonal is given');
    m = n = values[0]!.length + Math.abs(offList[0]!);
    [m, n] = checkShape([m, n]);
  } else {
    [m, n] = checkShape(shape);
  }
  // Diagonal lengths and the checks of SciPy.
  const lens = offList.map((o, k) => {
    const L = Math.min(m + Math.min(o, 0), n - Math.max(o, 0));
    if (L <= 0) throw new ArgumentError(`offsets[${k}]`, o, `an offset in [${-m + 1}, ${n - 1}] for shape (${m}, ${n})`);
    const given = values[k]!.length;
    if (given !== 1 && given < L) {
      throw new ShapeError('diags', given, [m, n], `do not agree: diagonal ${k} at offset ${o} needs ${L} values (or 1)`);
    }
    return L;
  });
  // Rows are filled with the diagonals in increasing offset order: columns come out sorted.
  const order = offList.map((_, k) => k).sort((a, b) => offList[a]! - offList[b]!);
  // The nonzero entries of row i, in column order: emit(j, v). Run twice (count, then fill).
  const eachInRow = (i: number, emit: (j: number, v: number) => void): void => {
    for (const k of order) {
      const o = offList[k]!;
      const j = i + o;
      if (j < 0 || j >= n) continue;
      const t = o >= 0 ? i : j;
      if (t >= lens[k]!) continue;
      const vk = values[k]!;
      const v = vk.length === 1 ? vk[0]! : vk[t]!;
      if (v !== 0) emit(j, v);
    }
  };
  const indptr = new Int32Array(m + 1);
  let total = 0;
  const count = (): void => {
    total++;
  };
  for (let i = 0; i < m; i++) {
    eachInRow(i, count);
    indptr[i + 1] = total;
  }
  checkNnz('diags', total);
  const indices = new Int32Array(total);
  const data = new Float64Array(total);
  let q = 0;
  const put = (j: number, v: number): void => {
    indices[q] = j;
    data[q++] = v;
  };
  for (let i = 0; i < m; i++) eachInRow(i, put);
  const A = new CSRMatrix({ indptr, indices, data, shape: [m, n] }, { canonical: true });
  return convertTo(A, format) as SparseOfFormat<F>;
}
