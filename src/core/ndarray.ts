/**
 * The scijs `ndarray` type, declared here so that the published `.d.ts` files compile on their own:
 * a consumer needs neither `@types/ndarray` nor `skipLibCheck` (which would silently turn every
 * dense type into `any`). Structurally the same as `@types/ndarray` 1.1's `NdArray`, so values
 * typed with either are accepted by the other.
 *
 * @module
 */

/** A scijs `ndarray` over `D`: what `ndarray(data, shape)` returns. */
export interface NdArrayOf<D extends ArrayLike<number> = ArrayLike<number>> {
  /** The flat storage. */
  data: D;
  /** Size of each dimension. */
  shape: number[];
  /** Step in `data` along each dimension. */
  stride: number[];
  /** Position in `data` of the first entry. */
  offset: number;
  /** Element type (`'float64'` for Float64Array data). */
  dtype: D extends Float64Array ? 'float64' : string;
  /** Number of entries (product of `shape`). */
  size: number;
  /** Dimensions ordered by increasing stride. */
  order: number[];
  /** Number of dimensions. */
  dimension: number;
  /** The entry at the given indices. */
  get(...index: number[]): number;
  /** Set the entry at the given indices (the last argument is the value). */
  set(...indexAndValue: number[]): number;
  /** Position in `data` of the entry at the given indices. */
  index(...index: number[]): number;
  /** View starting at the given indices. */
  lo(...index: number[]): NdArrayOf<D>;
  /** View ending before the given indices. */
  hi(...index: number[]): NdArrayOf<D>;
  /** View with the given steps. */
  step(...steps: number[]): NdArrayOf<D>;
  /** View with the dimensions permuted. */
  transpose(...axes: number[]): NdArrayOf<D>;
  /** View fixing the non-null indices. */
  pick(...index: Array<number | null>): NdArrayOf<D>;
  /** Transposed view. */
  T: NdArrayOf<D>;
}

/** Any 2-D `ndarray` accepted as input (any numeric storage, any strides). */
export interface NdArrayInput {
  data: unknown;
  shape: number[];
  stride: number[];
  offset: number;
  get(...index: number[]): number;
}
