// How long the page takes, on a large log and after its first check, to answer a NEW as-of instant and a what-if
// exclusion: measured in the real page (the built web folder, served by web/serve.mjs on 127.0.0.1) in Debian's
// Chromium, headless, driven by playwright-core, as tests/browser/page.test.mjs drives it.
//
//   node bench/page-asof.mjs --web build-wasm/web --agreement fixtures/nk-2020/agreement.json \
//        --events build-bench/synthetic-100000.json [--instants bench/session-instants.json]
//        [--chromium /usr/bin/chromium] [--verbose]
//
// --verbose: each step's time on stderr as it is taken.
//
// The agreement and the log are given to the page's file pickers and checked with "Check"; then the as-of
// instants of bench/session-instants.json are set with the as-of date and time fields, then, at the
// last instant, the first evidence event listed in an obligation's detail is left out (what-if). Each time is wall
// time in the page (performance.now()), from the action (the change event of the as-of date field, the click on
// the exclusion button) to the page's next completed render (markRendered bumps body[data-renders], seen by a
// MutationObserver, with body[data-busy] "false"): the worker's module call, the transfer of its answer and
// drawing every view. The what-if's baseline (the same query without exclusions) is the report the worker made for
// that instant just before (web/worker.mjs keeps it), so the what-if costs one evaluation; its time includes drawing
// the comparison.
//
// Prints one JSON line on stdout:
//   {"tool":"page-asof","events","bytes" (the event log's), "open_ms" (from the click on "Check" to the worker's
//    answer to "open" arriving in the page), "first_ms" (from then to the first report drawn), "asof_ms" (one per
//    instant, "asof" lists them), "asof_median_ms", "whatif_ms", "whatif_event", "check_millis" (body[data-check-
//    millis], the worker's time for the module call: the first check, each instant, then the what-if)}
// and exits 0; exits 3, with a message on stderr, on any failure (the page showing an error or issues included).
// It asserts nothing about the times or the verdicts: a bench, not a test.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { wallClockOnPage } from '../tests/browser/wall-clock.mjs';

const SOURCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
};

// The as-of instants (bench/session-instants.json, shared with bench/session-queries.cpp and wasm-session.mjs),
// each new to the page; the what-if is at the last.
const INSTANTS = JSON.parse(readFileSync(resolve(option('instants', join(SOURCE_DIR, 'bench', 'session-instants.json'))), 'utf8')).as_of;
const OPEN_TIMEOUT = 15 * 60 * 1000; // a 100,000-event log can take a minute or more to open and check
const STEP_TIMEOUT = 10 * 60 * 1000;

function fail(message) {
  console.error(`page-asof: ${message}`);
  process.exit(3);
}

const webDir = resolve(option('web', join(SOURCE_DIR, 'build-wasm', 'web')));
const agreementPath = option('agreement', null);
const eventsPath = option('events', null);
const chromiumPath = option('chromium', process.env.PACTCHECK_CHROMIUM ?? '/usr/bin/chromium');
const verbose = process.argv.includes('--verbose');
const progress = (text) => { if (verbose) console.error(`page-asof: ${text}`); };
if (!agreementPath || !eventsPath) fail('usage: node bench/page-asof.mjs --web DIR --agreement A.json --events E.json [--chromium PATH]');
for (const [what, path] of [['page', join(webDir, 'index.html')], ['agreement', agreementPath], ['event log', eventsPath],
  ['chromium', chromiumPath]]) {
  if (!existsSync(path)) fail(`${what} not found: ${path}`);
}

const require = createRequire(join(SOURCE_DIR, 'package.json'));
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch {
  fail(`playwright-core is not installed in ${SOURCE_DIR}/node_modules: run "npm ci" there`);
}
const { serve } = await import(pathToFileURL(join(SOURCE_DIR, 'web', 'serve.mjs')).href);

let server;
let context;
let profile;
const pageErrors = [];

async function cleanup() {
  await context?.close().catch(() => {});
  await server?.close().catch(() => {});
  if (profile) rmSync(profile, { recursive: true, force: true });
}

// Runs `action` in the page (a function of no arguments, or a string to evaluate) and returns the wall time from
// just before it to the next completed render, with what the page then shows.
async function timed(page, action, timeout) {
  const start = await page.evaluate(() => {
    window.__renderWait = { after: Number(document.body.dataset.renders ?? '0'), start: performance.now() };
    return window.__renderWait.start;
  });
  await action();
  await page.waitForFunction(() => {
    const w = window.__renderWait;
    return window.__renders.some((r) => r.renders > w.after && r.busy === 'false' && r.t >= w.start);
  }, null, { timeout, polling: 50 });
  return page.evaluate((t0) => {
    const w = window.__renderWait;
    const r = window.__renders.find((x) => x.renders > w.after && x.busy === 'false' && x.t >= w.start);
    const status = document.getElementById('status');
    const issues = document.getElementById('issues');
    return {
      ms: r.t - t0,
      at: r.t,
      asOf: document.body.dataset.asOf ?? '',
      checkMillis: Number(document.body.dataset.checkMillis),
      status: status?.textContent ?? '',
      statusKind: status?.dataset.kind ?? '',
      issues: issues && !issues.hidden && !issues.classList.contains('warnings-only') ? issues.textContent.trim().slice(0, 2000) : '',
      results: !document.getElementById('results').hidden,
    };
  }, start);
}

