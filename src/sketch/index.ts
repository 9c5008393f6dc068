// Public surface of sketch/: sketching matrices, sketched least squares, streaming top eigenvector.
export type { Sketch, SketchInput, SketchKind, SketchOptions } from './sketch.js';
export { fwht, fwhtInPlace, type FwhtOptions } from './hadamard.js';
export { gaussianSketch } from './gaussian.js';
export { srht } from './srht.js';
export { countSketch } from './count-sketch.js';
export { osnap, type OsnapOptions } from './osnap.js';
export type { SketchChoice } from './least-squares.js';
export { sketchAndSolve, type SketchAndSolveOptions, type SketchedSolution } from './sketch-and-solve.js';
export {
  sketchAndPrecondition, type SketchAndPreconditionOptions, type SketchAndPreconditionResult, type SketchAndPreconditionIterationInfo,
} from './sketch-and-precondition.js';
export { linfRegression, linfSketchSize, LINF_SKETCH_CONSTANT, type LinfRegressionOptions } from './linf-regression.js';
export {
  StreamingTopEigenvector, type StreamingTopEigenvectorOptions, type StreamingTopEigenvectorResult,
} from './streaming-top-eigenvector.js';
