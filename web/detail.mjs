// One obligation's details: the verdict in one sentence, each bearer's status with why, its steps (done, undone,
// done again), progress, remarks, how the charges stand and, when the evidence leaves it open, both bounds and the
// open points; the readings, the notices (branch, suspensions, extensions, ends, repudiations), the evidence
// standard applied, the deadline, the kind's own progress and the evidence, each with its role, standing, charge,
// open point and later-knowledge mark. Built with render.mjs's el(): text only, never HTML.
import {
  append, badge, bearerBounds, bearerCounts, bearerGrades, bearerHistory, bearerProgress, bearerRemarks, bearerVerdicts,
  bearerWhy, clear, deadlineText, el, evidenceStandard, formatDay, formatInstant, humanise, itemEvent, jointBreach,
  obligationEvidence, obligationHeadline, obligationNotices, obligationReadings, obligationTitle, partyName, renderEvent,
  STATUS_ORDER, statusLabel,
} from './render.mjs';

// Long lists (evidence, table rows) are cut here in the page; exports always hold everything.
const MAX_LISTED = 200;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- Values of any shape, readably --------------------------------------------------------------------------------

// Keys whose string values name a party (shown by name).
const PARTY_KEYS = /^(party|bearer|side|by|from|to|giver|receiver|holder|accused|counterpart)$|_by$|parties|bearers|beneficiar/;

function scalarText(value, key, ctx) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  const s = String(value);
  if (INSTANT.test(s)) return formatInstant(s, ctx.offset, { zone: false });
  if (DATE.test(s)) return formatDay(s, 'Z');
  if (PARTY_KEYS.test(String(key ?? '')) && ctx.names?.has(s)) return partyName(ctx, s);
  return s;
}

const isScalar = (v) => v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v);

// A label for an object key: party ids by name, the rest with spaces for underscores (capitalised as a heading,
// or not, inside a phrase).
function keyLabel(key, ctx, heading = true) {
  if (ctx.names?.has(key)) return partyName(ctx, key);
  const words = humanise(key);
  return heading ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

// A value as a node: scalars as text, lists of scalars joined, lists of objects as a table with their keys as
// columns, objects as a small key/value table (or inline "k: v" when short and flat).
export function valueNode(value, key, ctx, depth = 0) {
  if (/(^|_)status$/.test(String(key ?? '')) && STATUS_ORDER.includes(value)) return badge(value);
  if (isScalar(value)) {
    const s = scalarText(value, key, ctx);
    return s === '—' ? el('span', { class: 'muted' }, s) : document.createTextNode(s);
  }
  if (depth > 4) return document.createTextNode('…');
  if (Array.isArray(value)) {
    if (value.length === 0) return el('span', { class: 'muted' }, 'none');
    if (value.every(isScalar)) return document.createTextNode(value.map((v) => scalarText(v, key, ctx)).join(', '));
    if (value.every(isObject)) return rowsTable(value, ctx, depth + 1);
    return el('ul', { class: 'kv-list' }, value.slice(0, MAX_LISTED).map((v) => el('li', {}, valueNode(v, key, ctx, depth + 1))));
  }
  // Shapes several kinds share: n of N, and a deadline as the report states one.
  if (Number.isFinite(value.done) && Number.isFinite(value.of) && Object.keys(value).length === 2) {
    return document.createTextNode(`${value.done} of ${value.of}`);
  }
  if (typeof value.deadline === 'string' && ('due_before' in value || 'due_by' in value)) {
    return el('span', { class: 'deadline-value' }, deadlineText(value, ctx),
      typeof value.rule === 'string' ? el('span', { class: 'muted' }, ` (${value.rule})`) : null);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return el('span', { class: 'muted' }, 'none');
  if (entries.length <= 6 && entries.every(([, v]) => isScalar(v))) {
    // Short and flat: "k: v" entries, on one line in a key/value row, one under the other in a table cell.
    return el('span', { class: 'inline-kv' }, entries.map(([k, v], i) => el('span', { class: 'kv-entry' },
      i ? el('span', { class: 'kv-sep' }, ' · ') : null, `${keyLabel(k, ctx, false)}: ${scalarText(v, k, ctx)}`)));
  }
  return kvTable(entries, ctx, depth + 1);
}

const isEmpty = (v) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) ||
  (isObject(v) && Object.keys(v).length === 0);

export function kvTable(entries, ctx, depth = 0, caption = null) {
  if (entries.length === 0) return null;
  return el('table', { class: 'kv' }, caption ? el('caption', {}, caption) : null,
    el('tbody', {}, entries.slice(0, MAX_LISTED).map(([k, v]) => el('tr', { 'data-key': k },
      el('th', { scope: 'row' }, keyLabel(k, ctx)), el('td', {}, valueNode(v, k, ctx, depth))))));
}

// Rows of objects as a table, one column per key (in the order the keys first appear); `labels` renames columns.
// Columns empty in every row (null, [] or {}) are left out and named under the table, so that the table stays
// narrow enough to read (not those a known shape draws itself: "not reported" says something).
export function rowsTable(rows, ctx, depth = 0, { caption = null, labels = {}, cells = {} } = {}) {
  const keys = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k);
  const columns = rows.length > 1 || keys.length > 4 ? keys.filter((k) => cells[k] || !rows.every((row) => isEmpty(row[k]))) : keys;
  const empty = keys.filter((k) => !columns.includes(k));
  const shown = rows.slice(0, MAX_LISTED);
  return el('div', { class: 'table-wrap' }, el('table', { class: 'rows' }, caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, labels[c] ?? keyLabel(c, ctx))))),
    el('tbody', {}, shown.map((row) => el('tr', {}, columns.map((c) => el('td', { 'data-label': labels[c] ?? keyLabel(c, ctx) },
      cells[c] ? cells[c](row[c], row) : valueNode(row[c], c, ctx, depth))))))),
  empty.length ? el('p', { class: 'empty-columns muted' }, `Empty in every row: ${empty.map((k) => labels[k] ?? keyLabel(k, ctx, false)).join(', ')}.`) : null,
  rows.length > shown.length ? el('p', { class: 'muted' }, `${rows.length - shown.length} more rows are not shown; the exported report has them.`) : null);
}

