// The page's controller: loading inputs, talking to the Web Worker that runs the checks, and keeping the views
// (summary, obligations table, detail, timeline, map, what-if, accounting) in step with the current report.
//
// For tests and scripts, <body> carries data-ready="true" once the checker is loaded, data-busy while a check
// runs, data-renders (a counter bumped after every completed render, successful or not), data-as-of (the
// as-of instant of the report shown), data-knowledge (the report's knowledge mode: hindsight or known_at),
// data-known-at (its known-at instant, in known_at mode) and data-check-millis (how long the worker took for it).
import { renderTimeline } from './charts.mjs';
import { renderObligationDetail } from './detail.mjs';
import { renderMap } from './map.mjs';
import {
  clear, el, eventCounts, formatInstant, instantMillis, obligationTitle, partyName, renderAccounting, renderEventDetail,
  renderIssues, renderObligations, renderOverview, renderReportHeader, renderSummary, reportKnowledge, reportMonitors,
  reportObligations, reportParties, statusLabel, verdictChanges, wallClock, zoneLabel, zoneOffsetAt, instantInZone,
} from './render.mjs';

const $ = (id) => document.getElementById(id);

// ---- The worker ---------------------------------------------------------------------------------------------------

let worker = null;
let nextId = 1;
const pending = new Map();

function startWorker() {
  worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'pactcheck' });
  worker.addEventListener('message', ({ data }) => {
    if (data.id === 0) return; // the worker's own "ready"
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.result); else call.reject(new Error(data.error));
  });
  // The worker itself failed (it could not load, or ran out of memory): answer what was pending, and start a
  // fresh one so that the page keeps working; whatever the old worker held is gone.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    const message = event.message || 'the checker stopped';
    for (const call of pending.values()) call.reject(new Error(message));
    pending.clear();
    worker.terminate();
    state.loaded = null;
    state.report = null;
    $('results').hidden = true;
    setBusy(false);
    workerFailures += 1;
    if (workerFailures > 3) {
      setStatus(`The checker failed (${message}). Reload the page to try again.`, 'error');
      return;
    }
    startWorker();
    setStatus(`The checker failed (${message}) and was restarted. Open the files again.`, 'error');
  });
}
let workerFailures = 0;

// Stops whatever the worker is doing by replacing it: the page keeps nothing the old worker held.
function cancelWork() {
  worker.terminate();
  for (const call of pending.values()) call.reject(new Error(CANCELLED));
  pending.clear();
  startWorker();
  state.loaded = null;
  state.report = null;
  $('results').hidden = true;
  setBusy(false);
  setStatus('Stopped. Open the files again to check them.');
  markRendered();
}
const CANCELLED = 'cancelled';

function rpc(op, args, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, args }, transfer);
  });
}

// ---- State --------------------------------------------------------------------------------------------------------

const state = {
  loaded: null, // {agreement, events[], timeline[], names}
  ctx: null, // lookups for rendering: parties, instruments, events by id, offset, excluded
  asOf: null, // null: the default (latest event in the log)
  // What the report may know: 'hindsight' (everything in the log), 'as_of' (only what had been reported by the
  // as-of instant: known_at = as_of), or 'known_at' (only what had been reported by knownAt).
  knowledge: 'hindsight',
  knownAt: null,
  defaultAsOf: null, // the as-of instant the core chose when none was given (the latest event), once known
  excluded: new Set(),
  report: null,
  baseline: null,
  selected: null, // {kind: 'obligation'|'event', id}
  sequence: 0,
  renders: 0,
};

let cancelTimer = null;
function setBusy(busy) {
  document.body.dataset.busy = busy ? 'true' : 'false';
  document.body.setAttribute('aria-busy', busy ? 'true' : 'false');
  clearTimeout(cancelTimer);
  if (busy) cancelTimer = setTimeout(() => { $('cancel').hidden = false; }, 1000);
  else $('cancel').hidden = true;
}

function setStatus(text, kind = 'info') {
  const node = $('status');
  node.textContent = text;
  node.dataset.kind = kind;
}

function markRendered() {
  state.renders += 1;
  document.body.dataset.renders = String(state.renders);
}

