/**
 * Live oracles through python3 (NumPy/SciPy). Tests call `pythonMissing(['scipy'])` and skip,
 * printing the reason, when the interpreter or a module is missing. With
 * `SPARSITY_REQUIRE_ORACLES=1` (set by `.ci/run`) a missing oracle is an error instead, so CI
 * never passes with the cross-checks silently skipped.
 */
import { spawnSync } from 'node:child_process';

const cache = new Map<string, string | null>();

/** True when the environment demands every oracle (CI): a missing one then fails the test. */
export function oraclesRequired(env: Record<string, string | undefined> = process.env): boolean {
  const v = env.SPARSITY_REQUIRE_ORACLES;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** null when python3 with all `modules` is importable, else the reason it is not. */
export function pythonMissing(modules: string[] = ['numpy', 'scipy'], python = 'python3'): string | null {
  const key = `${python}:${modules.join(',')}`;
  if (cache.has(key)) return cache.get(key)!;
  const r = spawnSync(python, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  const reason = r.error ? `${python} not found (${r.error.message})` : r.status !== 0 ? `${python} lacks ${modules.join('/')}: ${r.stderr.trim().split('\n').pop()}` : null;
  cache.set(key, reason);
  if (reason && oraclesRequired()) throw new Error(`[python oracle required by SPARSITY_REQUIRE_ORACLES] ${reason}`);
  if (reason) console.warn(`[python oracle skipped] ${reason}`);
  return reason;
}

/**
 * Run a python script that reads JSON from stdin (`inp`) and prints JSON on stdout; returns the
 * parsed result. Large arrays travel fine (the pipe has no size limit here).
 */
export function runPython<T = unknown>(script: string, input: unknown = null, python = 'python3'): T {
  const prelude = 'import sys, json\ninp = json.loads(sys.stdin.read())\n';
  const r = spawnSync(python, ['-c', prelude + script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
