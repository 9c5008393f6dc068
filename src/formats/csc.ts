/**
 * Compressed Sparse Column matrices.
 *
 * @module
 */
import { type CompressedHint, type CompressedInit, CompressedMatrix, checkIndex } from './compressed.js';
import { type Compressed, expandIndptr, mergeSortedDuplicates, transposeCompressed } from './convert.js';
import { COOMatrix } from './coo.js';
import { CSRMatrix } from './csr.js';
import { type IndexList, normalizeIndexList } from './indexlist.js';

/**
 * A sparse matrix in Compressed Sparse Column format (SciPy's `csc_array`): the row indices and
 * values of column j are `indices[indptr[j] .. indptr[j+1]-1]` and `data[...]`.
 *
 * Same conventions as {@link CSRMatrix} (typed arrays adopted, O(1) checks at construction,
 * immutable unless a method ends in `InPlace`; product methods are sugar for the `linalg`
 * functions; a product reads the current values unless the matrix is pinned with `A.pin()`).
 *
 * @example
 * ```ts
 * import { CSCMatrix } from 'sparsity';
 * // [[1, 0, 2],
 * //  [0, 0, 3]]
 * const A = new CSCMatrix({ indptr: [0, 1, 1, 3], indices: [0, 0, 1], data: [1, 2, 3], shape: [2, 3] });
 * A.get(0, 2); // => 2
 * Array.from(A.matvec([1, 1, 1])); // => [3, 3]
 * A.toCSR().indptr.join(','); // => "0,2,3"
 * ```
 */
export class CSCMatrix extends CompressedMatrix {
  /** Always `'csc'`. */
  readonly format = 'csc' as const;

  /**
   * @param init - `{ indptr, indices, data, shape }` with `indptr.length === cols + 1`.
   * @param hint - internal: structural facts known by the producer.
   * @throws {@link FormatError} on inconsistent lengths or pointers; {@link ArgumentError} on a bad shape.
   */
  constructor(init: CompressedInit, hint?: CompressedHint) {
    super(init, 1, hint);
  }

  /** @internal */
  protected get majorAxis(): 1 {
    return 1;
  }

  /** @internal */
  protected make(c: Compressed, shape: readonly [number, number], hint?: CompressedHint): this {
    return new CSCMatrix({ ...c, shape }, hint) as this;
  }

  /** Convert to CSR by a counting transpose: O(nnz + rows + cols); the result is canonical (duplicates summed). */
  toCSR(): CSRMatrix {
    const [m, n] = this.shape;
    const t = mergeSortedDuplicates(transposeCompressed(this.arrays, n, m), m);
    return new CSRMatrix({ ...t, shape: this.shape }, { canonical: true });
  }

  /** Returns `this` (already CSC). */
  toCSC(): CSCMatrix {
    return this;
  }

  /** Convert to COO (entries in column order; duplicates and explicit zeros kept). O(nnz + cols). */
  toCOO(): COOMatrix {
    const [, n] = this.shape;
    return new COOMatrix({ row: this.indices.slice(), col: expandIndptr(this.indptr, n), data: this.data.slice(), shape: this.shape });
  }

  /** The transpose as a CSR matrix sharing this matrix's arrays: O(1). */
  transpose(): CSRMatrix {
    return new CSRMatrix({ ...this.arrays, shape: [this.shape[1], this.shape[0]] });
  }

  /**
   * Row i as a 1 x cols CSC matrix.
   * @throws {@link ArgumentError} when i is out of range.
   */
  getRow(i: number): CSCMatrix {
    checkIndex('i', i, this.shape[0]);
    return this.selectLines(null, Int32Array.of(i));
  }

  /**
   * Column j as a rows x 1 CSC matrix.
   * @throws {@link ArgumentError} when j is out of range.
   */
  getCol(j: number): CSCMatrix {
    checkIndex('j', j, this.shape[1]);
    return this.selectLines(Int32Array.of(j), null);
  }

  /**
   * The submatrix A[rows][:, cols] (NumPy fancy indexing): lists may repeat, reorder, or use
   * negative indices; `null` selects all. O(nnz + rows + cols + output).
   * @throws {@link ArgumentError} on an out-of-range index.
   */
  slice(rowIndices?: IndexList, colIndices?: IndexList): CSCMatrix {
    return this.selectLines(
      normalizeIndexList(colIndices, this.shape[1], 'colIndices'),
      normalizeIndexList(rowIndices, this.shape[0], 'rowIndices'),
    );
  }
}
