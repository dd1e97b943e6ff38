// The npm package in a browser page without a bundler: the packed tarball installed offline into an empty
// project, and a page there (served by web/serve.mjs on 127.0.0.1, with the page's Content-Security-Policy as a
// header) whose own module imports ./node_modules/pactcheck/pactcheck.mjs by path and checks the 2020 fixture.
// The report must be the CLI's bytes; no request may leave the origin; no console errors.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { FIXTURES_DIR, loadCorpus, SOURCE_DIR } from '../wasm/support.mjs';
import { packAndInstall } from '../package/support.mjs';

const CHROMIUM = process.env.PACTCHECK_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.PACTCHECK_SCREENSHOTS;
const require = createRequire(join(SOURCE_DIR, 'package.json'));
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch {
  throw new Error(`playwright-core is not installed in ${SOURCE_DIR}/node_modules: run "npm ci" there (scripts/setup.sh does)`);
}
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (scripts/setup.sh does)`);
const { serve, CONTENT_SECURITY_POLICY } = await import(pathToFileURL(join(SOURCE_DIR, 'web', 'serve.mjs')).href);

const NK = join(FIXTURES_DIR, 'nk-2020');
const OPTIONS = { as_of: '2020-12-31T23:59:00+04:00', format: 'json' };
const EXPECTED = 'expected/as-of-2020-12-31.json';

let pkg;
let server;
let browser;
let profile;

before(async () => {
  pkg = packAndInstall();
  // The consuming page: markup, its module, and the fixture, beside node_modules/.
  mkdirSync(join(pkg.app, 'fixture'));
  copyFileSync(join(NK, 'agreement.json'), join(pkg.app, 'fixture', 'agreement.json'));
  copyFileSync(join(NK, 'events.json'), join(pkg.app, 'fixture', 'events.json'));
  writeFileSync(join(pkg.app, 'index.html'), `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/; frame-ancestors[^;]*/, '')}">
  <title>pactcheck package in a page</title>
  <link rel="icon" href="data:,">
  <script type="module" src="check.mjs"></script>
</head>
<body>
  <p id="status">loading</p>
  <pre id="report"></pre>
</body>
</html>
`);
  writeFileSync(join(pkg.app, 'check.mjs'), `import createPactcheckModule from './node_modules/pactcheck/pactcheck.mjs';

const bytes = async (name) => new Uint8Array(await (await fetch(name)).arrayBuffer());
try {
  const pactcheck = await createPactcheckModule();
  const [agreement, events] = await Promise.all([bytes('fixture/agreement.json'), bytes('fixture/events.json')]);
  const envelope = JSON.parse(pactcheck.check(agreement, events, ${JSON.stringify(JSON.stringify(OPTIONS))}));
  document.getElementById('report').textContent = envelope.rendered ?? '';
  document.body.dataset.ok = String(envelope.ok);
  document.body.dataset.exitCode = String(envelope.exit_code);
  document.body.dataset.version = pactcheck.version();
  document.getElementById('status').textContent = 'done';
} catch (error) {
  document.getElementById('status').textContent = \`failed: \${error}\`;
}
document.body.dataset.done = 'true';
`);
  server = await serve(pkg.app, { port: 0 });
  profile = mkdtempSync(join(tmpdir(), 'pactcheck-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  pkg?.cleanup();
});

test('a bundler-free page imports the packed package\'s module and gets the CLI\'s report', async () => {
  const origin = new URL(server.url).origin;
  const offOrigin = [];
  const requested = [];
  const errors = [];
  await browser.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) {
      requested.push(new URL(url).pathname);
      return route.continue();
    }
    offOrigin.push(url);
    return route.abort();
  });
  const page = browser.pages()[0] ?? await browser.newPage();
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url);
  await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 30000 });
  assert.equal(await page.textContent('#status'), 'done');
  const result = await page.evaluate(() => ({ ...document.body.dataset, report: document.getElementById('report').textContent }));
  const expectedCase = loadCorpus().find((c) => c.fixture === 'nk-2020' && c.expected === EXPECTED);
  assert.ok(expectedCase, `nk-2020/cases.json has no case for ${EXPECTED}`);
  assert.equal(result.ok, 'true');
  assert.equal(result.exitCode, String(expectedCase.exitCode));
  const manifest = JSON.parse(readFileSync(join(pkg.installed, 'package.json'), 'utf8'));
  assert.equal(result.version, manifest.version);
  assert.ok(Buffer.from(result.report, 'utf8').equals(readFileSync(join(NK, EXPECTED))),
    'the report differs from the expected bytes');
  assert.ok(requested.includes('/node_modules/pactcheck/pactcheck.wasm'), `the .wasm was not fetched from beside the module: ${requested}`);
  assert.deepEqual(offOrigin, [], 'requests left the origin');
  assert.deepEqual(errors, []);
  if (SCREENSHOTS) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'package-page.png') });
  }
});