// ---- Loading ------------------------------------------------------------------------------------------------------

async function readFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}

// `mapping` (bytes or text) makes `events` an ACLED or UCDP GED export (CSV): the module imports it through the
// mapping, then checks it; names.mapping names the mapping file.
async function load(agreement, events, names, mapping = null) {
  setBusy(true);
  hideImportAccount();
  const size = [agreement, events].reduce((n, x) => n + (typeof x === 'string' ? x.length : x.byteLength), 0);
  setStatus(`${mapping ? `Importing ${names.events} through ${names.mapping}, then checking it` : `Reading and checking ${names.agreement} and ${names.events}`}` +
    (size > 4 * 1024 * 1024 ? ` (${Math.round(size / 1048576)} MB: this can take a while)…` : '…'));
  const transfer = [agreement, events, mapping].filter((x) => x instanceof Uint8Array).map((x) => x.buffer);
  let opened;
  try {
    opened = await rpc('open', {
      agreement, events, agreementName: names.agreement, eventsName: names.events,
      ...(mapping ? { mapping, mappingName: names.mapping } : {}),
    }, transfer);
  } catch (error) {
    if (error.message === CANCELLED) return;
    setBusy(false);
    setStatus(`The checker failed: ${error.message}`, 'error');
    markRendered();
    return;
  }
  if (!opened.ok) {
    state.loaded = null;
    state.report = null;
    $('results').hidden = true;
    showIssues(opened.envelope, `${names.agreement} and ${names.events}${mapping ? ` (through ${names.mapping})` : ''} could not be checked.`);
    setStatus(`Not checked: ${countIssues(opened.envelope)} in the input. See "Problems in the input".`, 'error');
    setBusy(false);
    markRendered();
    $('issues-title').focus();
    return;
  }
  const agreementDoc = opened.agreement ?? {};
  const eventList = Array.isArray(opened.events?.events) ? opened.events.events : [];
  state.loaded = { agreement: agreementDoc, events: eventList, timeline: opened.timeline ?? [], names };
  const list = (v) => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);
  state.ctx = {
    parties: new Map(list(agreementDoc.parties).map((p) => [p.id, p])),
    // Names of parties and monitors, as people read them (the report's own lists are merged in at each render).
    names: new Map([...list(agreementDoc.parties), ...list(agreementDoc.monitors)]
      .filter((p) => typeof p.name === 'string').map((p) => [p.id, p.name])),
    actors: new Map(list(agreementDoc.actors).filter((a) => typeof a.name === 'string').map((a) => [a.name, a])),
    rules: new Map(list(agreementDoc.responsibility).map((r) => [r.id, r])),
    instruments: new Map(list(agreementDoc.instruments).map((i) => [i.id, i])),
    events: new Map(eventList.map((e) => [e.id, e])),
    offset: typeof agreementDoc.local_offset === 'string' ? agreementDoc.local_offset : 'Z',
    fixedOffset: typeof agreementDoc.local_offset === 'string',
    // An agreement in an IANA zone: dates and times typed on the page are read in it.
    zone: typeof agreementDoc.local_offset !== 'string' && zoneOffsetAt(agreementDoc.zone, 0) !== null ? agreementDoc.zone : null,
    excluded: state.excluded,
    asOfMillis: undefined,
  };
  state.asOf = null;
  state.defaultAsOf = null;
  // A known-at instant belongs to the files it was chosen for; "as of the as-of instant" carries over.
  if (state.knowledge === 'known_at') state.knowledge = 'hindsight';
  state.knownAt = null;
  state.excluded.clear();
  state.selected = null;
  hideIssues();
  if (opened.envelope?.issues?.length) showIssues(opened.envelope, 'Warnings while reading the input:', true);
  if (opened.account) showImportAccount(opened.account, names);
  setupAsOf();
  await refresh({ focusResults: true });
}

function countIssues(envelope) {
  const n = envelope?.issues?.length ?? 0;
  return n === 1 ? '1 problem' : `${n} problems`;
}

