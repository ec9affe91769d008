// A tiny static file server for the end-to-end tests: serves dist/ on 127.0.0.1 at a random
// free port, both at the root (/) and under a sub-path (/sub/parcours/), to prove that the
// release build works from any directory of a static host. The page benchmark (scripts/bench.sh)
// serves it as a real static host would (`likeAHost`): gzip, ETag and revalidation, and counts
// the bytes it sends.

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const SUB_PATH = '/sub/parcours/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};
// What a static host compresses (images are compressed already).
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest', '.txt']);

/**
 * Starts serving `root`; resolves to { url, close } where url is the site's URL (ending in /).
 * With `prefix` (like SUB_PATH) the site is only served under that path, and everything else is
 * a 404: a URL that escapes the sub-path shows up as an error. With `port`, listens on that port
 * (to bring a stopped site back at the same origin); by default on any free one.
 *
 * With `likeAHost`, files are served as a static host would: gzip-compressed (zlib's default
 * level) when the request accepts it, with an ETag and `Cache-Control: no-cache` (a request
 * with a matching If-None-Match gets a bodiless 304); and every response is counted in
 * `sent`: path → { requests, bytes, first } (body bytes as sent, i.e. compressed; 0 for a 304;
 * `first`: the first request's `Date.now()`), which `resetSent()` clears. Otherwise (the tests) every file is sent whole with `no-store`.
 */
export async function serveDist(root, { prefix = '/', port: wanted = 0, likeAHost = false } = {}) {
  const base = resolve(root);
  const sent = new Map();
  const gzipped = new Map(); // ETag → compressed body: compressed once, as a host would cache it
  const count = (path, bytes) => {
    const entry = sent.get(path) ?? { requests: 0, bytes: 0, first: Date.now() };
    entry.requests += 1;
    entry.bytes += bytes;
    sent.set(path, entry);
  };
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (prefix !== '/' && path === prefix.slice(0, -1)) {
        res.writeHead(301, { Location: prefix });
        return res.end();
      }
      if (!path.startsWith(prefix)) throw Object.assign(new Error(), { code: 'ENOENT' });
      path = '/' + path.slice(prefix.length);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error(), { code: 'ENOENT' });
      if (!(await stat(file)).isFile()) throw Object.assign(new Error(), { code: 'ENOENT' });
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (!likeAHost) {
        res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
        return res.end(body);
      }
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      if (req.headers['if-none-match'] === etag) {
        count(path, 0);
        res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' });
        return res.end();
      }
      const gzip = COMPRESSED.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (gzip && !gzipped.has(etag)) gzipped.set(etag, gzipSync(body));
      const wire = gzip ? gzipped.get(etag) : body;
      count(path, wire.length);
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': wire.length,
        ETag: etag,
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      });
      res.end(wire);
    } catch (error) {
      const missing = error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
      res.writeHead(missing ? 404 : 500, { 'Content-Type': 'text/plain' });
      res.end(missing ? 'not found' : 'server error');
    }
  });
  await new Promise((ok) => server.listen(wanted, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    sent,
    resetSent: () => sent.clear(),
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections(); // keep-alive connections too: the site is really gone
      }),
  };
}

// `node tests/e2e/server.mjs [dir] [prefix]`: serve dist/ by hand and print the address.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serveDist(process.argv[2] ?? 'dist', { prefix: process.argv[3] ?? '/' });
  console.log(`serving at ${url}`);
}
