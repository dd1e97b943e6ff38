// The page in Debian's Chromium, headless, driven by playwright-core (pinned in package.json; no browser is
// downloaded). The page is served from the build's web folder by web/serve.mjs on 127.0.0.1 at a random port.
//
// Expectations (issue 3, section 4): the built-in fixture shows the statuses of its expected reports; moving
// the as-of instant flips Kalbajar; a what-if exclusion changes the verdicts the expected what-if report says;
// a malformed file shows located issues and the page works afterwards; hostile text stays text; no console
// errors; no request leaves the origin. Screenshots of the main views at 1280x800 and 390x844 are saved under
// PACTCHECK_SCREENSHOTS.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { FIXTURES_DIR, loadCorpus, SOURCE_DIR, WEB_DIR } from '../wasm/support.mjs';

const CHROMIUM = process.env.PACTCHECK_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.PACTCHECK_SCREENSHOTS ?? join(WEB_DIR, '..', 'screenshots');

// Missing prerequisites fail loudly, naming the fix.
const require = createRequire(join(SOURCE_DIR, 'package.json'));
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch {
  throw new Error(`playwright-core is not installed in ${SOURCE_DIR}/node_modules: run "npm ci" there (scripts/setup.sh does)`);
}
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (scripts/setup.sh does)`);
if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR}/index.html not found: build the wasm tree first`);

const { serve } = await import(pathToFileURL(join(SOURCE_DIR, 'web', 'serve.mjs')).href);
const createPactcheckModule = (await import(pathToFileURL(join(WEB_DIR, 'pactcheck.mjs')).href)).default;
const pactcheck = await createPactcheckModule();

const NK = join(FIXTURES_DIR, 'nk-2020');
const nkAgreementText = readFileSync(join(NK, 'agreement.json'), 'utf8');
const nkEventsText = readFileSync(join(NK, 'events.json'), 'utf8');
const nkCases = loadCorpus().filter((c) => c.fixture === 'nk-2020');
const jsonCase = (predicate) => nkCases.find((c) => c.options.format === 'json' && c.exitCode !== 2 && predicate(c));
const expectedReport = (c) => JSON.parse(readFileSync(join(c.dir, c.expected), 'utf8'));

// What the module says, for comparisons that have no expected file (the same module the page runs).
function moduleReport(options) {
  const envelope = JSON.parse(pactcheck.check(nkAgreementText, nkEventsText, JSON.stringify({ format: 'json', ...options })));
  assert.equal(envelope.ok, true, JSON.stringify(envelope.issues));
  return envelope;
}

// Statuses in a report, normalised over the two shapes by_bearer may take.
function reportStatuses(report) {
  const out = {};
  for (const o of report.obligations) {
    const bearers = Array.isArray(o.by_bearer)
      ? o.by_bearer.map((b) => [b.party, b.status])
      : Object.entries(o.by_bearer).map(([party, v]) => [party, v.status]);
    out[o.id] = { status: o.status, bearers: Object.fromEntries(bearers) };
  }
  return out;
}

let server;
let context;
let page;
let profile;
const consoleErrors = [];
const pageErrors = [];
const offOrigin = [];
const dialogs = [];
let requestCount = 0;

async function launch(viewport) {
  profile = mkdtempSync(join(tmpdir(), 'pactcheck-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
  const origin = new URL(server.url).origin;
  // Every request from the page and its worker passes through here; anything not for our origin is counted
  // and refused.
  await context.route('**/*', (route) => {
    requestCount += 1;
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offOrigin.push(url);
    return route.abort();
  });
  context.on('request', (request) => {
    const url = request.url();
    if (/^(https?|wss?):/.test(url) && new URL(url).origin !== origin && !offOrigin.includes(url)) offOrigin.push(url);
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function renders() {
  return Number(await page.evaluate(() => document.body.dataset.renders ?? '0'));
}

// Runs `action` and waits for the page to finish the render it causes.
async function andRender(action) {
  const before = await renders();
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.renders) > n && document.body.dataset.busy === 'false',
    before, { timeout: 30000 });
}

async function openPage() {
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30000 });
}

async function openExample() {
  await andRender(() => page.click('#open-example'));
  await page.waitForSelector('#results:not([hidden])');
}

async function setAsOf(instant) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(instant);
  assert.ok(m, instant);
  const current = await page.evaluate(() => document.body.dataset.asOf);
  if (current === instant) return;
  await page.fill('#asof-time', m[2]);
  await page.fill('#asof-date', m[1]);
  await page.waitForFunction((want) => document.body.dataset.asOf === want && document.body.dataset.busy === 'false',
    instant, { timeout: 30000 });
}

