// `npm run demo`: the library's tour on data shipped in the repository. Each capability adds a
// section file under examples/demo/ (run in file-name order); `npm run demo -- products` runs one.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'demo');
const wanted = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));
for (const f of files) {
  const mod = await import(pathToFileURL(join(dir, f)).href);
  console.log(`\n=== ${mod.title ?? f} ===\n`);
  await mod.default();
}
