/**
 * Compressed Sparse Row matrices.
 *
 * @module
 */
import { type CompressedHint, type CompressedInit, CompressedMatrix, checkIndex } from './compressed.js';
import { type Compressed, expandIndptr, mergeSortedDuplicates, transposeCompressed } from './convert.js';
import { COOMatrix } from './coo.js';
import { CSCMatrix } from './csc.js';
import { type IndexList, normalizeIndexList } from './indexlist.js';

/**
 * A sparse matrix in Compressed Sparse Row format (SciPy's `csr_array`): the column indices and
 * values of row i are `indices[indptr[i] .. indptr[i+1]-1]` and `data[...]`.
 *
 * Typed arrays passed to the constructor are adopted without copying; plain arrays are copied.
 * Construction checks lengths in O(1); call `checkFormat(true)` for the full O(nnz) check.
 * Matrices are treated as immutable: methods return new matrices (or `this` when nothing changes),
 * except the ones whose names end in `InPlace`.
 *
 * Products and elementwise operations (`matvec`, `rmatvec`, `matmul`, `rmatmul`, `add`, `sub`,
 * `multiply`, `scale`) are one-line sugar for the functions of the same meaning (`spmv`,
 * `spgemm`, `sparseDense`, `add`, ...), installed on the class by the `linalg` layer when the
 * package is loaded. A product always reads the values in the arrays at the time of the call;
 * to keep the matrix in WASM memory across many calls, `const P = A.pin()` (or `pin(A)`), call
 * `P.updateValues()` after changing `data` in place, and `P.release()` when done.
 *
 * @example
 * ```ts
 * import { CSRMatrix } from 'sparsity';
 * // [[1, 0, 2],
 * //  [0, 0, 3]]
 * const A = new CSRMatrix({ indptr: [0, 2, 3], indices: [0, 2, 2], data: [1, 2, 3], shape: [2, 3] });
 * A.nnz; // => 3
 * A.get(1, 2); // => 3
 * Array.from(A.matvec([1, 1, 1])); // => [3, 3]
 * Array.from(A.rmatvec([1, 1])); // => [1, 0, 5]
 * ```
 */
export class CSRMatrix extends CompressedMatrix {
  /** Always `'csr'`. */
  readonly format = 'csr' as const;

  /**
   * @param init - `{ indptr, indices, data, shape }` with `indptr.length === rows + 1`.
   * @param hint - internal: structural facts known by the producer.
   * @throws {@link FormatError} on inconsistent lengths or pointers; {@link ArgumentError} on a bad shape.
   */
  constructor(init: CompressedInit, hint?: CompressedHint) {
    super(init, 0, hint);
  }

  /** @internal */
  protected get majorAxis(): 0 {
    return 0;
  }

  /** @internal */
  protected make(c: Compressed, shape: readonly [number, number], hint?: CompressedHint): this {
    return new CSRMatrix({ ...c, shape }, hint) as this;
  }

  /** Returns `this` (already CSR). */
  toCSR(): CSRMatrix {
    return this;
  }

  /** Convert to CSC by a counting transpose: O(nnz + rows + cols); the result is canonical (duplicates summed). */
  toCSC(): CSCMatrix {
    const [m, n] = this.shape;
    const t = mergeSortedDuplicates(transposeCompressed(this.arrays, m, n), n);
    return new CSCMatrix({ ...t, shape: this.shape }, { canonical: true });
  }

  /** Convert to COO (entries in row order; duplicates and explicit zeros kept). O(nnz + rows). */
  toCOO(): COOMatrix {
    const [m] = this.shape;
    return new COOMatrix({ row: expandIndptr(this.indptr, m), col: this.indices.slice(), data: this.data.slice(), shape: this.shape });
  }

  /** The transpose as a CSC matrix sharing this matrix's arrays: O(1). */
  transpose(): CSCMatrix {
    return new CSCMatrix({ ...this.arrays, shape: [this.shape[1], this.shape[0]] });
  }

  /**
   * Row i as a 1 x cols CSR matrix.
   * @throws {@link ArgumentError} when i is out of range.
   */
  getRow(i: number): CSRMatrix {
    checkIndex('i', i, this.shape[0]);
    return this.selectLines(Int32Array.of(i), null);
  }

  /**
   * Column j as a rows x 1 CSR matrix.
   * @throws {@link ArgumentError} when j is out of range.
   */
  getCol(j: number): CSRMatrix {
    checkIndex('j', j, this.shape[1]);
    return this.selectLines(null, Int32Array.of(j));
  }

  /**
   * The submatrix A[rows][:, cols] (NumPy fancy indexing): lists may repeat, reorder, or use
   * negative indices; `null` selects all. O(nnz + rows + cols + output).
   * @throws {@link ArgumentError} on an out-of-range index.
   */
  slice(rowIndices?: IndexList, colIndices?: IndexList): CSRMatrix {
    return this.selectLines(
      normalizeIndexList(rowIndices, this.shape[0], 'rowIndices'),
      normalizeIndexList(colIndices, this.shape[1], 'colIndices'),
    );
  }
}