function showIssues(envelope, heading, warningsOnly = false) {
  const section = $('issues');
  section.hidden = false;
  section.classList.toggle('warnings-only', warningsOnly);
  $('issues-title').textContent = warningsOnly ? 'Warnings' : 'Problems in the input';
  $('issues-title').setAttribute('tabindex', '-1');
  $('issues-summary').textContent = heading;
  renderIssues($('issues-list'), envelope?.issues ?? []);
}

function hideIssues() {
  $('issues').hidden = true;
  clear($('issues-list'));
}

// The import's account of every row of a CSV export: imported as an event, or kept as unmapped and why.
function showImportAccount(account, names) {
  const rows = Array.isArray(account?.by_row) ? account.by_row : [];
  $('import-summary').textContent = `${names.events}, through ${names.mapping}: ${account.rows} ${account.rows === 1 ? 'row' : 'rows'} ` +
    `read, ${account.imported} imported, ${account.unmapped} kept as unmapped (a check lists those as ignored, with the reason).`;
  const list = clear($('import-rows'));
  for (const row of rows) {
    const fate = row.fate === 'unmapped'
      ? `kept as unmapped: ${row.reason ?? ''}`
      : `imported as ${row.event}${Array.isArray(row.types) ? ` (${row.types.join(', ')})` : ''}`;
    const item = el('li', { 'data-line': row.line, 'data-fate': row.fate }, `line ${row.line}, ${row.row || '(no id)'}: ${fate}`);
    for (const note of Array.isArray(row.notes) ? row.notes : []) item.append(el('p', { class: 'hint' }, note));
    list.append(item);
  }
  $('import-details').open = account.unmapped > 0 && rows.length <= 200;
  $('import-account').hidden = false;
}

function hideImportAccount() {
  $('import-account').hidden = true;
  clear($('import-rows'));
}

// ---- Checking -----------------------------------------------------------------------------------------------------

function currentOptions(format = 'json') {
  const options = { format, exclude: [...state.excluded] };
  // "Latest" is the core's default instant; with a known-at instant it must be said, or the core would take the
  // known-at instant for the as-of instant.
  const asOf = state.asOf ?? (state.knowledge === 'hindsight' ? null : state.defaultAsOf);
  if (asOf) options.as_of = asOf;
  if (state.knowledge === 'as_of' && asOf) options.known_at = asOf; // as it could have been known then
  else if (state.knowledge === 'known_at' && state.knownAt) options.known_at = state.knownAt;
  return options;
}

// The as-of instant the core picks when none is given (the latest event in the log), learned from a hindsight
// report when the knowledge mode needs it before any such report was made.
async function learnDefaultAsOf() {
  if (state.defaultAsOf) return;
  const answer = await rpc('report', { options: { format: 'json', exclude: [...state.excluded] }, baseline: false });
  if (answer.current?.ok && answer.current.report?.as_of_defaulted) state.defaultAsOf = answer.current.report.as_of;
}

async function refresh({ focusResults = false } = {}) {
  if (!state.loaded) return;
  const sequence = ++state.sequence;
  setBusy(true);
  let answer;
  try {
    if (state.knowledge !== 'hindsight' && !state.asOf) await learnDefaultAsOf();
    if (sequence !== state.sequence) return;
    answer = await rpc('report', { options: currentOptions(), baseline: state.excluded.size > 0 });
  } catch (error) {
    if (sequence !== state.sequence || error.message === CANCELLED) return;
    setBusy(false);
    setStatus(`The checker failed: ${error.message}`, 'error');
    markRendered();
    return;
  }
  if (sequence !== state.sequence) return; // a newer request is on its way
  const { current, baseline } = answer;
  if (!current?.ok || !current.report) {
    showIssues(current, 'The check could not be made with these settings.');
    setStatus(`Not checked: ${countIssues(current)}.`, 'error');
    setBusy(false);
    markRendered();
    return;
  }
  if (!$('issues').classList.contains('warnings-only')) hideIssues();
  state.report = current.report;
  state.baseline = baseline?.ok ? baseline.report : null;
  if (state.report.as_of_defaulted && !currentOptions().known_at) state.defaultAsOf = state.report.as_of;
  $('results').hidden = false; // before drawing, so that the charts are drawn at their real width
  renderAll();
  const knowledge = reportKnowledge(state.report);
  document.body.dataset.asOf = state.report.as_of ?? '';
  document.body.dataset.knowledge = knowledge.mode;
  document.body.dataset.knownAt = knowledge.knownAt ?? '';
  document.body.dataset.checkMillis = String(answer.millis);
  const obligations = reportObligations(state.report).length;
  const events = eventCounts(state.report).total ?? state.loaded.events.length;
  setStatus(`Checked ${obligations} obligations against ${events} events as of ` +
    `${formatInstant(state.report.as_of, state.ctx.offset)}` +
    `${knowledge.mode === 'known_at' ? `, as known at ${formatInstant(knowledge.knownAt, state.ctx.offset)}` : ', in hindsight'}` +
    ` in ${Math.max(1, Math.round(answer.millis))} ms.`);
  setBusy(false);
  markRendered();
  if (focusResults) $('results').focus();
}

