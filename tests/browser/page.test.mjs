// The page in Debian's Chromium, headless, driven by playwright-core (pinned in package.json; no browser is
// downloaded). The page is served from the build's web folder by web/serve.mjs on 127.0.0.1 at a random port.
//
// Expectations (issue 3, section 4): the built-in fixture shows the statuses of its expected reports; moving
// the as-of instant flips Kalbajar; a what-if exclusion changes the verdicts the expected what-if report says;
// a malformed file shows located issues and the page works afterwards; hostile text stays text; no console
// errors; no request leaves the origin. Screenshots of the main views at 1280x800 and 390x844 are saved under
// PACTCHECK_SCREENSHOTS.
//
// Report version 2 (docs/format.md "Report"): every fixture in fixtures/ is loaded from its files and shows, for
// every JSON case, the statuses of its expected report (per obligation and bearer, in the summary and the table,
// and per party), at the case's as-of instant, knowledge mode and exclusions, with the report header's knowledge
// mode and later-knowledge count; every obligation's detail opens. The new views: the summary first (points,
// titles, bearers by name); the knowledge control (syn-knowledge's cf goes from undetermined or violated in
// hindsight to complied as it could have been known, as its expected reports say, and back; later knowledge is
// marked in the evidence); syn-reversal's history as three steps; syn-readings' two readings; syn-responsibility's
// rule r-ru-backs and "not a bearer", and the bounds and open points of an undetermined verdict; syn-periods'
// notices; the kind-specific progress (caps, exchange sides, term) and the generic fallback for progress shapes the
// page does not know. Screenshots of a detail with history and of the knowledge control at 1280 and 390.
//
// The map and the timeline (issue "Monitors' own data in...", section 3), at both widths: the base layer is
// drawn (Armenia's and Azerbaijan's country paths, their names shown), with the agreement's areas and lines,
// place names and a scale bar; no two labels overlap, on the map (before and after zooming) or on the timeline;
// the legend is compact; zoom and pan work from the buttons, the keyboard and the wheel, and survive a new
// as-of instant; the base layer and the libraries come from the page's own origin.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { FIXTURES_DIR, loadCorpus, SOURCE_DIR, WEB_DIR } from '../wasm/support.mjs';
import { wallClockOnPage as wallClock } from './wall-clock.mjs';

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
const corpus = loadCorpus();
// The cases of a fixture that produce a JSON report (the page shows reports, not issues or text renderings).
const reportCases = (fixture) => corpus.filter((c) => c.fixture === fixture && c.type === 'check' && (c.options.format ?? 'json') === 'json' &&
  c.exitCode !== 2);
const nkAgreementText = readFileSync(join(NK, 'agreement.json'), 'utf8');
const nkEventsText = readFileSync(join(NK, 'events.json'), 'utf8');
const nkCases = corpus.filter((c) => c.fixture === 'nk-2020');
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
const seenPaths = new Set();
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
    if (new URL(url).origin === origin) {
      seenPaths.add(new URL(url).pathname);
      return route.continue();
    }
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
  await waitForBaseLayer();
}

// The base layer is fetched once per page load; the map redraws itself when it arrives.
async function waitForBaseLayer() {
  await page.waitForSelector('#map-chart svg.map-svg[data-base-layer="drawn"]', { state: 'attached', timeout: 30000 });
}

