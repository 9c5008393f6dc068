// Public surface of core/: errors and seeded randomness.
export { SparsityError, ShapeError, FormatError, ParseError, ResourceError, ArgumentError, DisposedError } from './errors.js';
export { createRng, type Rng, type Seed } from './rng.js';
export type { DenseMatrix } from './dense.js';
export type { VectorLike } from './array.js';
export type { IterativeResult, OnIteration } from './options.js';
export type { NdArrayOf, NdArrayInput } from './ndarray.js';