// ---- As-of controls -----------------------------------------------------------------------------------------------

function setupAsOf() {
  const points = state.loaded.timeline;
  const slider = $('asof-slider');
  slider.max = String(Math.max(0, points.length - 1));
  slider.disabled = points.length === 0;
  syncZoneLabel();
}

// The zone the date and time fields are read in: the agreement's IANA zone with its offset at the as-of instant,
// or its fixed offset.
function syncZoneLabel() {
  const { zone, offset } = state.ctx;
  const label = zone ? `${zone}, ${zoneLabel(offset)}` : zoneLabel(offset);
  $('asof-zone').textContent = label;
  $('asof-zone').title = `Times are in the agreement's zone, ${label}`;
  if (zone) $('asof-zone').dataset.zone = zone; else delete $('asof-zone').dataset.zone;
}

// Keeps the date/time fields and the slider on the report's as-of instant.
function syncAsOfControls() {
  const asOf = state.report.as_of;
  const millis = instantMillis(asOf);
  if (!Number.isNaN(millis)) {
    const { date, seconds } = wallClock(millis, state.ctx.offset);
    $('asof-date').value = date;
    $('asof-time').value = seconds;
  }
  syncZoneLabel();
  const points = state.loaded.timeline;
  let index = 0;
  for (let i = 0; i < points.length; i += 1) if (instantMillis(points[i].instant) <= millis) index = i;
  const slider = $('asof-slider');
  slider.value = String(index);
  const point = points[index];
  const text = point && instantMillis(point.instant) === millis
    ? `${point.kind === 'deadline' ? 'Deadline' : 'Event'} ${point.id}, ${formatInstant(point.instant, state.ctx.offset)}`
    : formatInstant(asOf, state.ctx.offset);
  slider.setAttribute('aria-valuetext', text);
  $('asof-point').textContent = `${state.asOf ? '' : 'Latest event in the log: '}${text}`;
  syncKnowledgeControls();
}

// ---- Knowledge mode -----------------------------------------------------------------------------------------------

function knowledgeRadios() {
  return [...document.querySelectorAll('input[name="knowledge"]')];
}

function syncKnowledgeControls() {
  for (const radio of knowledgeRadios()) radio.checked = radio.value === state.knowledge;
  $('known-at-fields').hidden = state.knowledge !== 'known_at';
  if (state.knowledge === 'known_at' && state.knownAt) {
    const { date, seconds } = wallClock(instantMillis(state.knownAt), state.ctx.offset);
    $('known-at-date').value = date;
    $('known-at-time').value = seconds;
  }
}

function knownAtFromFields() {
  return instantFromFields($('known-at-date').value, $('known-at-time').value);
}