// Pairs of elements matching `selector` whose boxes (as laid out by the browser) intersect, and elements that
// stick out of `within`; labels of no size (not drawn) are skipped.
async function labelOverlaps(selector, within) {
  return page.evaluate(([sel, outer]) => {
    const frame = document.querySelector(outer).getBoundingClientRect();
    const boxes = [...document.querySelectorAll(sel)]
      .map((node) => ({ text: node.textContent, r: node.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    const eps = 0.5;
    const hit = (a, b) => a.left < b.right - eps && b.left < a.right - eps && a.top < b.bottom - eps && b.top < a.bottom - eps;
    const pairs = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) if (hit(boxes[i].r, boxes[j].r)) pairs.push(`${boxes[i].text} / ${boxes[j].text}`);
    }
    const outside = boxes.filter(({ r }) => r.left < frame.left - eps || r.right > frame.right + eps || r.top < frame.top - eps ||
      r.bottom > frame.bottom + eps).map((b) => b.text);
    return { count: boxes.length, pairs, outside };
  }, [selector, within]);
}

const MAP_LABELS = '#map-chart svg.map-svg text:not(.callout text)';
const TIMELINE_LABELS = '#timeline-chart svg text';

async function mapZoom() {
  return Number(await page.getAttribute('#map-chart svg.map-svg', 'data-zoom'));
}

// The legend's largest box at each viewport width: compact beside the map at 1280, below it at 390.
const LEGEND_MAX = { 1280: { width: 280, height: 320 }, 390: { width: 370, height: 240 } };

// The map and the timeline of the 2020 fixture, as they are drawn at the current viewport `width`.
async function checkMapAndTimeline(width) {
  const agreement = JSON.parse(nkAgreementText);
  await waitForBaseLayer();

  // The base layer: the countries' paths, and their names.
  const base = await page.evaluate(() => {
    const svg = document.querySelector('#map-chart svg.map-svg').getBoundingClientRect();
    const country = (name) => {
      const path = document.querySelector(`#map-chart path.country[data-country="${name}"]`);
      const r = path?.getBoundingClientRect();
      return path ? { d: path.getAttribute('d').length, visible: r.right > svg.left && r.left < svg.right && r.bottom > svg.top && r.top < svg.bottom } : null;
    };
    return {
      armenia: country('Armenia'),
      azerbaijan: country('Azerbaijan'),
      countries: document.querySelectorAll('#map-chart path.country').length,
      names: [...document.querySelectorAll('#map-chart text.country-label')].map((t) => t.textContent),
      areas: [...document.querySelectorAll('#map-chart path[data-area]')].map((p) => p.dataset.area),
      lines: [...document.querySelectorAll('#map-chart path[data-line]')].map((p) => p.dataset.line),
      places: [...document.querySelectorAll('#map-chart text.place-label')].map((t) => t.textContent),
      scale: document.querySelector('#map-chart .scale-label')?.textContent,
      svgWidth: svg.width,
      frameWidth: document.querySelector('#map-chart .map-frame').clientWidth,
    };
  });
  assert.ok(base.armenia && base.armenia.d > 100 && base.armenia.visible, `Armenia's border is not drawn: ${JSON.stringify(base.armenia)}`);
  assert.ok(base.azerbaijan && base.azerbaijan.d > 100 && base.azerbaijan.visible, `Azerbaijan's border is not drawn: ${JSON.stringify(base.azerbaijan)}`);
  assert.ok(base.countries >= 5, `only ${base.countries} countries drawn`);
  for (const name of ['Armenia', 'Azerbaijan']) assert.ok(base.names.includes(name), `${name} is not named on the map: ${base.names}`);
  assert.deepEqual(base.areas, agreement.areas.map((a) => a.id), "the agreement's areas");
  assert.deepEqual(base.lines, agreement.lines.map((l) => l.id), "the agreement's lines");
  assert.ok(base.places.length >= (width >= 1000 ? 8 : 3), `only ${base.places.length} place names shown: ${base.places}`);
  assert.ok(base.places.some((p) => p.startsWith('Stepanakert') || p.startsWith('Kalbajar')), base.places.join(', '));
  assert.match(base.scale ?? '', /^\d+(\.\d+)? km$/, 'scale bar');
  assert.ok(Math.abs(base.svgWidth - base.frameWidth) <= 3, `the map is drawn at ${base.svgWidth}px in a ${base.frameWidth}px frame`);

  // No two labels overlap, and none sticks out of the map.
  let labels = await labelOverlaps(MAP_LABELS, '#map-chart svg.map-svg');
  assert.ok(labels.count >= base.names.length + base.places.length);
  assert.deepEqual(labels.pairs, [], 'map labels overlap');
  assert.deepEqual(labels.outside, [], 'map labels outside the map');

  // The legend: compact, and its swatches the size of a swatch.
  const legend = await page.evaluate(() => {
    const r = document.querySelector('#map-chart .map-legend').getBoundingClientRect();
    const swatches = [...document.querySelectorAll('#map-chart .map-legend .swatch')].map((s) => s.getBoundingClientRect());
    return { width: r.width, height: r.height, items: swatches.length, widest: Math.max(...swatches.map((s) => s.width)) };
  });
  const max = LEGEND_MAX[width];
  assert.ok(legend.items >= agreement.areas.length + agreement.lines.length + 3, `${legend.items} legend entries`);
  assert.ok(legend.widest <= 20, `a legend swatch is ${legend.widest}px wide`);
  assert.ok(legend.width <= max.width && legend.height <= max.height,
    `the legend is ${Math.round(legend.width)}x${Math.round(legend.height)} at ${width}px (at most ${max.width}x${max.height})`);
  console.log(`# ${width}px: legend ${Math.round(legend.width)}x${Math.round(legend.height)}, ${base.countries} countries, ` +
    `${base.places.length} place names, ${labels.count} map labels, scale ${base.scale}`);
  await page.evaluate(() => document.getElementById('map-title').scrollIntoView({ block: 'start' }));
  await shot(`${width}-map`);

  // Zoom: buttons, keyboard, wheel; labels are laid out again at each level.
  assert.equal(await mapZoom(), 1);
  await page.click('#map-chart button[aria-label="Zoom in"]');
  assert.ok(Math.abs(await mapZoom() - 1.6) < 1e-3, `zoom after the button: ${await mapZoom()}`);
  await page.focus('#map-chart svg.map-svg');
  await page.keyboard.press('+');
  assert.ok(await mapZoom() > 2.5, `zoom after "+": ${await mapZoom()}`);
  const before = await page.getAttribute('#map-chart .zoom-layer', 'transform');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.getAttribute('#map-chart .zoom-layer', 'transform'), before, 'the arrow key did not pan');
  await page.keyboard.press('-');
  const zoomed = await mapZoom();
  assert.ok(zoomed > 1.5 && zoomed < 1.7, `zoom after "-": ${zoomed}`);
  const box = await page.locator('#map-chart svg.map-svg').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((k) => Number(document.querySelector('#map-chart svg.map-svg').dataset.zoom) > k, zoomed, { timeout: 5000 });
  await page.waitForTimeout(100); // the labels are laid out on the next frame after a wheel turn
  labels = await labelOverlaps(MAP_LABELS, '#map-chart svg.map-svg');
  assert.deepEqual(labels.pairs, [], `map labels overlap at zoom ${await mapZoom()}`);
  assert.deepEqual(labels.outside, [], 'map labels outside the map when zoomed');
  assert.match(await page.textContent('#map-chart .scale-label'), /^\d+(\.\d+)? km$/);
  await shot(`${width}-map-zoomed`);

  // A new as-of instant redraws the map at the same zoom; "Reset view" goes back to the whole extent.
  const k = await mapZoom();
  const asOf = await page.evaluate(() => document.body.dataset.asOf);
  await andRender(() => page.click('#asof-prev'));
  assert.notEqual(await page.evaluate(() => document.body.dataset.asOf), asOf);
  assert.ok(Math.abs(await mapZoom() - k) < 1e-3, `the zoom was lost on redraw: ${k} -> ${await mapZoom()}`);
  await page.click('#map-chart button.map-reset');
  assert.equal(await mapZoom(), 1);
  await setAsOf(asOf);

  // The timeline: drawn at its real width, every deadline labelled, no two labels overlapping.
  const timeline = await page.evaluate(() => ({
    svg: document.querySelector('#timeline-chart svg').getBoundingClientRect().width,
    container: document.getElementById('timeline-chart').clientWidth,
    deadlines: [...document.querySelectorAll('#timeline-chart .deadline-label')].map((t) => t.textContent),
    asOf: document.querySelectorAll('#timeline-chart .asof-label').length,
  }));
  assert.ok(Math.abs(timeline.svg - timeline.container) <= 3, `the timeline is ${timeline.svg}px in ${timeline.container}px`);
  const session = pactcheck.Session.open(nkAgreementText, nkEventsText, '{}');
  const deadlineIds = JSON.parse(session.timeline()).filter((p) => p.kind === 'deadline').map((p) => p.id);
  session.delete();
  assert.deepEqual([...timeline.deadlines].sort(), [...deadlineIds].sort(), 'deadline labels');
  assert.equal(timeline.asOf, 1, 'the as-of label');
  const timelineLabels = await labelOverlaps(TIMELINE_LABELS, '#timeline-chart svg');
  assert.ok(timelineLabels.count >= deadlineIds.length + 4, `${timelineLabels.count} timeline labels`);
  assert.deepEqual(timelineLabels.pairs, [], 'timeline labels overlap');
  assert.deepEqual(timelineLabels.outside, [], 'timeline labels outside the chart');
  await page.evaluate(() => document.getElementById('timeline-title').scrollIntoView({ block: 'start' }));
  await shot(`${width}-timeline`);
}

