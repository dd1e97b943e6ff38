// Static guarantees of the page's source (web/): no HTML-injection sinks, no eval, nothing loaded from
// elsewhere, and the Content-Security-Policy the page promises, identical in index.html and web/serve.mjs.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { SOURCE_DIR, WEB_DIR } from './support.mjs';

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
      /new Function\b/, /setTimeout\(\s*['"`]/, /\.setAttribute\(\s*['"]on/i, /createContextualFragment/, /DOMParser/,
      /\.html\s*\(/]) { // .html(): d3-selection's innerHTML setter
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

// Every import specifier in an ES module's text: static imports and re-exports (an import or export statement,
// at the start of a line or after ; or }, up to its `from`), side-effect imports and dynamic imports. Shaped as
// statements, so that a string such as 'from' in an array is not taken for one.
function importSpecifiers(code) {
  const patterns = [
    /(?:^|[;}])\s*(?:import|export)\b[^'";]*?\bfrom\s*(['"])([^'"]+)\1/gm,
    /(?:^|[;}])\s*import\s*(['"])([^'"]+)\1/gm,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[2]));
}

test('the page imports only files of its served folder, by relative path (no bare names, no URLs: no import map needed)', () => {
  for (const file of scripts.filter((f) => f !== 'serve.mjs')) {
    const code = readFileSync(join(WEB, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const specifier of importSpecifiers(code)) {
      assert.match(specifier, /^\.\/[\w./-]+\.(mjs|js)$/, `${file} imports ${specifier}`);
      // In the served folder: web/'s own files, the built module, and vendor/ (scripts/vendor-web.mjs).
      assert.ok(existsSync(join(WEB_DIR, specifier)), `${file} imports ${specifier}, which is not in ${WEB_DIR}`);
    }
  }
});

test('the served folder holds the vendored libraries and base layer, as pinned in package-lock.json', () => {
  const vendor = join(WEB_DIR, 'vendor');
  assert.ok(existsSync(join(vendor, 'versions.json')), `${vendor}/versions.json missing: build the pactcheck_web target`);
  const versions = JSON.parse(readFileSync(join(vendor, 'versions.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(SOURCE_DIR, 'package-lock.json'), 'utf8'));
  for (const name of ['d3-geo', 'd3-zoom', 'topojson-client', 'world-atlas']) {
    assert.ok(versions[name], `${name} is not vendored`);
    assert.equal(versions[name], lock.packages[`node_modules/${name}`]?.version, `${name}'s vendored version`);
  }
  const pkg = JSON.parse(readFileSync(join(SOURCE_DIR, 'package.json'), 'utf8'));
  for (const name of ['d3-geo', 'd3-zoom', 'topojson-client', 'world-atlas']) {
    assert.match(pkg.dependencies[name] ?? '', /^\d+\.\d+\.\d+$/, `${name} is not pinned to an exact version in package.json`);
  }
  const modules = [
    ...readdirSync(vendor).filter((f) => f.endsWith('.mjs')),
    ...readdirSync(join(vendor, 'topojson-client')).map((f) => `topojson-client/${f}`),
  ];
  assert.ok(modules.length >= 12, `only ${modules.length} vendored modules`);
  for (const file of modules) {
    const code = readFileSync(join(vendor, file), 'utf8');
    for (const specifier of importSpecifiers(code)) {
      assert.match(specifier, /^\.\.?\//, `vendor/${file} imports ${specifier}: a bare name the browser cannot resolve`);
    }
    assert.doesNotMatch(code, /\beval\s*\(|new Function\b/, `vendor/${file} evaluates strings`);
  }
  assert.ok(existsSync(join(vendor, 'world-atlas', 'countries-10m.json')), 'the base layer is not served');
});

test('a date and time typed on the page are read in the agreement\'s IANA zone by the engine\'s rule (docs/zones.md)', async () => {
  const { instantInZone, zoneOffsetAt } = await import(pathToFileURL(join(WEB, 'render.mjs')).href);
  const read = (zone, local) => new Date(instantInZone(zone, Date.parse(`${local}Z`))).toISOString();
  assert.equal(read('Asia/Baku', '2020-11-10T01:00:00'), '2020-11-09T21:00:00.000Z');
  assert.equal(read('Asia/Jerusalem', '2025-01-21T23:59:59.998'), '2025-01-21T21:59:59.998Z');
  assert.equal(read('Asia/Jerusalem', '2025-07-01T12:00:00'), '2025-07-01T09:00:00.000Z'); // summer time
  // Clocks went back: the earlier of the two instants.
  assert.equal(read('Europe/Kyiv', '2015-10-25T03:30:00'), '2015-10-25T00:30:00.000Z');
  // Clocks went forward over it: the moment of the change.
  assert.equal(read('Europe/Kyiv', '2015-03-29T03:30:00'), '2015-03-29T01:00:00.000Z');
  assert.equal(zoneOffsetAt('Asia/Jerusalem', Date.parse('2025-07-01T09:00:00Z')), '+03:00');
  assert.equal(zoneOffsetAt('UTC', 0), '+00:00');
  assert.equal(zoneOffsetAt('Not/A_Zone', 0), null);
  assert.equal(instantInZone('Not/A_Zone', 0), null);
});