// ---- Kind-specific progress ---------------------------------------------------------------------------------------
// Each known shape is drawn by its own function, which returns the nodes and the keys it used; whatever is left
// (and every shape not known here: kinds are being added) is drawn as key/value rows, arrays of rows as tables.

function capsView(progress, ctx) {
  if (!Array.isArray(progress.caps)) return null;
  const rows = progress.caps.filter(isObject);
  const level = (v) => (v === null || v === undefined ? el('span', { class: 'muted' }, 'not reported') : document.createTextNode(String(v)));
  const category = (v) => document.createTextNode(humanise(v));
  const nodes = [rowsTable(rows, ctx, 0, {
    caption: 'Caps',
    labels: { category: 'Category', max: 'At most', min: 'At least', reported_level: 'Reported level', peak: 'Peak',
      last_reported: 'Last report', stale: 'Report too old' },
    cells: { category, reported_level: level, peak: level },
  })];
  const used = ['caps'];
  if (Array.isArray(progress.not_covered)) {
    used.push('not_covered');
    const rest = progress.not_covered.filter(isObject);
    if (rest.length) {
      nodes.push(rowsTable(rest, ctx, 0, { caption: 'Reported but not capped by the clause (no verdict)',
        labels: { category: 'Category', last_reported: 'Last reported level' }, cells: { category } }));
    }
  }
  return { nodes, used };
}

