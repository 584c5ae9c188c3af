// A small static file server for the built app, behaving like a plain static host: /import serves
// import.html, unknown paths fall back to 200.html (the SPA shell), .wasm is served as application/wasm,
// and sw.js is never cached by HTTP so new versions are found. `npm start` runs it on PORT (default 4173).
// Tests import startServer() to stop and start it (real offline checks).
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * @param {{ root?: string, port?: number, host?: string, base?: string }} [opts]
 * @returns {Promise<{ url: string, close: () => Promise<void>, requests: string[] }>}
 */
export function startServer(opts = {}) {
  const root = resolve(opts.root ?? 'build');
  const base = (opts.base ?? process.env.BASE_PATH ?? '').replace(/\/$/, '');
  const host = opts.host ?? '127.0.0.1';
  /** @type {string[]} */
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    let path = decodeURIComponent(url.pathname);
    if (base) {
      if (path === base) path = '/';
      else if (path.startsWith(`${base}/`)) path = path.slice(base.length);
      else {
        res.writeHead(404).end('not found');
        return;
      }
    }
    const safe = normalize(path).replace(/^(\.\.[/\\])+/, '');
    const candidates = [join(root, safe), join(root, `${safe}.html`), join(root, safe, 'index.html')];
    let file = candidates.find((f) => f.startsWith(root) && existsSync(f) && statSync(f).isFile());
    let status = 200;
    if (!file) {
      const looksLikeAsset = extname(safe) !== '' && !safe.endsWith('.html');
      if (looksLikeAsset) {
        res.writeHead(404).end('not found');
        return;
      }
      file = join(root, '200.html');
      status = 200;
    }
    /** @type {Record<string, string>} */
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (file.endsWith('sw.js') || file.endsWith('.html') || file.endsWith('.webmanifest'))
      headers['cache-control'] = 'no-cache';
    else if (file.includes(`${join(root, '_app', 'immutable')}`))
      headers['cache-control'] = 'public, max-age=31536000, immutable';
    res.writeHead(status, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? Number(process.env.PORT ?? 4173), host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      ok({
        url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${base}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startServer({ host: process.env.HOST ?? '0.0.0.0' });
  console.log(`Bankroll Guardian is being served on ${s.url.replace('0.0.0.0', 'localhost')}/`);
}
