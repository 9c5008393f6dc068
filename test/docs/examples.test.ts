/**
 * Documentation cannot rot: every ```ts block inside an `@example` of the sources is compiled and
 * run against the library, and every line of the form `expression; // => expected` is checked.
 * A second test checks that every exported symbol has TSDoc (and an @example for runtime values).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import * as nodeLib from '../../src/node.js';

import { AsyncFunction, close, extractExamples, prepare, root, walk } from '../helpers/doc-examples.js';

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