function sidesView(progress, ctx) {
  if (!Array.isArray(progress.sides)) return null;
  const rows = progress.sides.filter(isObject);
  const nodes = [];
  const facts = [];
  if (progress.principle) facts.push(['principle', progress.principle]);
  if ('completeness' in progress) facts.push(['completeness', progress.completeness ?? 'unknown']);
  if ('agreed_totals' in progress) facts.push(['agreed_totals', progress.agreed_totals ?? 'none agreed']);
  if (facts.length) nodes.push(kvTable(facts, ctx, 0, 'The exchange'));
  // One column per side (an exchange has few sides and many facts about each).
  const labels = { given: 'Given, by category', total_given: 'Given in all', total_received: 'Received in all', owed: 'Still owed',
    completed_by: 'Completed', still_held: 'Still held' };
  const keys = [];
  for (const row of rows) for (const k of Object.keys(row)) if (k !== 'party' && !keys.includes(k)) keys.push(k);
  nodes.push(el('div', { class: 'table-wrap' }, el('table', { class: 'rows sides' }, el('caption', {}, 'Per side'),
    el('thead', {}, el('tr', {}, el('td', {}), rows.map((r) => el('th', { scope: 'col', 'data-party': r.party ?? '' }, partyName(ctx, r.party))))),
    el('tbody', {}, keys.map((k) => el('tr', { 'data-key': k }, el('th', { scope: 'row' }, labels[k] ?? keyLabel(k, ctx)),
      rows.map((r) => el('td', {}, k === 'given' && isObject(r[k]) && Object.keys(r[k]).length === 0
        ? el('span', { class: 'muted' }, 'nothing') : valueNode(r[k], k, ctx, 1)))))))));
  return { nodes, used: ['sides', 'principle', 'completeness', 'agreed_totals'] };
}

function termView(progress, ctx) {
  if (!('expires' in progress) && !('period_start' in progress)) return null;
  const labels = { period: 'Period', period_start: 'This period began', expires: 'It expires', notice_deadline: 'Notice to end it by',
    renewals: 'Renewals so far', ending_notice: 'Notice to end it', ended: 'Ended' };
  const entries = Object.keys(labels).filter((k) => k in progress).map((k) => [k, progress[k]]);
  const table = el('table', { class: 'kv' }, el('caption', {}, 'The term'), el('tbody', {}, entries.map(([k, v]) =>
    el('tr', { 'data-key': k }, el('th', { scope: 'row' }, labels[k]),
      el('td', {}, k === 'ending_notice' && (v === null || v === undefined) ? el('span', { class: 'muted' }, 'none given')
        : valueNode(v, k, ctx, 1))))));
  return { nodes: [table], used: Object.keys(labels) };
}

const PROGRESS_VIEWS = [capsView, sidesView, termView];

export function renderProgress(progress, ctx) {
  if (Array.isArray(progress) && progress.length > 0) {
    return el('section', { class: 'progress', 'aria-label': 'Progress' }, el('h4', {}, 'Progress'), valueNode(progress, 'progress', ctx, 0));
  }
  if (!isObject(progress)) return null;
  const nodes = [];
  const used = new Set();
  for (const view of PROGRESS_VIEWS) {
    const out = view(progress, ctx);
    if (!out) continue;
    nodes.push(...out.nodes.filter(Boolean));
    out.used.forEach((k) => used.add(k));
  }
  const rest = Object.entries(progress).filter(([k]) => !used.has(k));
  const scalars = rest.filter(([, v]) => !Array.isArray(v) || !v.every(isObject) || v.length === 0);
  const tables = rest.filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every(isObject));
  if (scalars.length) nodes.push(kvTable(scalars, ctx, 0, nodes.length ? 'Also' : null));
  for (const [k, v] of tables) nodes.push(rowsTable(v.filter(isObject), ctx, 0, { caption: keyLabel(k, ctx) }));
  if (nodes.length === 0) return null;
  return el('section', { class: 'progress', 'aria-label': 'Progress' }, el('h4', {}, 'Progress'), nodes);
}

// ---- The obligation ---------------------------------------------------------------------------------------------

function countsLine(verdict) {
  const counts = bearerCounts(verdict);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return null; // nothing charged: the status and its why say it
  return el('p', { class: 'charge-counts' }, el('span', { class: 'fact-label' }, 'Charges: '),
    ['confirmed', 'reported', 'alleged', 'disputed'].filter((k) => k in counts)
      .map((k, i) => [i ? ', ' : '', el('span', { class: `count-${k}`, 'data-count': k }, `${counts[k]} ${k}`)]));
}

