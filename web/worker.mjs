// The page's Web Worker: it owns the WebAssembly module (through engine.mjs) and the open session, so that
// loading and checking never block the page. Messages in: {id, op, args}; out: {id, ok: true, result} or
// {id, ok: false, error} (the latter only for a failure no envelope can describe, such as the module not
// loading at all).
//
// Ops:
//   version                       -> string
//   open {agreement, events, agreementName, eventsName, mapping?, mappingName?}   inputs as Uint8Array
//                                 (transferred) or string; with a mapping, events is an ACLED or UCDP GED CSV export
//                                 -> {ok, envelope, timeline, agreement, events, account, millis}
//                                    agreement/events are the parsed documents, for display only (verdicts
//                                    always come from the module); account: the import's account of every row
//   report {options, baseline}    -> {current, baseline?, millis}   envelopes at options.as_of, without "rendered"
//                                    and without events.evidence_events (the page holds the log); baseline is the
//                                    same query without exclusions (for the what-if comparison); millis: current's
//   render {options}              -> envelope in options.format (json, markdown, html, csv, junit or geojson) for export:
//                                    its "rendered", without the report object
import * as engine from './engine.mjs';

let session = null;

// What the page shows it takes from the report object and from the log it holds: report queries ask for no
// rendered copy and no evidence events' details (about half the bytes at 100,000 events). Exports (render) ask
// for the whole report.
const VIEW = { rendered: false, event_details: false };

// The what-if baseline (the same query without exclusions) of the last report, kept while its query is the same:
// toggling exclusions at one instant then costs one evaluation, not two.
let baselineCache = null;

function decode(input) {
  return typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
}

// The documents as JavaScript values for display; null when they do not parse (the module reports why).
function parseForDisplay(input) {
  try {
    const value = JSON.parse(decode(input));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

const ops = {
  async version() {
    return engine.version();
  },

  async open({ agreement, events, agreementName, eventsName, mapping, mappingName }) {
    session?.close();
    session = null;
    baselineCache = null;
    const started = performance.now();
    // CSV events: imported once for the account and the display copy of the log, and checked through the same
    // importer with the mapping checked against the agreement (its issues located in the CSV and the mapping).
    let imported = null;
    const options = { agreement_name: agreementName, events_name: eventsName };
    if (mapping !== undefined && mapping !== null) {
      imported = await engine.importEvents(events, mapping, { events_name: eventsName, mapping_name: mappingName });
      if (!imported.ok) return { ok: false, envelope: imported, millis: performance.now() - started };
      Object.assign(options, { events_format: 'csv', mapping: decode(mapping), mapping_name: mappingName });
    }
    const opened = await engine.openSession(agreement, events, options);
    const millis = performance.now() - started;
    if (!opened.ok) {
      opened.close();
      return { ok: false, envelope: opened.envelope, account: imported?.account ?? null, millis };
    }
    session = opened;
    const timeline = await session.timeline();
    return {
      ok: true,
      envelope: session.envelope,
      timeline,
      agreement: parseForDisplay(agreement),
      events: imported ? imported.events : parseForDisplay(events),
      account: imported?.account ?? null,
      millis,
    };
  },

  async report({ options, baseline }) {
    if (!session) throw new Error('no agreement and event log are open');
    const started = performance.now();
    const current = await session.report({ ...options, ...VIEW });
    const millis = performance.now() - started;
    // A query without exclusions is its own baseline: the first what-if at this instant then costs one evaluation.
    if (!options.exclude?.length) baselineCache = { key: JSON.stringify({ ...options, ...VIEW, exclude: [] }), envelope: current };
    let base;
    if (baseline) {
      const query = { ...options, ...VIEW, exclude: [] };
      const key = JSON.stringify(query);
      if (baselineCache?.key !== key) baselineCache = { key, envelope: await session.report(query) };
      base = baselineCache.envelope;
    }
    return { current, baseline: base, millis };
  },

  async render({ options }) {
    if (!session) throw new Error('no agreement and event log are open');
    return session.report({ ...options, report: false }); // the export is the rendered text alone
  },
};

self.addEventListener('message', async (message) => {
  const { id, op, args } = message.data ?? {};
  try {
    if (!Object.hasOwn(ops, op)) throw new Error(`unknown operation ${String(op)}`);
    const result = await ops[op](args ?? {});
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});

self.postMessage({ id: 0, ok: true, result: 'ready' });
