// Public surface of plot/: pictures as SVG strings (no DOM), for any runtime.
export { spy, type SpyOptions } from './spy.js';
export { convergencePlot, type ConvergencePlotOptions, type ConvergenceHistory } from './convergence-plot.js';