function historySteps(verdict, ctx, handlers) {
  const steps = bearerHistory(verdict);
  if (steps.length === 0) return null;
  return [el('p', { class: 'history-label' }, el('span', { class: 'fact-label' }, 'History:')),
    el('ol', { class: 'history-steps', 'aria-label': 'What happened, step by step' }, steps.map((step) => {
    const eventButton = step.event ? el('button', { type: 'button', class: 'link-button event-ref', 'data-event': step.event }, step.event) : null;
    eventButton?.addEventListener('click', () => handlers.onSelectEvent?.(step.event));
    return el('li', { 'data-status': step.status },
      el('span', { class: 'step-at' }, formatInstant(step.at, ctx.offset, { zone: false })), ' ',
      badge(step.status), ' ', step.note ? el('span', { class: 'step-note' }, step.note) : null,
      eventButton ? [' ', el('span', { class: 'step-event' }, '(', eventButton, ')')] : null);
  }))];
}

function boundsView(verdict, ctx) {
  const bounds = bearerBounds(verdict);
  if (!bounds) return null;
  const name = partyName(ctx, verdict.party);
  return el('div', { class: 'bounds' },
    bounds.ifAgainst || bounds.ifFor ? el('p', {},
      bounds.ifAgainst ? [el('strong', {}, statusLabel(bounds.ifAgainst)), ` if the open points go against ${name}`] : null,
      bounds.ifAgainst && bounds.ifFor ? ', ' : null,
      bounds.ifFor ? [el('strong', {}, statusLabel(bounds.ifFor)), ' if they go for it'] : null, ':') : null,
    bounds.openPoints.length ? el('ul', { class: 'open-points' }, bounds.openPoints.map((p) => el('li', {}, p))) : null);
}

function progressLine(verdict) {
  const p = bearerProgress(verdict);
  if (!p) return null;
  return el('p', { class: 'bearer-progress' }, el('span', { class: 'fact-label' }, 'Progress: '), `${p.done} of ${p.of}`, ' ',
    el('meter', { min: 0, max: Math.max(1, p.of), value: Math.min(p.done, Math.max(1, p.of)), 'aria-label': `${p.done} of ${p.of}` }));
}

function bearerItem(verdict, ctx, handlers) {
  const bounds = bearerBounds(verdict);
  // The why of an open verdict is its bounds and open points, which are shown below as such.
  const restated = bounds && bounds.openPoints.length > 0 && bounds.openPoints.every((p) => bearerWhy(verdict)?.includes(p));
  const why = restated ? null : bearerWhy(verdict);
  const remarks = bearerRemarks(verdict);
  const grades = bearerGrades(verdict);
  return el('li', { class: 'bearer', 'data-party': verdict.party, 'data-status': verdict.status },
    el('div', { class: 'bearer-head' }, badge(verdict.status, partyName(ctx, verdict.party)),
      verdict.disputed ? el('span', { class: 'flag-disputed' }, 'disputed') : null),
    why ? el('p', { class: 'bearer-why' }, why) : null,
    boundsView(verdict, ctx),
    progressLine(verdict),
    countsLine(verdict),
    grades.length ? el('p', { class: 'grades' }, el('span', { class: 'fact-label' }, 'Grades: '),
      grades.map(([g, n]) => `${n} ${humanise(g)}`).join(', ')) : null,
    remarks.length ? el('ul', { class: 'remarks' }, remarks.map((r) => el('li', {}, r))) : null,
    historySteps(verdict, ctx, handlers));
}

function readingsView(obligation, ctx) {
  const readings = obligationReadings(obligation);
  if (readings.length < 2) return null;
  const bearers = bearerVerdicts(obligation).map((v) => v.party);
  return el('section', { class: 'readings', 'aria-label': 'Readings' }, el('h4', {}, `Readings (${readings.length})`),
    el('p', { class: 'hint' }, 'The sources differ on the text; each reading is checked in full. Where they disagree the verdict is undetermined.'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'rows readings-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Reading'),
        bearers.map((p) => el('th', { scope: 'col' }, partyName(ctx, p))), el('th', { scope: 'col' }, 'Why'))),
      el('tbody', {}, readings.map((r) => el('tr', { 'data-reading': r.id ?? '' },
        el('th', { scope: 'row' }, r.label ?? r.id ?? ''),
        bearers.map((p) => {
          const status = r.by_bearer.find((b) => b.party === p)?.status;
          return el('td', { 'data-party': p, 'data-status': status ?? '', 'data-label': partyName(ctx, p) },
            status ? badge(status) : el('span', { class: 'muted' }, '—'));
        }),
        el('td', { class: 'reading-explanation', 'data-label': 'Why' }, r.explanation ?? '')))))));
}

