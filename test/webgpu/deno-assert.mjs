// The few assertions the Deno WebGPU tests use (no download of Deno's std library in CI).
export function assert(cond, msg = 'assertion failed') {
  if (!cond) throw new Error(msg);
}
export function assertEquals(actual, expected, msg = '') {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${msg} ${a} !== ${e}`);
}
function matches(err, Cls, includes) {
  if (!(err instanceof Cls)) throw new Error(`expected ${Cls.name}, got ${err && err.name}: ${err && err.message}`);
  if (includes && !String(err.message).includes(includes)) throw new Error(`message "${err.message}" lacks "${includes}"`);
}
export function assertThrows(fn, Cls = Error, includes) {
  try { fn(); } catch (e) { matches(e, Cls, includes); return; }
  throw new Error('expected a throw');
}
export async function assertRejects(fn, Cls = Error, includes) {
  try { await fn(); } catch (e) { matches(e, Cls, includes); return; }
  throw new Error('expected a rejection');
}