// An instant in the agreement's zone from a date field and a time field (HH:MM, HH:MM:SS or HH:MM:SS.mmm); null
// when the date is not a date. In an IANA zone the offset is the zone's at that wall clock (docs/zones.md).
function instantFromFields(date, time) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = /^\d{2}:\d{2}:\d{2}\.\d{1,3}$/.test(time) ? time
    : /^\d{2}:\d{2}:\d{2}/.test(time) ? time.slice(0, 8) : /^\d{2}:\d{2}$/.test(time) ? `${time}:00` : '23:59:00';
  if (state.ctx.zone) {
    const local = Date.parse(`${date}T${t}Z`);
    const utc = Number.isNaN(local) ? null : instantInZone(state.ctx.zone, local);
    if (utc !== null) {
      const offset = zoneOffsetAt(state.ctx.zone, utc);
      const { date: d, seconds } = wallClock(utc, offset);
      return `${d}T${seconds}${offset}`;
    }
  }
  const offset = state.ctx.offset === 'Z' ? '+00:00' : state.ctx.offset;
  return `${date}T${t}${offset}`;
}

function onKnowledgeMode() {
  const mode = knowledgeRadios().find((r) => r.checked)?.value;
  if (!['hindsight', 'as_of', 'known_at'].includes(mode) || mode === state.knowledge) return;
  state.knowledge = mode;
  if (mode === 'known_at' && !state.knownAt) state.knownAt = state.report?.as_of ?? null; // start from the as-of instant
  syncKnowledgeControls();
  if (state.loaded) refresh();
}

function onKnownAtFields() {
  const knownAt = knownAtFromFields();
  if (!knownAt || knownAt === state.knownAt) return;
  state.knownAt = knownAt;
  if (state.loaded && state.knowledge === 'known_at') refresh();
}

function asOfFromFields() {
  return instantFromFields($('asof-date').value, $('asof-time').value);
}

let sliderTimer = null;
function onSlider() {
  const point = state.loaded?.timeline[Number($('asof-slider').value)];
  if (!point) return;
  clearTimeout(sliderTimer);
  sliderTimer = setTimeout(() => {
    state.asOf = point.instant;
    refresh();
  }, 40);
}

function stepSlider(delta) {
  const slider = $('asof-slider');
  const next = Math.min(Number(slider.max), Math.max(0, Number(slider.value) + delta));
  slider.value = String(next);
  onSlider();
}

// ---- Selection and what-if ----------------------------------------------------------------------------------------

function linkedSets() {
  const events = new Set();
  const obligations = new Set();
  const selected = state.selected;
  if (!selected || !state.report) return { events, obligations };
  for (const obligation of reportObligations(state.report)) {
    for (const item of obligation.evidence ?? []) {
      if (selected.kind === 'obligation' && obligation.id === selected.id) events.add(item.event);
      if (selected.kind === 'event' && item.event === selected.id) obligations.add(obligation.id);
    }
  }
  return { events, obligations };
}

function selectObligation(id) {
  state.selected = { kind: 'obligation', id };
  renderAll();
  markRendered();
  $('detail').focus({ preventScroll: true });
}

// From the summary: select the obligation and bring its details into view.
function openObligation(id) {
  selectObligation(id);
  $('detail').scrollIntoView({ block: 'start' });
}

function selectEvent(id) {
  state.selected = { kind: 'event', id };
  renderAll();
  markRendered();
  $('detail').focus({ preventScroll: true });
}

function toggleExclude(id) {
  if (state.excluded.has(id)) state.excluded.delete(id); else state.excluded.add(id);
  refresh();
}

const handlers = { onSelect: selectObligation, onSelectEvent: selectEvent, onToggleExclude: toggleExclude };

// ---- Rendering ----------------------------------------------------------------------------------------------------

