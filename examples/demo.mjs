// `npm run demo`: the library's tour on data shipped in the repository. Each capability adds a
// section file under examples/demo/ (run in file-name order); `npm run demo -- products` runs one.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'demo');
const wanted = process.argv.slice(2);
const all = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
const unknown = wanted.filter((w) => !all.some((f) => f.includes(w)));
if (unknown.length > 0) {
  const names = all.map((f) => f.replace(/^\d+-/, '').replace(/\.mjs$/, ''));
  console.error(`demo: no section matches ${unknown.map((w) => JSON.stringify(w)).join(', ')}; sections: ${names.join(', ')}`);
  process.exit(1);
}
const files = all.filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));
for (const f of files) {
  const mod = await import(pathToFileURL(join(dir, f)).href);
  console.log(`\n=== ${mod.title ?? f} ===\n`);
  await mod.default();
}
