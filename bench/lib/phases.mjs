// Phase timing of the bench/ab/*-phases.mjs scripts. A module-load hook appends `f = wrap('f', f)`
// to the named functions of built modules, so every call (from inside the module too) goes through
// a timer; each wrapped call adds its inclusive time, and its self time (minus the wrapped calls it
// made), to a row of a table.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Wrap, in the modules of folder `dir`, the functions that `wrapMap` names (module file name ->
 * function names; class methods as `Class.prototype.name`) with the timer's `wrap`. A name missing
 * from a build (an older or newer one) is skipped. Call before the modules are imported.
 */
export function wrapModules(dir, wrapMap) {
  const hooks = `
const WRAP = ${JSON.stringify(wrapMap)};
const DIR = ${JSON.stringify(pathToFileURL(dir.endsWith('/') ? dir : dir + '/').href)};
const guard = (f) => f.split('.').map((_, i, a) => 'typeof ' + a.slice(0, i + 1).join('.') + " === 'function'").filter((_, i, a) => i === 0 || i === a.length - 1).join(' && ');
export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.startsWith(DIR)) return r;
  const names = WRAP[url.slice(DIR.length)];
  if (!names) return r;
  const src = String(r.source) + '\\n' + names.map((f) => 'if (' + guard(f) + ') ' + f + ' = globalThis.__phaseWrap(' + JSON.stringify(f) + ', ' + f + ');').join('\\n') + '\\n';
  return { ...r, source: src };
}`;
  register('data:text/javascript,' + encodeURIComponent(hooks));
}

/**
 * The timer behind {@link wrapModules}: `clock()` in ms; `key(name, args)` names a call's row (by
 * default the function's name); `extra(name, args, row)` may add fields to the row. Calls are
 * timed only while `recording` is true. Rows: `stats.get(key)` = { calls, incl, self }.
 */
export function phaseTimer(clock, key = (name) => name, extra = () => {}) {
  const stack = [];
  const timer = {
    stats: new Map(),
    recording: false,
    wrap: (name, f) =>
      function (...args) {
        if (!timer.recording) return f.apply(this, args);
        const t0 = clock();
        stack.push(0);
        try {
          return f.apply(this, args);
        } finally {
          const dt = clock() - t0;
          const inner = stack.pop();
          if (stack.length) stack[stack.length - 1] += dt;
          const k = key(name, args);
          let s = timer.stats.get(k);
          if (!s) timer.stats.set(k, (s = { calls: 0, incl: 0, self: 0 }));
          s.calls++;
          extra(name, args, s);
          s.incl += dt;
          s.self += dt - inner;
        }
      },
  };
  globalThis.__phaseWrap = timer.wrap;
  return timer;
}