function renderAll() {
  const { report, ctx, loaded } = state;
  if (!report) return;
  // Names from the report too (it lists the parties and monitors it speaks of), and what the evidence marks need.
  for (const p of [...reportParties(report), ...reportMonitors(report)]) {
    if (typeof p.name === 'string' && p.name !== '') ctx.names.set(p.id, p.name);
  }
  // An agreement in an IANA zone: times are shown at the offset the report writes its as-of instant with.
  const asOfOffset = /([+-]\d{2}:\d{2}|Z)$/.exec(String(report.as_of ?? ''));
  if (!ctx.fixedOffset && asOfOffset) ctx.offset = asOfOffset[1];
  ctx.asOfMillis = instantMillis(report.as_of);
  $('agreement-title').textContent = report.agreement?.title ?? loaded.agreement.title ?? 'Agreement';
  $('agreement-meta').textContent = [
    report.agreement?.id,
    loaded.agreement.signed ? `signed ${loaded.agreement.signed}` : null,
    `${loaded.events.length} events (${loaded.names.events})`,
    loaded.agreement.text_note,
    report.input_digest ? `input ${report.input_digest.slice(0, 19)}…` : null,
  ].filter(Boolean).join(' · ');
  syncAsOfControls();
  renderReportHeader($('report-header'), report, ctx);

  const changes = verdictChanges(state.baseline, report);
  const { events: linkedEvents, obligations: linkedObligations } = linkedSets();
  const selectedObligation = state.selected?.kind === 'obligation' ? state.selected.id : null;
  const selectedEvent = state.selected?.kind === 'event' ? state.selected.id : null;
  renderOverview($('summary-lead'), $('summary-obligations'), report, ctx, { selected: selectedObligation, changes, onSelect: openObligation });
  renderSummary($('summary-table'), report, ctx);
  renderObligations($('obligations-table').tBodies[0], report, ctx,
    { selected: selectedObligation, linked: linkedObligations, changes, onSelect: selectObligation });

  const detail = $('detail-body');
  if (selectedObligation) {
    const obligation = reportObligations(report).find((o) => o.id === selectedObligation);
    if (obligation) renderObligationDetail(detail, obligation, report, ctx, handlers);
  } else if (selectedEvent) {
    renderEventDetail(detail, ctx.events.get(selectedEvent), report, ctx, handlers);
  } else {
    detail.replaceChildren(el('p', { class: 'hint' }, 'Choose an obligation (or an event on the timeline or the map) to see why.'));
  }

  renderWhatIf(changes);
  renderTimeline($('timeline-chart'), { events: loaded.events, timeline: loaded.timeline, report, ctx,
    selectedEvent, linkedEvents, onSelectEvent: selectEvent });
  const offMap = renderMap($('map-chart'), { agreement: loaded.agreement, events: loaded.events, report, ctx,
    selectedEvent, linkedEvents, onSelectEvent: selectEvent });
  $('map-offmap').textContent = offMap.length
    ? `Outside the map's extent: ${offMap.map((e) => `${e.id} (${e.where.name ?? 'unnamed'})`).join(', ')}.` : '';
  renderAccounting($('accounting-summary'), $('accounting-list'), report, ctx, { onSelectEvent: selectEvent });
}

function renderWhatIf(changes) {
  const section = $('whatif');
  section.hidden = state.excluded.size === 0;
  if (section.hidden) return;
  const list = clear($('whatif-excluded'));
  for (const id of state.excluded) {
    const back = el('button', { type: 'button', 'data-event': id }, `Put ${id} back`);
    back.addEventListener('click', () => toggleExclude(id));
    list.append(el('li', {}, el('code', {}, id), ` ${state.ctx.events.get(id)?.type ?? state.ctx.events.get(id)?.types?.join(', ') ?? ''} `, back));
  }
  $('whatif-summary').textContent = changes.size === 0
    ? 'No verdict changes without these events.'
    : `${changes.size === 1 ? 'One verdict changes' : `${changes.size} verdicts change`} without these events:`;
  const out = clear($('whatif-changes'));
  for (const [id, change] of changes) {
    const bearers = change.bearers.map((b) => `${partyName(state.ctx, b.party)}: ${statusLabel(b.from)} → ${statusLabel(b.to)}`).join('; ');
    const obligation = reportObligations(state.report).find((o) => o.id === id);
    out.append(el('li', { 'data-obligation': id }, el('strong', {}, obligation ? obligationTitle(obligation) : id),
      ` ${statusLabel(change.from)} → ${statusLabel(change.to)}`,
      bearers ? ` (${bearers})` : ''));
  }
}

// ---- Export -------------------------------------------------------------------------------------------------------

// Each report format the core renders: the file name's ending and the MIME type of the download.
const EXPORT_FORMATS = {
  json: { extension: 'json', type: 'application/json' },
  markdown: { extension: 'md', type: 'text/markdown' },
  html: { extension: 'html', type: 'text/html' },
  csv: { extension: 'csv', type: 'text/csv' },
  junit: { extension: 'xml', type: 'application/xml' },
  geojson: { extension: 'geojson', type: 'application/geo+json' },
};