const NOTICE_LABELS = {
  branch: (n) => (n.taken ? 'Branch taken' : 'Branch not taken'),
  suspend: (n) => (n.accepted === false ? 'Declared unilateral suspension' : 'Suspension'),
  resume: () => 'Resumed',
  extend: (n) => (n.accepted === false ? 'Extension not agreed by all' : 'Extension'),
  end: (n) => (n.accepted === false ? 'End agreed by some parties only' : 'Ended by agreement'),
  supersede: (n) => (n.accepted === false ? 'Supersession agreed by some parties only' : 'Superseded'),
  object_ceased: () => 'Its object ceased to exist',
  repudiate: () => 'Repudiation',
  notice: () => 'Notice',
};

function noticeItem(notice, ctx, handlers) {
  const label = (NOTICE_LABELS[notice.kind] ?? (() => humanise(notice.kind)))(notice);
  const eventButton = notice.event ? el('button', { type: 'button', class: 'link-button event-ref', 'data-event': notice.event }, notice.event) : null;
  eventButton?.addEventListener('click', () => handlers.onSelectEvent?.(notice.event));
  const parts = [];
  if (notice.condition) parts.push(`if ${notice.condition}`);
  if (notice.since) parts.push(`since ${formatInstant(notice.since, ctx.offset, { zone: false })}`);
  if (notice.why) parts.push(notice.why);
  if (notice.from || notice.to) {
    parts.push(`${notice.kind === 'extend' ? 'the period now runs ' : ''}from ${notice.from ? formatInstant(notice.from, ctx.offset, { zone: false }) : '?'} ` +
      `to ${notice.to ? formatInstant(notice.to, ctx.offset, { zone: false }) : '?'}`);
  }
  if (notice.party) parts.push(`by ${partyName(ctx, notice.party)}`);
  if (Array.isArray(notice.agreed_by) && notice.agreed_by.length) parts.push(`agreed by ${notice.agreed_by.map((p) => partyName(ctx, p)).join(', ')}`);
  if (notice.reason) parts.push(`reason: ${notice.reason}`);
  const known = new Set(['kind', 'event', 'at', 'condition', 'since', 'why', 'from', 'to', 'party', 'agreed_by', 'reason', 'note', 'taken', 'accepted']);
  const extra = Object.entries(notice).filter(([k]) => !known.has(k));
  return el('li', { class: 'notice', 'data-kind': notice.kind, 'data-accepted': notice.accepted === undefined ? null : String(notice.accepted) },
    el('strong', {}, label),
    eventButton ? [' · ', eventButton] : null,
    notice.at ? el('span', { class: 'muted' }, ` · ${formatInstant(notice.at, ctx.offset, { zone: false })}`) : null,
    parts.length ? `: ${parts.join('; ')}` : null,
    notice.note ? el('p', { class: 'notice-note' }, notice.note) : null,
    extra.length ? kvTable(extra, ctx, 1) : null);
}

function noticesView(obligation, ctx, handlers) {
  const notices = obligationNotices(obligation);
  if (notices.length === 0) return null;
  return el('section', { class: 'notices', 'aria-label': 'Notices' }, el('h4', {}, 'Notices'),
    el('ul', {}, notices.map((n) => noticeItem(n, ctx, handlers))));
}

function standardView(report, obligation) {
  const standard = evidenceStandard(report, obligation);
  if (!standard?.text) return null;
  return el('p', { class: 'standard', 'data-own': standard.own ? 'true' : 'false' },
    el('span', { class: 'fact-label' }, standard.own ? "Evidence standard (this obligation's own): " : 'Evidence standard: '), standard.text);
}