async function pageStatuses() {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#obligations-table tbody tr')].map((row) => [
    row.dataset.obligation,
    {
      status: row.dataset.status,
      bearers: Object.fromEntries([...row.querySelectorAll('.bearer-badges li')].map((li) => [li.dataset.party, li.dataset.status])),
    },
  ])));
}

// Puts text into a textarea as a paste would (one input event), which page.fill does far more slowly.
async function paste(selector, text) {
  await page.$eval(selector, (node, value) => {
    node.value = value;
    node.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function shot(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

async function fullShot(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

before(async () => {
  server = await serve(WEB_DIR, { port: 0 });
  await launch({ width: 1280, height: 800 });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the page at 1280x800', () => {
  test('loads offline, with the checker ready', async () => {
    await openPage();
    const version = await page.textContent('#version');
    assert.match(version, new RegExp(pactcheck.version().replace(/\./g, '\\.')));
    assert.equal(await page.isDisabled('#open-example'), false);
    await shot('1280-start');
  });

  test('the built-in 2020 fixture shows the statuses of its expected reports', async () => {
    await openExample();
    const cases = nkCases.filter((c) => c.options.format === 'json' && !c.options.exclude && c.exitCode !== 2);
    assert.ok(cases.length >= 4, `expected at least 4 as-of cases for nk-2020, found ${cases.length}`);
    for (const c of cases) {
      await setAsOf(c.options.as_of);
      const expected = expectedReport(c);
      assert.deepEqual(await pageStatuses(), reportStatuses(expected), `statuses as of ${c.options.as_of}`);
      // The summary table agrees with the report's per-party counts.
      const summary = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#summary-table tbody tr')]
        .map((row) => [row.dataset.party, Object.fromEntries([...row.querySelectorAll('td[data-status]')]
          .map((td) => [td.dataset.status, Number(td.textContent)]))])));
      const byParty = expected.summary.by_party;
      const parties = Array.isArray(byParty) ? byParty.map((p) => [p.party, p.by_status]) : Object.entries(byParty);
      for (const [party, counts] of parties) {
        for (const [status, n] of Object.entries(summary[party] ?? {})) {
          assert.equal(n, counts[status] ?? 0, `summary ${party} ${status} as of ${c.options.as_of}`);
        }
      }
      const millis = Number(await page.evaluate(() => document.body.dataset.checkMillis));
      console.log(`# in-page check of nk-2020 as of ${c.options.as_of}: ${millis.toFixed(1)} ms`);
    }
    await shot('1280-results');
    await fullShot('1280-results-full');
  });

  test('moving the as-of instant flips Kalbajar: pending before 25 November 2020, then done (late against the original deadline)', async () => {
    // With the date control.
    await setAsOf('2020-11-24T12:00:00+04:00');
    let statuses = await pageStatuses();
    assert.equal(statuses['p6-kalbajar'].status, 'pending');
    await setAsOf('2020-11-26T12:00:00+04:00');
    statuses = await pageStatuses();
    assert.ok(['complied', 'complied_late'].includes(statuses['p6-kalbajar'].status), statuses['p6-kalbajar'].status);
    const cell = await page.textContent('tr[data-obligation="p6-kalbajar"] .deadline-cell');
    assert.match(cell, /against the original: complied late/, cell);

    // With the slider, from the keyboard: to the last point before 25 November, then one step on.
    const session = pactcheck.Session.open(nkAgreementText, nkEventsText, '{}');
    const timeline = JSON.parse(session.timeline());
    session.delete();
    const boundary = Date.parse('2020-11-25T00:00:00+04:00');
    const lastBefore = timeline.reduce((found, p, i) => (Date.parse(p.instant) < boundary ? i : found), -1);
    assert.ok(lastBefore >= 0);
    await page.focus('#asof-slider');
    await andRender(() => page.keyboard.press('Home'));
    for (let i = 0; i < lastBefore; i += 1) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((want) => document.body.dataset.asOf === want && document.body.dataset.busy === 'false',
      timeline[lastBefore].instant, { timeout: 30000 });
    assert.equal((await pageStatuses())['p6-kalbajar'].status, 'pending');
    let index = lastBefore;
    let status = 'pending';
    while (status === 'pending' && index < timeline.length - 1) {
      index += 1;
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((want) => document.body.dataset.asOf === want && document.body.dataset.busy === 'false',
        timeline[index].instant, { timeout: 30000 });
      status = (await pageStatuses())['p6-kalbajar'].status;
    }
    assert.ok(Date.parse(timeline[index].instant) >= boundary - 86400000, `Kalbajar flipped at ${timeline[index].instant}`);
    assert.notEqual(status, 'pending');
    await andRender(() => page.click('tr[data-obligation="p6-kalbajar"] button'));
    const detail = await page.textContent('#detail-body');
    assert.match(detail, /Deadline and its history/);
    assert.match(detail, /NK-009/);
    await shot('1280-kalbajar-detail').catch(() => {});
  });

  test('a what-if exclusion changes exactly the verdicts the expected what-if report says', async () => {
    const whatIf = jsonCase((c) => Array.isArray(c.options.exclude) && c.options.exclude.length === 1);
    assert.ok(whatIf, 'nk-2020 has no what-if case');
    const excluded = whatIf.options.exclude[0];
    const baseCase = jsonCase((c) => !c.options.exclude && c.options.as_of === whatIf.options.as_of);
    const baseline = baseCase ? reportStatuses(expectedReport(baseCase)) : reportStatuses(moduleReport({ as_of: whatIf.options.as_of }).report);
    const target = reportStatuses(expectedReport(whatIf));
    const changed = Object.keys(target).filter((id) => JSON.stringify(target[id]) !== JSON.stringify(baseline[id])).sort();
    assert.ok(changed.length > 0, `leaving out ${excluded} changes nothing in the expected reports`);

    await setAsOf(whatIf.options.as_of);
    // Open the event from the timeline, as a monitor would, and leave it out.
    await andRender(() => page.click(`#timeline-chart circle[data-event="${excluded}"]`));
    await andRender(() => page.click(`#detail-body button.exclude-toggle[data-event="${excluded}"]`));
    assert.deepEqual(await pageStatuses(), target);
    const listed = await page.evaluate(() => [...document.querySelectorAll('#whatif-changes li')].map((li) => li.dataset.obligation).sort());
    assert.deepEqual(listed, changed);
    assert.equal(await page.isVisible('#whatif'), true);
    await page.locator('#whatif').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('whatif').scrollIntoView({ block: 'start' }));
    await shot('1280-what-if');
    await andRender(() => page.click('#whatif-reset'));
    assert.deepEqual(await pageStatuses(), baseline);
    assert.equal(await page.isVisible('#whatif'), false);
  });

  test('the exports are the CLI\'s bytes for the same question', async () => {
    const asOf = await page.evaluate(() => document.body.dataset.asOf);
    for (const [button, format] of [['#export-json', 'json'], ['#export-markdown', 'markdown']]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const path = await download.path();
      const bytes = readFileSync(path);
      const expected = moduleReport({ as_of: asOf, format }).rendered;
      assert.ok(bytes.equals(Buffer.from(expected, 'utf8')), `${format} export differs from the module's rendered output`);
      assert.match(download.suggestedFilename(), format === 'json' ? /\.json$/ : /\.md$/);
    }
  });

  test('the table and the detail work from the keyboard', async () => {
    await page.focus('#obligations-table tbody tr:first-child button');
    await andRender(() => page.keyboard.press('Enter'));
    const first = await page.getAttribute('#obligations-table tbody tr:first-child', 'data-obligation');
    assert.match(await page.textContent('#detail-title + #detail-body h3'), new RegExp(first));
    assert.equal(await page.getAttribute('#obligations-table tbody tr:first-child button', 'aria-pressed'), 'true');
    // An event on the map is reachable and opens with Enter.
    const dot = page.locator('#map-chart circle[data-event]').first();
    const id = await dot.getAttribute('data-event');
    await dot.focus();
    await andRender(() => page.keyboard.press('Enter'));
    assert.match(await page.textContent('#detail-body h3'), new RegExp(`Event ${id}`));
    await shot('1280-event-detail');
  });

  test('a malformed file shows located issues, and the page still works afterwards', async () => {
    const broken = '{\n  "format": "pactcheck/agreement",\n  "version": 1,\n  "id": "x",,\n}';
    await page.setInputFiles('#agreement-file', { name: 'broken-agreement.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await page.setInputFiles('#events-file', { name: 'events.json', mimeType: 'application/json', buffer: Buffer.from(nkEventsText) });
    await andRender(() => page.click('#check-files'));
    assert.equal(await page.isVisible('#issues'), true);
    assert.equal(await page.isHidden('#results'), true);
    const issues = await page.$$eval('#issues-list li', (items) => items.map((li) => li.textContent));
    assert.ok(issues.some((text) => /broken-agreement\.json:4:\d+/.test(text)), issues.join('\n'));
    await shot('1280-issues');

    // A schema-level problem is located by JSON Pointer; pasted text goes the same way.
    const agreement = JSON.parse(nkAgreementText);
    agreement.obligations[3].kind = 'banana';
    await page.click('#paste summary');
    await paste('#agreement-text', JSON.stringify(agreement, null, 2));
    await paste('#events-text', nkEventsText);
    await andRender(() => page.click('#check-paste'));
    const pointerIssues = await page.$$eval('#issues-list li', (items) => items.map((li) => li.textContent));
    assert.ok(pointerIssues.some((text) => text.includes('#/obligations/3')), pointerIssues.join('\n'));
    await page.click('#paste summary');

    // And the page still answers.
    await openExample();
    assert.equal(await page.isHidden('#issues'), true);
    const c = jsonCase((x) => !x.options.exclude);
    await setAsOf(c.options.as_of);
    assert.deepEqual(await pageStatuses(), reportStatuses(expectedReport(c)));
  });

  test('dropping an agreement and an event log on the page checks them', async () => {
    const dataTransfer = await page.evaluateHandle(([a, e]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([e], 'my-events.json', { type: 'application/json' }));
      dt.items.add(new File([a], 'my-agreement.json', { type: 'application/json' }));
      return dt;
    }, [nkAgreementText, nkEventsText]);
    await andRender(() => page.dispatchEvent('#drop-zone', 'drop', { dataTransfer }));
    assert.equal(await page.isVisible('#results'), true);
    assert.match(await page.textContent('#agreement-meta'), /my-events\.json/);
  });

  test('hostile text in the files is shown as text and runs nothing', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const events = JSON.parse(nkEventsText);
    const target = events.events.find((e) => e.id === 'NK-020') ?? events.events[events.events.length - 1];
    target.notes = `${payload} <script>alert(2)</script>`;
    target.where = { ...target.where, name: `<svg onload=alert(3)>${target.where?.name ?? ''}` };
    target.actors = [...(target.actors ?? []), { name: '<b onmouseover=alert(4)>actor</b>' }];
    target.sources = [
      { title: '<a href=javascript:alert(5)>click</a>', url: 'javascript:alert(6)' },
      { title: 'data link', url: 'data:text/html,<script>alert(7)</script>' },
      { title: 'a real source', url: 'https://example.org/report' },
    ];
    const agreement = JSON.parse(nkAgreementText);
    agreement.title = `<img src=x onerror=alert(8)> ${agreement.title}`;
    agreement.parties[0].name = `<iframe src=javascript:alert(9)></iframe>${agreement.parties[0].name}`;
    await page.setInputFiles('#agreement-file', { name: 'agreement<img src=x>.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(agreement)) });
    await page.setInputFiles('#events-file', { name: 'events.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(events)) });
    await andRender(() => page.click('#check-files'));
    assert.equal(await page.isVisible('#results'), true);
    await andRender(() => page.click(`#timeline-chart circle[data-event="${target.id}"]`));

    const detail = await page.textContent('#detail-body');
    assert.ok(detail.includes(payload), 'the note is not shown as literal text');
    assert.ok(detail.includes('<script>alert(2)</script>'));
    assert.ok((await page.textContent('#agreement-title')).includes('<img src=x onerror=alert(8)>'));
    const state = await page.evaluate(() => ({
      injected: document.querySelectorAll('img[src="x"], script:not([src]), iframe, svg[onload], [onerror], [onload], [onmouseover]').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^https?:/.test(a.href)).length,
      links: [...document.querySelectorAll('#detail-body a[href]')].map((a) => ({ href: a.href, rel: a.rel, target: a.target })),
      csp: window.__cspViolations,
    }));
    assert.equal(state.injected, 0, 'an element was created from input text');
    assert.equal(state.jsLinks, 0, 'a link that is not http(s) was created');
    assert.deepEqual(state.links, [{ href: 'https://example.org/report', rel: 'noopener noreferrer', target: '_blank' }]);
    assert.deepEqual(state.csp, [], 'the page tripped its own Content-Security-Policy');
    // Map and timeline tooltips are SVG <title> text.
    const tooltip = await page.textContent(`#map-chart circle[data-event="${target.id}"] title`);
    assert.ok(tooltip.includes('<svg onload=alert(3)>'), tooltip);
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, [], 'a dialog was opened');
    await page.evaluate(() => {
      document.getElementById('detail').scrollIntoView({ block: 'start' });
      document.querySelector('#detail .event-notes')?.scrollIntoView({ block: 'center' });
    });
    await shot('1280-hostile-text');
  });
});

describe('a large log', () => {
  test('is checked off the main thread: the page keeps answering, and the check can be stopped', async () => {
    const { generate } = await import(pathToFileURL(join(SOURCE_DIR, 'bench', 'gen-synthetic-events.mjs')).href);
    // Big enough that the check takes seconds (so that "Stop" appears, after 1 s), small enough for a test.
    const count = 20000;
    const log = Buffer.from(JSON.stringify(generate({ count, seed: 7, agreementPath: join(NK, 'agreement.json') })));
    const load = async () => {
      await page.setInputFiles('#agreement-file', { name: 'agreement.json', mimeType: 'application/json', buffer: Buffer.from(nkAgreementText) });
      await page.setInputFiles('#events-file', { name: `synthetic-${count}.json`, mimeType: 'application/json', buffer: log });
    };
    // Stop a check half-way, then check again to the end.
    await load();
    await page.click('#check-files');
    await page.waitForSelector('#cancel:not([hidden])', { timeout: 20000 });
    await andRender(() => page.click('#cancel'));
    assert.match(await page.textContent('#status'), /Stopped/);

    await load();
    await page.evaluate(() => {
      window.__gaps = [];
      let last = performance.now();
      const tick = (now) => {
        window.__gaps.push(now - last);
        last = now;
        if (document.body.dataset.busy !== 'false' || window.__gaps.length < 3) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    await page.click('#check-files');
    await page.waitForSelector('#cancel:not([hidden])', { timeout: 20000 });
    // While the worker checks, the page still reacts to input.
    await page.click('#paste summary');
    assert.equal(await page.getAttribute('#paste', 'open'), '');
    await page.click('#paste summary');
    const gapsWhileChecking = await page.evaluate(() => Math.max(...window.__gaps));
    await page.waitForFunction(() => document.body.dataset.busy === 'false', null, { timeout: 120000 });
    console.log(`# ${count} synthetic events checked in the page in ${Date.now() - started} ms ` +
      `(worker: ${Number(await page.evaluate(() => document.body.dataset.checkMillis)).toFixed(0)} ms); ` +
      `longest frame gap while checking: ${gapsWhileChecking.toFixed(0)} ms`);
    assert.ok(gapsWhileChecking < 250, `the main thread stalled for ${gapsWhileChecking} ms during the check`);
    assert.equal(await page.isVisible('#results'), true);
    assert.match(await page.textContent('#timeline-chart'), /shown as counts/);
    await shot('1280-large-log');
  });
});

describe('the page at 390x844 (a phone)', () => {
  test('works and fits the width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openPage();
    await shot('390-start');
    await openExample();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 392, `the page is ${width}px wide at 390`);
    const c = jsonCase((x) => !x.options.exclude && /2020-12-31/.test(x.options.as_of)) ?? jsonCase(() => true);
    await setAsOf(c.options.as_of);
    assert.deepEqual(await pageStatuses(), reportStatuses(expectedReport(c)));
    await page.locator('#summary-title').scrollIntoViewIfNeeded();
    await shot('390-results');
    await andRender(() => page.click('tr[data-obligation="p6-kalbajar"] button'));
    await page.locator('#detail').scrollIntoViewIfNeeded();
    await shot('390-detail');
    await page.locator('#map-title').scrollIntoViewIfNeeded();
    await shot('390-map');
    await fullShot('390-results-full');
  });
});

describe('the whole session', () => {
  test('no console errors, no page errors, no dialogs', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(dialogs, []);
  });

  test('zero requests left the origin', () => {
    assert.ok(requestCount > 0, 'no request was seen at all: the interception is not working');
    assert.deepEqual(offOrigin, []);
    console.log(`# ${requestCount} requests, all to the page's own origin; screenshots in ${SCREENSHOTS}`);
  });
});
