/**
 * Shared machinery of the documentation tests: find code blocks (TSDoc `@example`s in the sources,
 * fenced blocks in the guides), turn `expression; // => expected` lines into checks and imports
 * of 'sparsity' into bindings, and compare values with a numeric tolerance.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const root = join(import.meta.dirname, '../..');

export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

export interface Example {
  file: string;
  line: number;
  code: string;
}

export function extractExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const out: Example[] = [];
  const re = /@example[^\n]*\n((?:\s*\*[^\n]*\n)*?)\s*\*\s*```(?:ts|typescript|js)\n([\s\S]*?)\n\s*\*\s*```/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const code = m[2]!.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ file: relative(root, file), line, code });
  }
  return out;
}

export function close(actual: unknown, expected: unknown, path = ''): string | null {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return null;
    const tol = 1e-9 * Math.max(1, Math.abs(expected));
    return Math.abs(actual - expected) <= tol ? null : `${path}: ${actual} != ${expected}`;
  }
  if (Array.isArray(expected)) {
    const a = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    if (!Array.isArray(a) || a.length !== expected.length) return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(expected)}`;
    for (let i = 0; i < expected.length; i++) {
      const e = close(a[i], expected[i], `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const k of Object.keys(expected)) {
      const e = close((actual as Record<string, unknown>)?.[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
      if (e) return e;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
}

/** Turn `expr; // => value` lines into checks and `import {..} from 'sparsity'` into destructuring. */
export function prepare(code: string): string {
  const lines = code.split('\n').map((l) => {
    const m = /^(\s*)(.+?);?\s*\/\/ => (.+)$/.exec(l);
    if (!m || /^\s*(const|let|var|import|if|for|return)\b/.test(m[2]!)) return l;
    return `${m[1]}__check((${m[2]}), (${m[3]}), ${JSON.stringify(m[2])});`;
  });
  const js = ts.transpileModule(lines.join('\n'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return js
    .replace(/import\s*\{([^}]*)\}\s*from\s*['"]sparsity\/node['"];?/g, (_, n: string) => `const {${n.replace(/\bas\b/g, ':')}} = __node;`)
    .replace(/import\s*\{([^}]*)\}\s*from\s*['"]sparsity['"];?/g, (_, n: string) => `const {${n.replace(/\bas\b/g, ':')}} = __lib;`)
    .replace(/import\s*\{([^}]*)\}\s*from\s*['"](node:[a-z_/]+)['"];?/g, (_, n: string, m: string) => `const {${n.replace(/\bas\b/g, ':')}} = __require(${JSON.stringify(m)});`)
    .replace(/export \{\};?/g, '');
}

export const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
/** Every ```js / ```ts fenced block of a Markdown guide. */
export function extractMarkdownBlocks(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const out: Example[] = [];
  const re = /^```(?:js|ts|javascript|typescript)\n([\s\S]*?)^```/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ file: relative(root, file), line: text.slice(0, m.index).split('\n').length, code: m[1]! });
  return out;
}