const wallClockOnPage = (instant) => wallClock(page, instant);

// Sets the as-of instant with the date and time controls (in the agreement's zone), and waits for its report.
async function setAsOf(instant) {
  const { millis, date, time } = await wallClockOnPage(instant);
  const current = await page.evaluate(() => document.body.dataset.asOf);
  if (Date.parse(current) === millis) return;
  await page.fill('#asof-time', time);
  await page.fill('#asof-date', date);
  try {
    await page.waitForFunction((want) => Date.parse(document.body.dataset.asOf) === want && document.body.dataset.busy === 'false',
      millis, { timeout: 30000 });
  } catch (error) {
    const shown = await page.evaluate(() => ({ asOf: document.body.dataset.asOf, busy: document.body.dataset.busy,
      date: document.getElementById('asof-date').value, time: document.getElementById('asof-time').value }));
    throw new Error(`the page did not reach as-of ${instant} (filled ${date} ${time}): ${JSON.stringify(shown)}`, { cause: error });
  }
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

// The same statuses as shown in the summary at the top of the results.
async function summaryStatuses() {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#summary-obligations tbody tr')].map((row) => [
    row.dataset.obligation,
    {
      status: row.dataset.status,
      bearers: Object.fromEntries([...row.querySelectorAll('.bearer-statuses li')].map((li) => [li.dataset.party, li.dataset.status])),
    },
  ])));
}

// Loads one fixture's agreement and event log (a CSV export with its mapping, when the case names one) through
// the file pickers, as a monitor would. The files are named as the case names them, relative to the fixture.
async function loadFixture(fixture, agreementFile = 'agreement.json', eventsFile = 'events.json', mappingFile = null) {
  const dir = join(FIXTURES_DIR, fixture);
  const file = (name, mimeType) => ({ name: basename(name), mimeType, buffer: readFileSync(join(dir, name)) });
  await page.setInputFiles('#agreement-file', file(agreementFile, 'application/json'));
  await page.setInputFiles('#events-file', file(eventsFile, eventsFile.endsWith('.csv') ? 'text/csv' : 'application/json'));
  await page.setInputFiles('#mapping-file', mappingFile ? [file(mappingFile, 'application/json')] : []);
  await andRender(() => page.click('#check-files'));
  assert.equal(await page.isVisible('#results'), true, `${fixture}: the results are not shown: ${await page.textContent('#status')}`);
  assert.equal(await page.isHidden('#issues'), true, `${fixture}: issues shown: ${await page.textContent('#issues')}`);
}

// The knowledge mode a case's options ask for, as the page's control offers it.
function caseKnowledge(options) {
  if (!options.known_at) return { mode: 'hindsight' };
  if (options.known_at === options.as_of) return { mode: 'as_of' };
  return { mode: 'known_at', knownAt: options.known_at };
}

async function settled() {
  await page.waitForFunction(() => document.body.dataset.busy === 'false', null, { timeout: 30000 });
}

async function setKnowledge({ mode, knownAt }) {
  if (await page.$eval('input[name="knowledge"]:checked', (r) => r.value) !== mode) await andRender(() => page.check(`#knowledge-${mode}`));
  if (mode !== 'known_at') return;
  const { millis, date, time } = await wallClockOnPage(knownAt);
  if (Date.parse(await page.evaluate(() => document.body.dataset.knownAt)) === millis) return;
  await page.fill('#known-at-time', time);
  await page.fill('#known-at-date', date);
  await page.waitForFunction((want) => Date.parse(document.body.dataset.knownAt) === want && document.body.dataset.busy === 'false',
    millis, { timeout: 30000 });
}

// Leaves out exactly `ids` (what-if), from the timeline and the event's detail, as a monitor would.
async function setExclusions(ids) {
  const current = await page.evaluate(() => (document.getElementById('whatif').hidden ? []
    : [...document.querySelectorAll('#whatif-excluded button[data-event]')].map((b) => b.dataset.event)));
  if (JSON.stringify([...current].sort()) === JSON.stringify([...ids].sort())) return;
  if (current.length) await andRender(() => page.click('#whatif-reset'));
  for (const id of ids) {
    await andRender(() => page.dispatchEvent(`#timeline-chart circle[data-event="${id}"]`, 'click'));
    await andRender(() => page.click(`#detail-body button.exclude-toggle[data-event="${id}"]`));
  }
}

// Opens an obligation's detail from the summary.
async function openDetail(id) {
  await andRender(() => page.click(`#summary-obligations tr[data-obligation="${id}"] button`));
  await page.waitForSelector('#detail-body .by-bearer', { state: 'attached' });
}

// Per-party counts shown against the report's summary.by_party.
async function checkPartyCounts(expected, label) {
  const summary = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#summary-table tbody tr')]
    .map((row) => [row.dataset.party, Object.fromEntries([...row.querySelectorAll('td[data-status]')]
      .map((td) => [td.dataset.status, Number(td.textContent)]))])));
  const byParty = expected.summary.by_party;
  const parties = Array.isArray(byParty) ? byParty.map((p) => [p.party, p.by_status]) : Object.entries(byParty);
  for (const [party, counts] of parties) {
    assert.ok(summary[party], `${label}: no summary row for ${party}`);
    for (const [status, n] of Object.entries(summary[party])) {
      assert.equal(n, counts[status] ?? 0, `${label}: summary ${party} ${status}`);
    }
  }
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

