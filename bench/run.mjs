// `npm run bench [name ...]`: benchmark.js micro-benchmarks in bench/micro/*.mjs (each exports a
// function that receives a Benchmark.Suite factory and returns the suite to run).
import Benchmark from 'benchmark';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'micro');
const wanted = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));
for (const f of files) {
  const mod = await import(pathToFileURL(join(dir, f)).href);
  const suite = await mod.default(() => new Benchmark.Suite(f));
  await new Promise((resolve) => {
    suite
      .on('cycle', (e) => console.log(`  ${String(e.target)}`))
      .on('complete', resolve)
      .on('start', () => console.log(`\n# ${f}`))
      .run({ async: false });
  });
}