async function exportReport(format) {
  if (!state.report) return;
  let envelope;
  try {
    envelope = await rpc('render', { options: currentOptions(format) });
  } catch (error) {
    if (error.message !== CANCELLED) setStatus(`The report could not be exported: ${error.message}`, 'error');
    return;
  }
  if (!envelope?.ok) {
    showIssues(envelope, 'The report could not be exported.');
    return;
  }
  const text = typeof envelope.rendered === 'string' ? envelope.rendered : `${JSON.stringify(envelope.report, null, 2)}\n`;
  const stamp = String(state.report.as_of).replace(/[^0-9A-Za-z+-]/g, '');
  const { extension, type } = EXPORT_FORMATS[format] ?? EXPORT_FORMATS.json;
  const name = `pactcheck-${state.report.agreement?.id ?? 'report'}-${stamp}.${extension}`
    .replace(/[^A-Za-z0-9._+-]/g, '_');
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  setStatus(`Saved ${name}.`);
}

// ---- Input: example, files, drop, paste -----------------------------------------------------------------------------

async function openExample() {
  setStatus('Opening the 2020 Nagorno-Karabakh example…');
  try {
    const [agreement, events] = await Promise.all(['agreement.json', 'events.json'].map(async (name) => {
      const response = await fetch(`examples/nk-2020/${name}`, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    }));
    await load(agreement, events, { agreement: 'nk-2020/agreement.json', events: 'nk-2020/events.json' });
  } catch (error) {
    setStatus(`The example could not be opened: ${error.message}`, 'error');
  }
}

const isCsv = (name) => /\.csv$/i.test(name ?? '');

// Which document a dropped file is: a CSV export by its name, else by its format tag, else by its name.
function classify(bytes, name) {
  if (isCsv(name)) return 'events';
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  const tag = /"format"\s*:\s*"pactcheck\/(agreement|events|mapping)"/.exec(head);
  if (tag) return tag[1];
  if (/mapping/i.test(name)) return 'mapping';
  if (/agree|pact|accord|statement/i.test(name)) return 'agreement';
  if (/event|log|incident/i.test(name)) return 'events';
  return null;
}

const dropped = { agreement: null, events: null, mapping: null };
function showDropState() {
  const describe = (slot, label) => (dropped[slot] ? `${label}: ${dropped[slot].name}` : `${label}: not yet`);
  const parts = [describe('agreement', 'Agreement'), describe('events', 'Event log')];
  if (isCsv(dropped.events?.name) || dropped.mapping) parts.push(describe('mapping', 'Mapping'));
  let text = parts.join(' · ');
  if (isCsv(dropped.events?.name) && !dropped.mapping && !$('mapping-file').files.length) {
    text += `. ${dropped.events.name} is a CSV export: drop its mapping file too (or choose it under "Your own files").`;
  }
  $('drop-state').textContent = text;
}

async function onDrop(event) {
  event.preventDefault();
  $('drop-zone').classList.remove('over');
  const files = [...(event.dataTransfer?.files ?? [])].slice(0, 3);
  for (const file of files) {
    const bytes = await readFile(file);
    const slot = classify(bytes, file.name) ?? (dropped.agreement ? 'events' : 'agreement');
    dropped[slot] = { name: file.name, bytes };
  }
  showDropState();
  if (!dropped.agreement || !dropped.events) return;
  let mapping = null;
  if (isCsv(dropped.events.name)) {
    mapping = dropped.mapping;
    const picked = $('mapping-file').files[0];
    if (!mapping && picked) mapping = { name: picked.name, bytes: await readFile(picked) };
    if (!mapping) {
      setStatus(`${dropped.events.name} is a CSV export: drop or choose its mapping file to import it.`);
      $('mapping-file').focus();
      return;
    }
  }
  const { agreement, events } = dropped;
  dropped.agreement = null;
  dropped.events = null;
  dropped.mapping = null;
  await load(agreement.bytes, events.bytes, { agreement: agreement.name, events: events.name, mapping: mapping?.name },
    mapping?.bytes ?? null);
}

function wireInputs() {
  $('open-example').addEventListener('click', openExample);
  $('cancel').addEventListener('click', cancelWork);

  const updateFilesButton = () => {
    $('check-files').disabled = !($('agreement-file').files.length && $('events-file').files.length);
  };
  $('agreement-file').addEventListener('change', updateFilesButton);
  $('events-file').addEventListener('change', updateFilesButton);
  $('mapping-file').addEventListener('change', async () => {
    // A mapping picked after a CSV export was dropped completes the drop.
    const picked = $('mapping-file').files[0];
    if (picked && dropped.agreement && isCsv(dropped.events?.name) && !dropped.mapping) {
      dropped.mapping = { name: picked.name, bytes: await readFile(picked) };
      const { agreement, events, mapping } = dropped;
      dropped.agreement = null;
      dropped.events = null;
      dropped.mapping = null;
      await load(agreement.bytes, events.bytes, { agreement: agreement.name, events: events.name, mapping: mapping.name },
        mapping.bytes);
    }
  });
  $('files-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const a = $('agreement-file').files[0];
    const e = $('events-file').files[0];
    if (!a || !e) return;
    const m = isCsv(e.name) ? $('mapping-file').files[0] : null;
    if (isCsv(e.name) && !m) {
      setStatus(`${e.name} is a CSV export: choose its mapping file too.`, 'error');
      $('mapping-file').focus();
      return;
    }
    await load(await readFile(a), await readFile(e), { agreement: a.name, events: e.name, mapping: m?.name },
      m ? await readFile(m) : null);
  });

  const zone = $('drop-zone');
  for (const target of [zone, document.body]) {
    target.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('over');
    });
  }
  document.body.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) zone.classList.remove('over');
  });
  document.body.addEventListener('drop', onDrop);

  const updatePasteButton = () => {
    $('check-paste').disabled = !($('agreement-text').value.trim() && $('events-text').value.trim());
  };
  $('agreement-text').addEventListener('input', updatePasteButton);
  $('events-text').addEventListener('input', updatePasteButton);
  $('paste-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    await load($('agreement-text').value, $('events-text').value,
      { agreement: 'pasted agreement', events: 'pasted event log' });
  });

  $('asof-slider').addEventListener('input', onSlider);
  $('asof-prev').addEventListener('click', () => stepSlider(-1));
  $('asof-next').addEventListener('click', () => stepSlider(1));
  const onFields = () => {
    const asOf = asOfFromFields();
    if (!asOf || asOf === state.asOf) return;
    state.asOf = asOf;
    refresh();
  };
  $('asof-date').addEventListener('change', onFields);
  $('asof-time').addEventListener('change', onFields);
  for (const radio of knowledgeRadios()) radio.addEventListener('change', onKnowledgeMode);
  $('known-at-date').addEventListener('change', onKnownAtFields);
  $('known-at-time').addEventListener('change', onKnownAtFields);
  $('asof-latest').addEventListener('click', () => {
    state.asOf = null;
    refresh();
  });
  $('whatif-reset').addEventListener('click', () => {
    state.excluded.clear();
    refresh();
  });
  $('export-json').addEventListener('click', () => exportReport('json'));
  $('export-markdown').addEventListener('click', () => exportReport('markdown'));
  $('export-html').addEventListener('click', () => exportReport('html'));
  $('export-csv').addEventListener('click', () => exportReport('csv'));
  $('export-junit').addEventListener('click', () => exportReport('junit'));
  $('export-geojson').addEventListener('click', () => exportReport('geojson'));
}

// ---- Start --------------------------------------------------------------------------------------------------------

async function main() {
  setBusy(false);
  document.body.dataset.renders = '0';
  wireInputs();
  startWorker();
  try {
    const version = await rpc('version', {});
    $('version').textContent = `pactcheck ${version} (WebAssembly, offline)`;
    $('open-example').disabled = false;
    document.body.dataset.ready = 'true';
  } catch (error) {
    $('version').textContent = 'The checker could not be loaded.';
    setStatus(`The checker could not be loaded: ${error.message}`, 'error');
  }
}

main();
