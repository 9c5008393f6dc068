// Per-phase timers for the built modules (bench/ab/*-phases.mjs): a module-load hook appends
// `f = wrap('f', f)` to the named modules under a dist directory, so every call of a named function
// (from inside its module too) goes through a timer that records its calls, inclusive time and self
// time (minus the wrapped callees'). Class methods are named as Class.prototype.name; a name missing
// from a build is skipped.
import { register } from 'node:module';

/**
 * Install the hook for `wrap` ({ 'module path under base': ['name', ...] }) on modules under the
 * URL `base`, timing with `clock` (ms). Must run before the modules are imported. Returns the
 * per-phase totals (Map name -> { calls, incl, self }), `setRecording(on)` (calls outside are not
 * timed) and `onCall(f)`, f(name, args, totals) called after each timed call.
 */
export function phaseTimers(base, wrap, clock) {
  const hooks = `
const WRAP = ${JSON.stringify(wrap)};
const DIR = ${JSON.stringify(base)};
export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.startsWith(DIR)) return r;
  const names = WRAP[url.slice(DIR.length)];
  if (!names) return r;
  let src = String(r.source);
  src += '\\n' + names.map((f) => 'try { if (typeof ' + f + " === 'function') " + f + ' = globalThis.__phaseWrap(' + JSON.stringify(f) + ', ' + f + '); } catch {}').join('\\n') + '\\n';
  return { ...r, source: src };
}`;
  register('data:text/javascript,' + encodeURIComponent(hooks));
  const stats = new Map();
  const stack = [];
  let recording = false;
  let after = null;
  globalThis.__phaseWrap = (name, f) =>
    function (...args) {
      if (!recording) return f.apply(this, args);
      const t0 = clock();
      stack.push(0);
      try {
        return f.apply(this, args);
      } finally {
        const dt = clock() - t0;
        const inner = stack.pop();
        if (stack.length) stack[stack.length - 1] += dt;
        let s = stats.get(name);
        if (!s) stats.set(name, (s = { calls: 0, incl: 0, self: 0 }));
        s.calls++;
        s.incl += dt;
        s.self += dt - inner;
        after?.(name, args, s);
      }
    };
  return { stats, setRecording: (on) => { recording = on; }, onCall: (f) => { after = f; } };
}
