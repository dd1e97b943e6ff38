// Static guarantees of the page's source (web/): no HTML-injection sinks, no eval, nothing loaded from
// elsewhere, and the Content-Security-Policy the page promises, identical in index.html and web/serve.mjs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { SOURCE_DIR } from './support.mjs';

const WEB = join(SOURCE_DIR, 'web');
const scripts = readdirSync(WEB).filter((f) => f.endsWith('.mjs'));
const html = readFileSync(join(WEB, 'index.html'), 'utf8');
const REQUIRED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

test('no script writes HTML or evaluates strings', () => {
  assert.ok(scripts.length >= 5, `only ${scripts.length} scripts in web/`);
  for (const file of scripts) {
    const code = readFileSync(join(WEB, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const sink of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/,
      /new Function\b/, /setTimeout\(\s*['"`]/, /\.setAttribute\(\s*['"]on/i, /createContextualFragment/, /DOMParser/]) {
      assert.doesNotMatch(code, sink, `${file} uses ${sink}`);
    }
  }
});

test('index.html carries the required Content-Security-Policy, and the server sends the same', async () => {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'no CSP meta tag');
  assert.equal(meta[1], REQUIRED_CSP);
  const { CONTENT_SECURITY_POLICY } = await import(pathToFileURL(join(WEB, 'serve.mjs')).href);
  assert.ok(CONTENT_SECURITY_POLICY.startsWith(REQUIRED_CSP), CONTENT_SECURITY_POLICY);
});

test('index.html has no inline script or style and loads nothing from elsewhere', () => {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
  assert.doesNotMatch(html, /<style\b/, 'inline <style>');
  assert.doesNotMatch(html, /\sstyle=/, 'style attribute');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
  for (const [, url] of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) {
    assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(url) || url === 'data:,', `external or scheme URL ${url}`);
  }
  for (const file of scripts.filter((f) => f !== 'serve.mjs')) {
    const code = readFileSync(join(WEB, file), 'utf8');
    const urls = [...code.matchAll(/['"`](https?:\/\/[^'"`]+)['"`]/g)].map((m) => m[1])
      .filter((u) => u !== 'http://www.w3.org/2000/svg');
    assert.deepEqual(urls, [], `${file} names outside URLs`);
  }
});
