// Types of scenario.js (plain JavaScript, so that the page loads it without a build step).
export interface ScenarioOptions {
  backend: 'js' | 'wasm';
  threads: number;
  async: boolean;
}
export interface EncodedArray {
  type: string;
  length: number;
  base64: string;
}
export type ScenarioResult = Record<string, Float64Array | Int32Array> & { scalars: Record<string, unknown> };
export type EncodedResult = Record<string, EncodedArray> & { scalars: Record<string, unknown> };
export function testVector(n: number): Float64Array;
export function runScenario(sp: unknown, mtx: string, opts: ScenarioOptions): Promise<ScenarioResult>;
export function encode(result: ScenarioResult): EncodedResult;
