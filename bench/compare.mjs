// `npm run bench:compare [section ...]`: runs every bench/compare/*.mjs section (or the named ones)
// in file-name order; each prints its own table of ours vs NumPy/SciPy/POT in the same run.
import { readdirSync } from 'node:fs';
import { arch, availableParallelism, cpus, platform, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'compare');
const wanted = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));
const cpu = cpus();
console.log(`# sparsity bench:compare (${new Date().toISOString()}, node ${process.version})`);
console.log(`\nMachine: ${cpu[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} logical CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${arch()}.`);
for (const f of files) {
  const mod = await import(pathToFileURL(join(dir, f)).href);
  await mod.default();
}