function deadlineView(deadline, ctx) {
  if (!isObject(deadline)) return null;
  const history = Array.isArray(deadline.history) ? deadline.history.filter(isObject) : [];
  if (history.length === 0 && !deadline.deadline && !deadline.due_before && !deadline.due_by) return null;
  return el('div', { class: 'history' }, el('h4', {}, 'Deadline and its history'),
    el('ol', {}, history.map((entry, index) => el('li', { class: index === history.length - 1 ? 'current' : '' },
      el('strong', {}, deadlineText(entry, ctx)),
      entry.due_before ? el('span', { class: 'muted' }, ` (due before ${formatInstant(entry.due_before, ctx.offset)})`) : null,
      entry.due_by ? el('span', { class: 'muted' }, ` (due by ${formatInstant(entry.due_by, ctx.offset)})`) : null,
      entry.rule ? ` · ${entry.rule}` : null,
      entry.set_by ? ` · set by ${entry.set_by}` : null,
      entry.announced ? ` · announced ${formatInstant(entry.announced, ctx.offset)}` : null))),
    history.length === 0 ? el('p', {}, deadlineText(deadline, ctx), deadline.rule ? ` · ${deadline.rule}` : null) : null,
    deadline.against_original ? el('p', {}, 'Against the original deadline: ', badge(deadline.against_original)) : null);
}

export function renderObligationDetail(container, obligation, report, ctx, handlers) {
  clear(container);
  const title = obligationTitle(obligation);
  const headline = obligationHeadline(obligation);
  const joint = jointBreach(obligation);
  const instrument = ctx.instruments.get(obligation.instrument)?.title ?? obligation.instrument ?? '';
  append(container, [
    el('h3', {}, `Point ${obligation.point ?? ''} · ${title}`, title !== obligation.id ? el('span', { class: 'obligation-id' }, ` ${obligation.id}`) : null),
    el('p', { class: 'muted' }, [humanise(obligation.kind), instrument].filter(Boolean).join(' · ')),
    headline ? el('p', { class: 'headline' }, headline) : null,
    el('p', { class: 'verdict' }, 'Overall: ', badge(obligation.status),
      obligation.disputed ? el('span', { class: 'flag-disputed' }, 'disputed') : null),
    joint ? el('p', { class: 'joint-breach' }, el('strong', {}, 'Broken by an act charged to no bearer'),
      joint.events.length ? ` (${joint.events.join(', ')})` : '',
      ': the obligation is violated by it; the report names no one, so it counts in no bearer\'s own verdict.') : null,
    el('blockquote', { class: 'clause-full' }, obligation.text ?? ''),
    el('h4', {}, 'By bearer'),
    el('ul', { class: 'by-bearer' }, bearerVerdicts(obligation).map((v) => bearerItem(v, ctx, handlers))),
    obligation.explanation ? [el('h4', {}, 'Verdict'), el('p', { class: 'explanation' }, obligation.explanation)] : null,
    readingsView(obligation, ctx),
    noticesView(obligation, ctx, handlers),
    standardView(report, obligation),
    deadlineView(obligation.deadline, ctx),
    renderProgress(obligation.progress, ctx)]);
  const evidence = obligationEvidence(obligation);
  const excludedHere = [...ctx.excluded].filter((id) => !evidence.some((e) => itemEvent(e) === id));
  container.append(el('h4', {}, evidence.length ? `Evidence (${evidence.length})` : 'Evidence: none'));
  const items = el('ol', { class: 'evidence' });
  for (const item of evidence.slice(0, MAX_LISTED)) {
    const id = itemEvent(item);
    items.append(el('li', {}, renderEvent(ctx.events.get(id), ctx, {
      evidence: item, obligation, excluded: ctx.excluded.has(id), ...handlers })));
  }
  container.append(items);
  if (evidence.length > MAX_LISTED) {
    container.append(el('p', { class: 'muted' }, `${evidence.length - MAX_LISTED} more evidence events are not listed here; ` +
      'the exported report has all of them.'));
  }
  if (excludedHere.length) {
    container.append(el('h4', {}, 'Left out (what-if)'),
      el('ol', { class: 'evidence' }, excludedHere.map((id) => el('li', {},
        renderEvent(ctx.events.get(id), ctx, { excluded: true, ...handlers })))));
  }
}
