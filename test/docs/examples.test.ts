/**
 * Documentation cannot rot: every ```ts block inside an `@example` of the sources is compiled and
 * run against the library, and every line of the form `expression; // => expected` is checked.
 * A second test checks that every exported symbol has TSDoc (and an @example for runtime values).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import * as nodeLib from '../../src/node.js';

const root = join(import.meta.dirname, '../..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

interface Example {
  file: string;
  line: number;
  code: string;
}

function extractExamples(file: string): Example[] {
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

function close(actual: unknown, expected: unknown, path = ''): string | null {
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
function prepare(code: string): string {
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

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
const files = walk(join(root, 'src'));
const examples = files.flatMap(extractExamples);

describe('TSDoc @example blocks run and their `// =>` values hold', () => {
  it('finds examples', () => {
    expect(examples.length).toBeGreaterThan(10);
  });
  for (const ex of examples) {
    it(`${ex.file}:${ex.line}`, async () => {
      const failures: string[] = [];
      const check = (actual: unknown, expected: unknown, src: string) => {
        const e = close(actual, expected);
        if (e) failures.push(`${src} -> ${e}`);
      };
      const fn = new AsyncFunction('__lib', '__node', '__check', '__require', prepare(ex.code));
      await fn(lib, nodeLib, check, createRequire(import.meta.url));
      expect(failures).toEqual([]);
    });
  }
});

describe('every exported symbol is documented', () => {
  const program = ts.createProgram([join(root, 'src/index.ts'), join(root, 'src/node.ts')], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
  });
  const checker = program.getTypeChecker();
  for (const entry of ['src/index.ts', 'src/node.ts']) {
    const sf = program.getSourceFile(join(root, entry))!;
    const mod = checker.getSymbolAtLocation(sf);
    const exports = mod ? checker.getExportsOfModule(mod) : [];
    it(`${entry}: TSDoc summary on every export, @example on every function, class and constant`, () => {
      const problems: string[] = [];
      for (const sym of exports) {
        const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
        const decl = target.declarations?.[0];
        if (!decl) continue;
        const docs = ts.getJSDocCommentsAndTags(decl);
        const summary = target.getDocumentationComment(checker).map((p) => p.text).join('').trim();
        const isValue = (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
        const decls = target.declarations ?? [];
        const hasExample = decls.some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'example'));
        if (!summary) problems.push(`${sym.name}: no TSDoc summary`);
        if (isValue && !hasExample) problems.push(`${sym.name}: no @example`);
        void docs;
      }
      expect(problems).toEqual([]);
    });
  }
});
