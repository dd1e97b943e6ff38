// A small static file server for the page: 127.0.0.1 only, GET/HEAD only, no directory listings, no files
// outside the served folder, and the page's security policy sent as headers too (so that it also binds the
// Web Worker, which a <meta> tag in index.html cannot reach).
//
//   node web/serve.mjs [FOLDER] [--port N]     FOLDER defaults to build-wasm/web; port 0 picks a free one
//
// As a module: `const { url, close } = await serve(folder, { port: 0 })`.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Identical to the <meta> policy in index.html.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export async function serve(folder, { port = 0, host = '127.0.0.1', log = () => {} } = {}) {
  const root = await realpath(resolve(folder));
  const server = createServer(async (request, response) => {
    const send = (status, text) => {
      response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(request.method === 'HEAD' ? undefined : text);
    };
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed\n');
      const pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      if (pathname.includes('\0')) return send(400, 'bad path\n');
      let file = join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      file = await realpath(file).catch(() => null);
      if (!file || (file !== root && !file.startsWith(root + sep))) return send(404, 'not found\n');
      const info = await stat(file);
      if (!info.isFile()) return send(404, 'not found\n');
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': info.size });
      log(`${request.method} ${pathname} 200`);
      if (request.method === 'HEAD') return response.end();
      createReadStream(file).on('error', () => response.destroy()).pipe(response);
    } catch {
      send(400, 'bad request\n');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const address = server.address();
  return {
    url: `http://${host}:${address.port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args.splice(portAt, 2)[1]) : 8080;
  const folder = args[0] ?? fileURLToPath(new URL('../build-wasm/web/', import.meta.url));
  const { url } = await serve(folder, { port });
  console.log(`pactcheck page: ${url}  (serving ${folder}; Ctrl-C to stop)`);
}
