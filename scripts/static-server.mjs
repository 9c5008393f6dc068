// A tiny static HTTP server for the browser test and the docs site: serves files from `root`,
// only on localhost, with the COOP/COEP headers that make a page cross-origin isolated (so it may
// use SharedArrayBuffer, shared WebAssembly memory and Web Worker threads) on paths under
// every path, or only under `isolatedPrefix` (which is then stripped: `/isolated/x.html` serves
// `x.html` isolated, `/x.html` the same file without the headers). Usage as a script:
//   node scripts/static-server.mjs <root> [port]      (every path isolated)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.mtx': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Start serving `root`. `isolatedPrefix`: only paths under it get COOP/COEP (default: all paths).
 * Resolves to `{ url, close }` once listening on 127.0.0.1 (port 0 picks a free port).
 */
export async function startStaticServer({ root, port = 0, isolatedPrefix }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let isolated = isolatedPrefix === undefined;
      if (!isolated && (path === isolatedPrefix || path.startsWith(isolatedPrefix + '/'))) {
        isolated = true;
        path = path.slice(isolatedPrefix.length) || '/';
      }
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      let s = await stat(file).catch(() => null);
      if (s?.isDirectory()) {
        file = join(file, 'index.html');
        s = await stat(file).catch(() => null);
      }
      if (!s) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
        return;
      }
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (isolated) {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
        headers['cross-origin-resource-policy'] = 'same-origin';
      }
      res.writeHead(200, headers).end(await readFile(file));
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: p } = server.address();
  return {
    url: `http://localhost:${p}`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections(); // browsers keep connections alive: do not wait for them
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? '.';
  const s = await startStaticServer({ root, port: Number(process.argv[3] ?? 8080) });
  console.log(`serving ${resolve(root)} at ${s.url} (cross-origin isolated)`);
}