function ensureShown(shown, what) {
  if (shown.statusKind === 'error' || shown.issues || !shown.results) {
    throw new Error(`${what}: the page shows no report: ${shown.status}${shown.issues ? `\n${shown.issues}` : ''}`);
  }
}


const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

try {
  server = await serve(webDir, { port: 0 });
  profile = mkdtempSync(join(tmpdir(), 'pactcheck-bench-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
  const origin = new URL(server.url).origin;
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => dialog.dismiss());
  await page.addInitScript(() => {
    // Every completed render, timed where it happens (markRendered sets body[data-renders]). The document, not
    // its root element: an init script runs before the root element exists.
    window.__renders = [];
    new MutationObserver(() => {
      window.__renders.push({ t: performance.now(), renders: Number(document.body.dataset.renders), busy: document.body.dataset.busy });
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-renders'] });
    // The worker's answers, timed as they arrive: which call each was, by its id.
    window.__rpc = new Map();
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', ({ data }) => {
          const call = window.__rpc.get(data?.id);
          if (call) call.answered = performance.now();
        });
      }

      postMessage(message, ...rest) {
        if (message && typeof message === 'object' && 'id' in message) window.__rpc.set(message.id, { op: message.op, sent: performance.now() });
        return super.postMessage(message, ...rest);
      }
    };
  });

  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 120000 });

  // Open and check the files, as a monitor would.
  await page.setInputFiles('#agreement-file', agreementPath);
  await page.setInputFiles('#events-file', eventsPath);
  const first = await timed(page, () => page.click('#check-files'), OPEN_TIMEOUT);
  ensureShown(first, 'the first check');
  const openAnswered = await page.evaluate(() => {
    const opens = [...window.__rpc.values()].filter((c) => c.op === 'open' && c.answered !== undefined);
    return opens.length ? opens[opens.length - 1].answered : null;
  });
  const clickedAt = first.at - first.ms;
  const openMs = openAnswered === null ? null : openAnswered - clickedAt;
  const firstMs = openAnswered === null ? first.ms : first.at - openAnswered;
  const meta = await page.textContent('#agreement-meta');
  const eventCount = Number(/(\d+) events \(/.exec(meta ?? '')?.[1] ?? NaN);
  const checkMillis = [first.checkMillis];
  progress(`opened in ${openMs?.toFixed(0)} ms, first report drawn ${firstMs.toFixed(0)} ms later: ${first.status}`);

  // New as-of instants: the time field set first without an event, then the date field's change event (one check).
  const asOfMs = [];
  for (const instant of INSTANTS) {
    const { millis, date, time } = await wallClockOnPage(page, instant);
    const shown = await timed(page, () => page.evaluate(([d, t]) => {
      document.getElementById('asof-time').value = t;
      const field = document.getElementById('asof-date');
      field.value = d;
      field.dispatchEvent(new Event('change', { bubbles: true }));
    }, [date, time]), STEP_TIMEOUT);
    ensureShown(shown, `as of ${instant}`);
    if (Date.parse(shown.asOf) !== millis) throw new Error(`the page shows as of ${shown.asOf}, not ${instant}: ${shown.status}`);
    asOfMs.push(shown.ms);
    progress(`as of ${instant}: ${shown.ms.toFixed(0)} ms (worker ${shown.checkMillis.toFixed(0)} ms)`);
    checkMillis.push(shown.checkMillis);
  }

  // What-if at the last instant: the first obligation (in the summary's order) whose detail lists evidence, and
  // the first event listed there, left out.
  const obligations = await page.$$eval('#summary-obligations tbody tr[data-obligation]', (rows) => rows.map((r) => r.dataset.obligation));
  let excluded = null;
  for (const id of obligations) {
    await timed(page, () => page.click(`#summary-obligations tr[data-obligation="${id}"] button`), STEP_TIMEOUT);
    excluded = await page.evaluate(() => document.querySelector('#detail-body button.exclude-toggle[data-event]')?.dataset.event ?? null);
    if (excluded) break;
  }
  if (!excluded) throw new Error('no obligation lists an evidence event to leave out at the last instant');
  const whatIf = await timed(page, () => page.click(`#detail-body button.exclude-toggle[data-event="${excluded}"]`), STEP_TIMEOUT);
  ensureShown(whatIf, `what-if without ${excluded}`);
  const left = await page.$$eval('#whatif-excluded button[data-event]', (bs) => bs.map((b) => b.dataset.event));
  if (left.length !== 1 || left[0] !== excluded) throw new Error(`the what-if lists ${JSON.stringify(left)}, not ${excluded}`);
  checkMillis.push(whatIf.checkMillis);
  progress(`what-if without ${excluded}: ${whatIf.ms.toFixed(0)} ms (worker ${whatIf.checkMillis.toFixed(0)} ms)`);

  if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
  console.log(JSON.stringify({
    tool: 'page-asof',
    events: eventCount,
    bytes: statSync(eventsPath).size,
    events_file: basename(eventsPath),
    open_ms: openMs === null ? null : round(openMs),
    first_ms: round(firstMs),
    asof: INSTANTS,
    asof_ms: asOfMs.map(round),
    asof_median_ms: round(median(asOfMs)),
    whatif_event: excluded,
    whatif_ms: round(whatIf.ms),
    check_millis: checkMillis.map(round),
  }));
  await cleanup();
  process.exit(0);
} catch (error) {
  await cleanup();
  fail(`${error?.stack ?? error}${pageErrors.length ? `\npage errors: ${pageErrors.join('; ')}` : ''}`);
}
