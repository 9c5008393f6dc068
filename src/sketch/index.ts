// Public surface of sketch/: sketching matrices, sketched least squares, streaming top eigenvector.
export type { Sketch, SketchInput, SketchKind, SketchOptions } from './sketch.js';
export { fwht, fwhtInPlace, type FwhtOptions } from './hadamard.js';
export { gaussianSketch } from './gaussian.js';
export { srht } from './srht.js';
export { countSketch } from './count-sketch.js';
export { osnap, type OsnapOptions } from './osnap.js';