// The detail panel alone, scrolled so that `selector` (inside it) is at its top.
async function detailShot(name, selector) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate((sel) => {
    document.getElementById('detail').scrollIntoView({ block: 'start' });
    const target = sel ? document.querySelector(sel) : null;
    const panel = document.getElementById('detail');
    if (target) panel.scrollTop += target.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
  }, selector ?? null);
  await page.locator('#detail').screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
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
      assert.deepEqual(await summaryStatuses(), reportStatuses(expected), `summary statuses as of ${c.options.as_of}`);
      // The per-party table agrees with the report's per-party counts.
      await checkPartyCounts(expected, `as of ${c.options.as_of}`);
      const millis = Number(await page.evaluate(() => document.body.dataset.checkMillis));
      console.log(`# in-page check of nk-2020 as of ${c.options.as_of}: ${millis.toFixed(1)} ms`);
    }
    await shot('1280-results');
    await fullShot('1280-results-full');
  });

  test('the results open with a summary: point, title and each bearer\'s status by name, then the details', async () => {
    const c = jsonCase((x) => !x.options.exclude && /2021-12-31/.test(x.options.as_of)) ?? jsonCase(() => true);
    await setAsOf(c.options.as_of);
    const expected = expectedReport(c);
    const order = await page.evaluate(() => [...document.querySelectorAll('#results > section, #results > div')]
      .filter((n) => !n.hidden).map((n) => n.className.split(' ')[0]));
    assert.ok(order.indexOf('summary') < order.indexOf('workspace'), `the summary does not come first: ${order}`);
    const rows = await page.$$eval('#summary-obligations tbody tr', (trs) => trs.map((tr) => ({
      id: tr.dataset.obligation,
      point: tr.querySelector('td.point').textContent,
      title: tr.querySelector('td.title button').textContent,
      headline: tr.querySelector('.headline')?.textContent ?? null,
      bearers: [...tr.querySelectorAll('.bearer-statuses li')].map((li) => li.querySelector('.bearer-name').textContent),
    })));
    const names = new Map(expected.parties.map((p) => [p.id, p.name]));
    assert.deepEqual(rows, expected.obligations.map((o) => ({
      id: o.id, point: o.point, title: o.title ?? o.id, headline: o.headline,
      bearers: o.by_bearer.map((b) => names.get(b.party) ?? b.party),
    })));
    // The header says as of when, what was known, by which standard, and how the events were used.
    const header = await page.textContent('#report-header');
    assert.match(header, /Hindsight/);
    assert.ok(header.includes(expected.evidence_standard.text), header);
    assert.ok(header.includes(`${expected.events.total} in the log: ${expected.events.used} used as evidence`), header);
    assert.match(await page.textContent('#summary-lead'), new RegExp(`${expected.obligations.length} obligations`));
    // Bearers by name in the table too, and monitors by name in the evidence.
    const badges = await page.textContent('#obligations-table tr[data-obligation="p1-ceasefire"] .bearer-badges');
    assert.match(badges, /Republic of Azerbaijan/);
    await openDetail('p1-ceasefire');
    const detail = await page.textContent('#detail-body');
    assert.match(detail, /observed by Russian peacekeeping contingent/);
    assert.match(detail, /Broken by an act charged to no bearer/);
    assert.doesNotMatch(await page.textContent('#detail-body .event-facts'), /\[AZ\]|\bRU-PK\b/);
  });

  test('the map and the timeline: base layer, places, scale, zoom, compact legend, no overlapping labels', async () => {
    await setAsOf('2020-12-31T23:59:00+04:00');
    await checkMapAndTimeline(1280);
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
    const marked = await page.evaluate(() => [...document.querySelectorAll('#summary-obligations tr.changed')].map((tr) => tr.dataset.obligation).sort());
    assert.deepEqual(marked, changed, 'the summary marks the changed verdicts');
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
    const exports = [['json', /\.json$/], ['markdown', /\.md$/], ['html', /\.html$/], ['csv', /\.csv$/], ['junit', /\.xml$/],
      ['geojson', /\.geojson$/]];
    for (const [format, ending] of exports) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${format}`)]);
      const path = await download.path();
      const bytes = readFileSync(path);
      const expected = moduleReport({ as_of: asOf, format }).rendered;
      assert.ok(bytes.equals(Buffer.from(expected, 'utf8')), `${format} export differs from the module's rendered output`);
      assert.match(download.suggestedFilename(), ending);
    }
  });

  test('the table and the detail work from the keyboard', async () => {
    await page.focus('#obligations-table tbody tr:first-child button');
    await andRender(() => page.keyboard.press('Enter'));
    const first = await page.getAttribute('#obligations-table tbody tr:first-child', 'data-obligation');
    assert.match(await page.textContent('#detail-title + #detail-body h3'), new RegExp(first));
    assert.equal(await page.getAttribute('#obligations-table tbody tr:first-child button', 'aria-pressed'), 'true');
    // An event on the map is reachable and opens with Enter.
    const dot = page.locator('#map-chart circle[data-event]:not([display])').first();
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

  test('an ACLED export (CSV) with its mapping is imported through the module, accounted row by row, and checked', async () => {
    const dir = join(FIXTURES_DIR, 'import-nk-2020');
    const csv = readFileSync(join(dir, 'acled-nk-2020.csv'));
    const mapping = readFileSync(join(dir, 'mapping.json'));
    const account = JSON.parse(readFileSync(join(dir, 'expected', 'acled.account.json'), 'utf8'));
    await page.setInputFiles('#agreement-file', { name: 'agreement.json', mimeType: 'application/json', buffer: Buffer.from(nkAgreementText) });
    await page.setInputFiles('#events-file', { name: 'acled-nk-2020.csv', mimeType: 'text/csv', buffer: csv });
    await page.setInputFiles('#mapping-file', { name: 'mapping.json', mimeType: 'application/json', buffer: mapping });
    await andRender(() => page.click('#check-files'));
    assert.equal(await page.isVisible('#results'), true, await page.textContent('#status'));
    assert.equal(await page.isVisible('#import-account'), true);
    assert.match(await page.textContent('#import-summary'), /acled-nk-2020\.csv, through mapping\.json: 18 rows read, 14 imported, 4 kept as unmapped/);
    const rows = await page.$$eval('#import-rows > li', (items) => items.map((li) => ({ line: Number(li.dataset.line), fate: li.dataset.fate, text: li.textContent })));
    assert.deepEqual(rows.map(({ line, fate }) => ({ line, fate })), account.by_row.map(({ line, fate }) => ({ line, fate })));
    assert.ok(rows.find((r) => r.line === 4).text.includes('kept as unmapped: event_type "Strategic developments"'), rows[2].text);
    // The verdicts are the module's for the same CSV and mapping.
    await setAsOf('2020-12-31T23:59:00+04:00');
    const expected = JSON.parse(pactcheck.check(nkAgreementText, csv, JSON.stringify({
      events_format: 'csv', mapping: mapping.toString('utf8'), as_of: '2020-12-31T23:59:00+04:00', format: 'json' })));
    assert.equal(expected.ok, true, JSON.stringify(expected.issues));
    assert.deepEqual(await pageStatuses(), reportStatuses(expected.report));
    await fullShot('1280-import-account');

    // Dropped without its mapping, the CSV waits for one; choosing it completes the drop.
    const dataTransfer = await page.evaluateHandle(([a, c]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([a], 'agreement.json', { type: 'application/json' }));
      dt.items.add(new File([new Uint8Array(c)], 'export.csv', { type: 'text/csv' }));
      return dt;
    }, [nkAgreementText, [...csv]]);
    await page.setInputFiles('#mapping-file', []);
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
    await page.waitForFunction(() => /export\.csv is a CSV export: drop its mapping file too/.test(document.getElementById('drop-state').textContent));
    await andRender(() => page.setInputFiles('#mapping-file', { name: 'mapping.json', mimeType: 'application/json', buffer: mapping }));
    assert.equal(await page.isVisible('#results'), true);
    assert.match(await page.textContent('#agreement-meta'), /export\.csv/);

    // A mapping that does not fit the agreement: located issues, no report.
    const wrong = JSON.parse(mapping.toString('utf8'));
    wrong.event_types[0].types = ['artillery_duel'];
    await page.setInputFiles('#events-file', { name: 'acled-nk-2020.csv', mimeType: 'text/csv', buffer: csv });
    await page.setInputFiles('#mapping-file', { name: 'wrong-mapping.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
    await andRender(() => page.click('#check-files'));
    assert.equal(await page.isVisible('#issues'), true);
    const issues = await page.$$eval('#issues-list li', (items) => items.map((li) => li.textContent));
    assert.ok(issues.some((text) => text.includes('wrong-mapping.json') && text.includes('#/event_types/0/types/0')), issues.join('\n'));
    await page.setInputFiles('#mapping-file', []);
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
    agreement.obligations[0].title = '<img src=x onerror=alert(10)> the title';
    agreement.monitors = (agreement.monitors ?? []).map((m) => ({ ...m, name: `<svg onload=alert(11)>${m.name}` }));
    await page.setInputFiles('#agreement-file', { name: 'agreement<img src=x>.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(agreement)) });
    await page.setInputFiles('#events-file', { name: 'events.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(events)) });
    await andRender(() => page.click('#check-files'));
    assert.equal(await page.isVisible('#results'), true);
    await andRender(() => page.click(`#timeline-chart circle[data-event="${target.id}"]`));

    const detail = await page.textContent('#detail-body');
    assert.ok(detail.includes(payload), 'the note is not shown as literal text');
    assert.ok(detail.includes('<script>alert(2)</script>'));
    assert.ok((await page.textContent('#agreement-title')).includes('<img src=x onerror=alert(8)>'));
    // The summary shows titles and names from the files as text too.
    const summaryText = await page.textContent('#summary-obligations');
    assert.ok(summaryText.includes('<img src=x onerror=alert(10)> the title'), 'the hostile title is not shown as text');
    assert.ok(summaryText.includes('<iframe src=javascript:alert(9)></iframe>'), 'the hostile party name is not shown as text');
    if (JSON.stringify(target).includes('"observed_by"')) {
      assert.ok((await page.textContent('#detail-body')).includes('<svg onload=alert(11)>'), 'the hostile monitor name is not shown as text');
    }
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
    // And so is the place name shown when the dot has the focus.
    await page.focus(`#map-chart circle[data-event="${target.id}"]`);
    const callout = await page.textContent('#map-chart .callout text');
    assert.ok(callout.includes('<svg onload=alert(3)>'), callout);
    assert.equal(await page.evaluate(() => document.querySelectorAll('#map-chart svg svg, #map-chart [onload]').length), 0);
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, [], 'a dialog was opened');
    await page.evaluate(() => {
      document.getElementById('detail').scrollIntoView({ block: 'start' });
      document.querySelector('#detail .event-notes')?.scrollIntoView({ block: 'center' });
    });
    await shot('1280-hostile-text');
  });
});

describe('every fixture in fixtures/', () => {
  const fixtures = [...new Set(corpus.map((c) => c.fixture))].filter((f) => reportCases(f).length > 0);

  test('the corpus has report cases for the page', () => {
    assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures with JSON report cases`);
  });

  for (const fixture of fixtures) {
    test(`${fixture}: the statuses of every expected JSON report, and every obligation's detail`, async () => {
      // Cases grouped by their input files (a fixture may have a second event log).
      const groups = new Map();
      for (const c of reportCases(fixture)) {
        const key = `${c.agreementFile}|${c.eventsFile}|${c.mappingFile}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(c);
      }
      for (const cases of groups.values()) {
        await loadFixture(fixture, cases[0].agreementFile, cases[0].eventsFile, cases[0].mappingFile);
        let expected;
        for (const c of cases) {
          const label = `${fixture} ${c.name}`;
          expected = expectedReport(c);
          await setKnowledge({ mode: 'hindsight' });
          await setExclusions(c.options.exclude ?? []);
          if (c.options.as_of) await setAsOf(c.options.as_of);
          else await andRender(() => page.click('#asof-latest'));
          await setKnowledge(caseKnowledge(c.options));
          await settled();
          assert.equal(Date.parse(await page.evaluate(() => document.body.dataset.asOf)), Date.parse(expected.as_of), `${label}: as of`);
          if (expected.knowledge.known_at) {
            assert.equal(Date.parse(await page.evaluate(() => document.body.dataset.knownAt)), Date.parse(expected.knowledge.known_at),
              `${label}: known at`);
          }
          assert.deepEqual(await pageStatuses(), reportStatuses(expected), `${label}: statuses in the table`);
          assert.deepEqual(await summaryStatuses(), reportStatuses(expected), `${label}: statuses in the summary`);
          await checkPartyCounts(expected, label);
          const header = await page.evaluate(() => ({ ...document.getElementById('report-header').dataset }));
          assert.equal(header.knowledgeMode, expected.knowledge.mode, `${label}: knowledge mode`);
          assert.equal(Number(header.laterKnowledge), expected.knowledge.later_knowledge, `${label}: later knowledge`);
        }
        // Every obligation's detail opens at the last case, with each bearer's status and the evidence.
        for (const o of expected.obligations) {
          await openDetail(o.id);
          const detail = await page.evaluate(() => ({
            title: document.querySelector('#detail-body h3').textContent,
            headline: document.querySelector('#detail-body > .headline')?.textContent ?? null,
            bearers: Object.fromEntries([...document.querySelectorAll('#detail-body .by-bearer > li')].map((li) => [li.dataset.party, li.dataset.status])),
            evidence: document.querySelectorAll('#detail-body ol.evidence:first-of-type > li').length,
          }));
          assert.ok(detail.title.includes(o.title ?? o.id), `${fixture} ${o.id}: detail title ${detail.title}`);
          assert.equal(detail.headline, o.headline, `${fixture} ${o.id}: headline`);
          assert.deepEqual(detail.bearers, Object.fromEntries(o.by_bearer.map((b) => [b.party, b.status])), `${fixture} ${o.id}: bearers`);
          assert.equal(detail.evidence, Math.min(200, o.evidence.length), `${fixture} ${o.id}: evidence items`);
        }
        await setExclusions([]);
        await setKnowledge({ mode: 'hindsight' });
      }
    });
  }
});

describe('the views of report version 2', () => {
  test('the knowledge control: syn-knowledge\'s ceasefire in hindsight and as it could have been known', async () => {
    await loadFixture('syn-knowledge');
    const cases = reportCases('syn-knowledge');
    const hindsight = cases.find((c) => c.name === 'as-of-2020-11-11');
    const knownAt = cases.find((c) => c.name === 'as-of-2020-11-11-known-at');
    const early = cases.find((c) => c.name === 'as-of-2020-11-10T06');
    assert.ok(hindsight && knownAt && early, 'syn-knowledge lacks its knowledge cases');
    const cfStatus = (report) => reportStatuses(report).cf;

    // Hindsight: violated, resting on a report published a year later, marked as later knowledge.
    await setKnowledge({ mode: 'hindsight' });
    await setAsOf(hindsight.options.as_of);
    assert.deepEqual((await pageStatuses()).cf, cfStatus(expectedReport(hindsight)));
    assert.equal((await pageStatuses()).cf.status, 'violated');
    let header = await page.textContent('#report-header');
    assert.match(header, /Hindsight/);
    assert.match(header, /1 event reported after the as-of instant used/);
    await openDetail('cf');
    const mark = await page.evaluate(() => {
      const article = document.querySelector('#detail-body article.event[data-event="K-1"]');
      return { later: article?.classList.contains('later'), mark: article?.querySelector('.later-knowledge-mark')?.textContent,
        line: article?.querySelector('.later-knowledge')?.textContent };
    });
    assert.equal(mark.later, true);
    assert.equal(mark.mark, 'later knowledge');
    assert.match(mark.line, /reported 10 Nov 2021 10:00.*after the as-of instant/);

    // As it could have been known at the as-of instant: complied, and the header says so.
    await setKnowledge({ mode: 'as_of' });
    assert.equal(await page.evaluate(() => document.body.dataset.knowledge), 'known_at');
    assert.equal(await page.evaluate(() => document.body.dataset.knownAt), knownAt.options.known_at);
    assert.deepEqual(await pageStatuses(), reportStatuses(expectedReport(knownAt)));
    assert.equal((await pageStatuses()).cf.status, 'complied');
    header = await page.textContent('#report-header');
    assert.match(header, /As it could have been known at 11 Nov 2020 12:00/);
    assert.match(header, /3 events reported later are left out/);
    assert.match(await page.textContent('#status'), /as known at/);
    assert.match(await page.textContent('#accounting-list'), /not yet reported/);
    await page.evaluate(() => document.getElementById('results').scrollIntoView({ block: 'start' }));
    await shot('1280-knowledge');
    // The export answers the same question.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const exported = readFileSync(await download.path(), 'utf8');
    assert.equal(exported, readFileSync(join(knownAt.dir, knownAt.expected), 'utf8'), 'the JSON export in known-at mode');

    // Moving the as-of instant keeps the mode: early on the 10th the ceasefire is complied as then known, and
    // undetermined in hindsight (the act's time range straddles the instant).
    await setAsOf(early.options.as_of);
    assert.equal(await page.evaluate(() => document.body.dataset.knownAt), early.options.as_of);
    assert.equal((await pageStatuses()).cf.status, 'complied');
    await setKnowledge({ mode: 'hindsight' });
    assert.deepEqual(await pageStatuses(), reportStatuses(expectedReport(early)));
    assert.equal((await pageStatuses()).cf.status, 'undetermined');
    assert.equal(await page.evaluate(() => document.body.dataset.knowledge), 'hindsight');

    // Another known-at instant: before the fact-finding report, after it.
    await setAsOf(hindsight.options.as_of);
    await setKnowledge({ mode: 'known_at', knownAt: '2021-11-11T12:00:00+04:00' });
    assert.equal(await page.isVisible('#known-at-fields'), true);
    assert.equal((await pageStatuses()).cf.status, 'violated');
    await setKnowledge({ mode: 'known_at', knownAt: '2021-11-01T12:00:00+04:00' });
    assert.equal((await pageStatuses()).cf.status, 'complied');
    await page.evaluate(() => document.getElementById('results').scrollIntoView({ block: 'start' }));
    await shot('1280-knowledge-known-at');
    await setKnowledge({ mode: 'hindsight' });
    assert.equal(await page.isVisible('#known-at-fields'), false);

    // "Latest" in the as-of mode: as known at the latest event's instant.
    await andRender(() => page.click('#asof-latest'));
    const latest = await page.evaluate(() => document.body.dataset.asOf);
    await setKnowledge({ mode: 'as_of' });
    assert.equal(await page.evaluate(() => document.body.dataset.asOf), latest);
    assert.equal(Date.parse(await page.evaluate(() => document.body.dataset.knownAt)), Date.parse(latest));
    assert.match(await page.textContent('#asof-point'), /^Latest event in the log/);
    // And as known at another instant: still as of the latest event, not as of the known-at instant.
    await setKnowledge({ mode: 'known_at', knownAt: '2021-11-11T12:00:00+04:00' });
    assert.equal(await page.evaluate(() => document.body.dataset.asOf), latest);
    assert.equal(Date.parse(await page.evaluate(() => document.body.dataset.knownAt)), Date.parse('2021-11-11T12:00:00+04:00'));
    await setKnowledge({ mode: 'hindsight' });
  });

  test('syn-reversal: the history is a step list, done, undone, done again', async () => {
    await loadFixture('syn-reversal');
    const c = reportCases('syn-reversal').find((x) => x.name === 'as-of-2023-05-01');
    assert.ok(c);
    await setAsOf(c.options.as_of);
    const expected = expectedReport(c).obligations.find((o) => o.id === 'post').by_bearer[0].history;
    await openDetail('post');
    const steps = await page.$$eval('#detail-body .by-bearer li[data-party="A"] .history-steps > li', (lis) => lis.map((li) => ({
      status: li.dataset.status, note: li.querySelector('.step-note')?.textContent, event: li.querySelector('.event-ref')?.textContent })));
    assert.equal(steps.length, 3);
    assert.deepEqual(steps, expected.map((h) => ({ status: h.status, note: h.note, event: h.event })));
    assert.deepEqual(steps.map((s) => s.note), ['done', 'undone', 'done again']);
    await page.evaluate(() => {
      document.getElementById('detail').scrollIntoView({ block: 'start' });
      document.querySelector('#detail-body .history-steps')?.scrollIntoView({ block: 'center' });
    });
    await shot('1280-detail-history');
    // A presence that ended: violated, then cured.
    await openDetail('zone');
    const cured = await page.$$eval('#detail-body .by-bearer li[data-party="B"] .history-steps > li', (lis) => lis.map((li) => li.dataset.status));
    assert.deepEqual(cured, ['violated', 'cured']);
  });

  test('syn-readings: both readings, with each bearer\'s status under each', async () => {
    await loadFixture('syn-readings');
    const c = reportCases('syn-readings').find((x) => x.name === 'as-of-2025-01-20');
    assert.ok(c);
    await setAsOf(c.options.as_of);
    const expected = expectedReport(c).obligations.find((o) => o.id === 'ceasefire');
    await openDetail('ceasefire');
    const rows = await page.$$eval('#detail-body .readings-table tbody tr', (trs) => trs.map((tr) => ({
      id: tr.dataset.reading,
      label: tr.querySelector('th').textContent,
      bearers: Object.fromEntries([...tr.querySelectorAll('td[data-party]')].map((td) => [td.dataset.party, td.dataset.status])),
    })));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows, expected.readings.map((r) => ({ id: r.id, label: r.label,
      bearers: Object.fromEntries(r.by_bearer.map((b) => [b.party, b.status])) })));
    assert.match(await page.textContent('#detail-body .by-bearer li[data-party="IL"] .bearer-why'), /the readings disagree/);
    await detailShot('1280-detail-readings', '#detail-body .readings');
  });

  test('syn-responsibility: the rule an act was charged under, and that the actor was not a bearer', async () => {
    await loadFixture('syn-responsibility');
    const c = reportCases('syn-responsibility').find((x) => x.name === 'as-of-2020-03-15');
    assert.ok(c);
    await setAsOf(c.options.as_of);
    await openDetail('cf');
    const charges = await page.$$eval('#detail-body article.event', (articles) => articles.map((a) => ({
      event: a.dataset.event, standing: a.dataset.standing ?? null, charge: a.querySelector('.charge')?.textContent ?? null })));
    const r1 = charges.find((x) => x.event === 'R-1');
    assert.ok(r1?.charge, JSON.stringify(charges));
    assert.match(r1.charge, /Charged to Russian Federation under the responsibility rule r-ru-backs/);
    assert.match(r1.charge, /Russia answers for the Syrian government forces it backs/);
    assert.match(r1.charge, /for an act by Syrian Arab Army Syrian government forces, not a bearer/);
    assert.equal(r1.standing, 'confirmed');
    assert.equal(await page.textContent('#detail-body article.event[data-event="R-1"] code.rule'), 'r-ru-backs');
    assert.equal(await page.textContent('#detail-body article.event[data-event="R-1"] .flag-nonbearer'), 'Syrian government forces, not a bearer');
    assert.match(charges.find((x) => x.event === 'R-2').charge, /Charged to no bearer/);
    assert.match(charges.find((x) => x.event === 'R-3').charge, /r-tr-backs.*not a bearer/);
    await detailShot('1280-detail-responsibility', '#detail-body ol.evidence');
    // The undetermined verdict: both bounds and the open point.
    await openDetail('cf-m4');
    const ru = await page.textContent('#detail-body .by-bearer li[data-party="RU"] .bounds');
    assert.match(ru, /violated if the open points go against Russian Federation, complied if they go for it/);
    assert.match(ru, /R-5: alleged by Republic of Turkey, denied by Russian Federation, confirmed by no one/);
    assert.match(await page.textContent('#detail-body .by-bearer li[data-party="RU"] .charge-counts'), /1 disputed/);
    await page.evaluate(() => document.getElementById('detail').scrollIntoView({ block: 'start' }));
    await shot('1280-detail-open-points');
  });

  test('syn-periods: notices of extensions with both ends, declared suspensions, partial ends, a ceased object', async () => {
    await loadFixture('syn-periods');
    await setAsOf('2021-06-09T12:00:00+03:00');
    await openDetail('truce');
    const extend = await page.textContent('#detail-body .notice[data-kind="extend"]');
    assert.match(extend, /Extension · P-1/);
    assert.match(extend, /from 8 Jun 2021 08:00 to 13 Jun 2021 08:00/);
    await setAsOf('2021-06-21T12:00:00+03:00');
    await openDetail('patrol-free');
    const notices = await page.$$eval('#detail-body .notice', (lis) => lis.map((li) => li.textContent));
    assert.ok(notices.some((t) => /^Declared unilateral suspension · P-5/.test(t) && /by Party B/.test(t)), notices.join('\n'));
    assert.ok(notices.some((t) => /^End agreed by some parties only · P-8/.test(t)), notices.join('\n'));
    await detailShot('1280-detail-notices', '#detail-body .notices');
    await openDetail('returns');
    assert.match(await page.textContent('#detail-body .notice[data-kind="object_ceased"]'), /Its object ceased to exist · P-7/);
    assert.equal(await page.getAttribute('#summary-obligations tr[data-obligation="returns"]', 'data-status'), 'ended');
  });

  test('the kinds\' own progress: caps, exchange sides and the term, and any other shape as a readable table', async () => {
    await openExample();
    await setAsOf('2020-12-31T23:59:00+04:00');
    await openDetail('p3-contingent');
    const caps = await page.$$eval('#detail-body .progress table.rows', (tables) => tables.map((t) => ({
      caption: t.caption?.textContent, columns: [...t.querySelectorAll('thead th')].map((th) => th.textContent), rows: t.tBodies[0].rows.length })));
    assert.equal(caps[0].caption, 'Caps');
    assert.deepEqual(caps[0].columns.slice(0, 3), ['Category', 'At most', 'Reported level']);
    assert.equal(caps[0].rows, 3);
    await detailShot('1280-detail-progress-caps', '#detail-body .progress');
    await openDetail('p8-exchange');
    const sides = await page.$$eval('#detail-body .progress table.rows', (tables) => tables.map((t) => ({
      caption: t.caption?.textContent, sides: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
      rows: [...t.tBodies[0].rows].map((tr) => tr.cells[0].textContent) })));
    const perSide = sides.find((t) => t.caption === 'Per side');
    assert.ok(perSide, JSON.stringify(sides));
    assert.deepEqual(perSide.sides, ['Republic of Azerbaijan', 'Republic of Armenia']);
    assert.ok(perSide.rows.includes('Given in all') && perSide.rows.includes('Received in all'), perSide.rows.join(', '));
    await detailShot('1280-detail-progress-exchange', '#detail-body .progress');
    await openDetail('p4-term');
    assert.match(await page.textContent('#detail-body .progress'), /It expires\s*10 Nov 2025 01:00/);

    // A shape the page does not know (kinds are being added): keys and values as a table, rows as a table with
    // their keys as columns (those empty in every row named under it), party ids by name, instants in the
    // agreement's zone, statuses as badges, n-of-N and deadlines as such; a list of rows at the top as a table.
    const fallback = await page.evaluate(async () => {
      const { renderProgress } = await import('./detail.mjs');
      const ctx = { offset: '+04:00', names: new Map([['AZ', 'Republic of Azerbaijan']]), excluded: new Set() };
      const node = renderProgress({
        periods: [{ period: '2021-01', from: '2021-01-01T00:00:00+04:00', required: 10, reported: 7, status: 'violated', short_by: null,
          due: { deadline: '2021-01-31', rule: 'the end of the month', due_before: '2021-02-01T00:00:00+04:00' } },
        { period: '2021-02', from: '2021-02-01T00:00:00+04:00', required: 10, reported: 12, status: 'complied', short_by: null, note: 'met' }],
        average: 9.5, party: 'AZ', basis: { per: 'month', counted: true }, stages: [], total: { done: 4, of: 8 },
      }, ctx);
      const tables = [...node.querySelectorAll('table')];
      const list = renderProgress([{ party: 'AZ', status: 'pending', categories: [{ category: 'x', in: 3 }] }], ctx);
      return {
        heading: node.querySelector('h4').textContent,
        kv: Object.fromEntries([...tables[0].querySelectorAll(':scope > tbody > tr')].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])),
        rows: { caption: tables[1].caption.textContent, columns: [...tables[1].querySelectorAll('thead th')].map((th) => th.textContent),
          first: [...tables[1].tBodies[0].rows[0].cells].map((td) => td.textContent), count: tables[1].tBodies[0].rows.length },
        empty: node.querySelector('.empty-columns')?.textContent,
        badges: [...tables[1].querySelectorAll('.badge')].map((b) => b.textContent),
        list: { columns: [...list.querySelectorAll(':scope table.rows > thead th')].map((th) => th.textContent),
          nested: list.querySelectorAll('table.rows table.rows').length, party: list.querySelector('tbody td').textContent },
        html: node.querySelectorAll('script, img').length,
      };
    });
    assert.equal(fallback.heading, 'Progress');
    assert.deepEqual(fallback.kv, { Average: '9.5', Party: 'Republic of Azerbaijan', Basis: 'per: month · counted: yes', Stages: 'none', Total: '4 of 8' });
    assert.deepEqual(fallback.rows, {
      caption: 'Periods', columns: ['Period', 'From', 'Required', 'Reported', 'Status', 'Due', 'Note'],
      first: ['2021-01', '1 Jan 2021 00:00', '10', '7', 'violated', '31 Jan 2021 (the end of the month)', '—'], count: 2,
    });
    assert.equal(fallback.empty, 'Empty in every row: short by.');
    assert.deepEqual(fallback.badges, ['violated', 'complied']);
    assert.deepEqual(fallback.list.columns.slice(0, 3), ['Party', 'Status', 'Categories']);
    assert.equal(fallback.list.nested, 1);
    assert.equal(fallback.list.party, 'Republic of Azerbaijan');
    assert.equal(fallback.html, 0);
  });
});

describe('a large log', () => {
  test('is checked off the main thread: the page keeps answering, and the check can be stopped', async () => {
    const { generate } = await import(pathToFileURL(join(SOURCE_DIR, 'bench', 'gen-synthetic-events.mjs')).href);
    // Big enough that opening and checking take seconds (so that "Stop" appears, after 1 s, even on a fast
    // machine: 20,000 events now take about 1 s), small enough for a test.
    const count = 60000;
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
    assert.deepEqual((await labelOverlaps(TIMELINE_LABELS, '#timeline-chart svg')).pairs, [], 'timeline labels overlap (large log)');
    assert.deepEqual((await labelOverlaps(MAP_LABELS, '#map-chart svg.map-svg')).pairs, [], 'map labels overlap (large log)');
    await shot('1280-large-log');
    await page.evaluate(() => document.getElementById('timeline-title').scrollIntoView({ block: 'start' }));
    await shot('1280-large-log-timeline');
    await page.evaluate(() => document.getElementById('map-title').scrollIntoView({ block: 'start' }));
    await shot('1280-large-log-map');
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
    await checkMapAndTimeline(390);
    await fullShot('390-results-full');
  });

  test('the detail with history and the knowledge control fit the phone', async () => {
    await loadFixture('syn-reversal');
    await setAsOf('2023-05-01T12:00:00+03:00');
    await openDetail('post');
    assert.equal(await page.$$eval('#detail-body .history-steps > li', (lis) => lis.length), 3);
    await page.evaluate(() => document.querySelector('#detail-body .by-bearer').scrollIntoView({ block: 'start' }));
    await shot('390-detail-history');
    await loadFixture('syn-knowledge');
    await setAsOf('2020-11-11T12:00:00+04:00');
    await setKnowledge({ mode: 'as_of' });
    assert.equal((await pageStatuses()).cf.status, 'complied');
    await page.evaluate(() => document.querySelector('.knowledge').scrollIntoView({ block: 'start' }));
    await shot('390-knowledge');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 392, `the page is ${width}px wide at 390`);
    await setKnowledge({ mode: 'hindsight' });
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
    // The map's base layer and libraries were among them, from the page's own folder.
    for (const path of ['/vendor/world-atlas/countries-10m.json', '/vendor/d3-geo.mjs', '/vendor/d3-zoom.mjs', '/vendor/topojson-client/index.js']) {
      assert.ok(seenPaths.has(path), `${path} was not requested`);
    }
    console.log(`# ${requestCount} requests, all to the page's own origin; screenshots in ${SCREENSHOTS}`);
  });
});
