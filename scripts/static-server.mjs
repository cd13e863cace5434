#!/usr/bin/env node
// A plain static file server for dist/: what any static host does, nothing more.
// Serves on 127.0.0.1 only. Options: --dir DIR (default dist) --port N (default 8080, 0 = any)
// --base /sub/path/ (serve under a sub-path) --max-seconds N (stop by itself; tests use this).
// Prints "listening on http://127.0.0.1:PORT/BASE" once ready.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dirArg = opt('dir', 'dist');
const port = Number(opt('port', '8080'));
const baseArg = opt('base', '/');
const maxSeconds = Number(opt('max-seconds', '0'));

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.zip': 'application/zip',
};

export function createServer(options = {}) {
  const root = path.resolve(options.dir ?? dirArg);
  let base = options.base ?? baseArg;
  if (!base.startsWith('/')) base = `/${base}`;
  if (!base.endsWith('/')) base = `${base}/`;
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let pathname;
    try { pathname = decodeURIComponent(url.pathname); } catch { res.writeHead(400); return res.end('bad request'); }
    if (pathname === base.slice(0, -1)) { res.writeHead(301, { Location: base }); return res.end(); }
    if (!pathname.startsWith(base)) { res.writeHead(404); return res.end('not found'); }
    let file = path.join(root, pathname.slice(base.length));
    if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); return res.end('not found'); }
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!fs.existsSync(path.join(dirArg, 'index.html'))) {
    console.error(`no ${dirArg}/index.html: build first (scripts/serve.sh builds and serves)`);
    process.exit(1);
  }
  const server = createServer();
  server.listen(port, '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}${baseArg}`);
  });
  if (maxSeconds > 0) setTimeout(() => { server.close(); process.exit(0); }, maxSeconds * 1000).unref();
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
}
