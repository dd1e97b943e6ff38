// DOM building for the page. Every piece of text that comes from a document (agreement, event log, report)
// enters the DOM through createTextNode or as an attribute value set with setAttribute on an attribute that
// cannot execute anything; nothing here assigns innerHTML, outerHTML or insertAdjacentHTML, and a link is made
// only for http(s) URLs.

// Long lists (evidence, ignored events) are cut here in the page; exports always hold everything.
const MAX_LISTED = 200;

export const STATUS_ORDER = ['violated', 'undetermined', 'complied_late', 'cured', 'pending', 'suspended',
  'not_triggered', 'ended', 'complied'];

const STATUS_LABELS = {
  violated: 'violated',
  undetermined: 'undetermined',
  complied_late: 'complied late',
  cured: 'cured',
  pending: 'pending',
  suspended: 'suspended',
  not_triggered: 'not triggered',
  ended: 'ended',
  complied: 'complied',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? String(status ?? 'unknown');
}

export function statusRank(status) {
  const rank = STATUS_ORDER.indexOf(status);
  return rank < 0 ? STATUS_ORDER.length : rank;
}

// el('p', {class: 'x', title: value}, 'text', child, ...). Children: strings/numbers become text nodes; null,
// undefined and false are skipped; arrays are flattened.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

function setAttributes(node, attributes) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (/^on/i.test(name) || name === 'href' || name === 'src' || name === 'style') {
      throw new Error(`el(): attribute ${name} is not allowed here`); // links go through sourceLink()
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function badge(status, prefix) {
  return el('span', { class: `badge status-${String(status).replace(/[^a-z_]/g, '')}` },
    prefix ? el('span', { class: 'badge-party' }, prefix) : null, statusLabel(status));
}

// A source link: live only for http(s) URLs, and then opened without opener or referrer. Anything else
// (javascript:, data:, relative paths, malformed) is shown as inert text.
export function sourceLink(url, label) {
  const text = label || url;
  if (typeof url === 'string' && /^https?:\/\//i.test(url.trim())) {
    let parsed = null;
    try { parsed = new URL(url.trim()); } catch { parsed = null; }
    if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
      const a = document.createElement('a');
      a.href = parsed.href;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.referrerPolicy = 'no-referrer';
      a.append(document.createTextNode(String(text)));
      return a;
    }
  }
  if (typeof url === 'string' && url !== '') {
    return el('span', { class: 'inert-link', title: 'Not a web link, so not clickable' }, String(text),
      label ? el('span', { class: 'inert-url' }, ` (${url})`) : null);
  }
  return el('span', {}, String(text ?? ''));
}


// ---- Reading the report ---------------------------------------------------------------------------------------------
// Small accessors so that the views depend on the report's documented fields only (report version 2,
// docs/format.md "Report"), and keep working on the shapes an older report used where they are equivalent.

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v) => (Array.isArray(v) ? v.filter(isObject) : []);
const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const text = (v) => (typeof v === 'string' && v.trim() !== '' ? v : null);

// [{party, name, status, disputed, why, ...}] for each bearer of an obligation, in the obligation's bearer order.
export function bearerVerdicts(obligation) {
  const raw = obligation?.by_bearer;
  let list;
  if (Array.isArray(raw)) list = raw.filter(isObject).map((v) => ({ ...v, party: v.party ?? v.bearer }));
  else if (isObject(raw)) list = Object.entries(raw).map(([party, v]) => ({ ...(v ?? {}), party }));
  else list = [];
  if (list.length === 0) list = strings(obligation?.bearers).map((party) => ({ party, status: obligation.status }));
  return list;
}

export function bearerStatus(obligation, party) {
  return bearerVerdicts(obligation).find((v) => v.party === party)?.status;
}

// Why a bearer has its status, in one sentence (null when the obligation's explanation says it all).
export function bearerWhy(verdict) {
  return text(verdict?.why) ?? text(verdict?.explanation);
}

// {confirmed, reported, alleged, disputed}: how the charges behind the verdict stand (numbers only).
export function bearerCounts(verdict) {
  const counts = isObject(verdict?.counts) ? verdict.counts : {};
  return Object.fromEntries(['confirmed', 'reported', 'alleged', 'disputed']
    .filter((k) => Number.isFinite(counts[k])).map((k) => [k, counts[k]]));
}

// [[grade, n]] of the incidents counted against the bearer, when the agreement grades them.
export function bearerGrades(verdict) {
  return isObject(verdict?.grades) ? Object.entries(verdict.grades).filter(([, n]) => Number.isFinite(n)) : [];
}

// [{at, status, event, note}]: the steps the bearer's status went through (done, undone, done again).
export function bearerHistory(verdict) {
  return objects(verdict?.history);
}

// {ifAgainst, ifFor, openPoints}: the bounds of an open verdict, or null when the evidence settles it.
export function bearerBounds(verdict) {
  const openPoints = strings(verdict?.open_points);
  if (!verdict?.if_against && !verdict?.if_for && openPoints.length === 0) return null;
  return { ifAgainst: verdict.if_against ?? null, ifFor: verdict.if_for ?? null, openPoints };
}

// {done, of}: n of N, or null.
export function bearerProgress(verdict) {
  const p = verdict?.progress;
  return isObject(p) && Number.isFinite(p.done) && Number.isFinite(p.of) ? { done: p.done, of: p.of } : null;
}

export function bearerRemarks(verdict) {
  return strings(verdict?.remarks);
}

// [{party, name, role, counts: {status: n}}] from summary.by_party.
export function partySummaries(report) {
  const raw = report?.summary?.by_party;
  if (Array.isArray(raw)) {
    return raw.filter(isObject).map((p) => ({
      party: p.party ?? p.id, name: p.name, role: p.role, counts: p.by_status ?? p.counts ?? {} }));
  }
  if (isObject(raw)) return Object.entries(raw).map(([party, counts]) => ({ party, counts: counts ?? {} }));
  return [];
}

// {status: n} over all obligations.
export function statusCounts(report) {
  const raw = report?.summary?.by_status;
  return isObject(raw) ? Object.fromEntries(Object.entries(raw).filter(([, n]) => Number.isFinite(n))) : {};
}

// The parties and monitors the report names: [{id, name, role}] (monitors' role is their kind).
export function reportParties(report) {
  return objects(report?.parties).filter((p) => typeof p.id === 'string');
}

export function reportMonitors(report) {
  return objects(report?.monitors).filter((m) => typeof m.id === 'string').map((m) => ({ ...m, role: m.role ?? m.kind }));
}

// {mode: 'hindsight'|'known_at', knownAt, laterKnowledge, text}: what the report could know.
export function reportKnowledge(report) {
  const k = isObject(report?.knowledge) ? report.knowledge : {};
  return {
    mode: k.mode === 'known_at' ? 'known_at' : 'hindsight',
    knownAt: text(k.known_at),
    laterKnowledge: Number.isFinite(k.later_knowledge) ? k.later_knowledge : 0,
    text: text(k.text),
  };
}

// {violation, completion, text, own}: the evidence standard an obligation was judged by: its own when it states
// one (own: true), else the report's; null when the report says nothing.
export function evidenceStandard(report, obligation) {
  if (isObject(obligation?.evidence_standard)) return { ...obligation.evidence_standard, own: true };
  if (isObject(report?.evidence_standard)) return { ...report.evidence_standard, own: false };
  return null;
}

// Ignored events in groups: [{reason, obligation (id or null), detail, events: [ids]}]. An older report's flat
// list is grouped the same way.
export function ignoredGroups(report) {
  const events = report?.events ?? {};
  if (Array.isArray(events.ignored_groups)) {
    return objects(events.ignored_groups).map((g) => ({ ...g, events: strings(g.events) }));
  }
  const flat = objects(Array.isArray(events.ignored) ? events.ignored : events.ignored_events);
  const groups = new Map();
  for (const item of flat) {
    const key = JSON.stringify([item.reason, item.obligation ?? null, item.detail ?? null]);
    if (!groups.has(key)) groups.set(key, { reason: item.reason, obligation: item.obligation ?? null, detail: item.detail ?? null, events: [] });
    groups.get(key).events.push(itemEvent(item));
  }
  return [...groups.values()];
}

// Events considered and found not to bear on a verdict: [{obligation, detail, events: [ids]}].
export function notRelevantGroups(report) {
  return objects(report?.events?.not_relevant_groups).map((g) => ({ ...g, events: strings(g.events) }));
}

// [{event, reason, obligation, detail}]: every ignored event, once per reason and obligation.
export function ignoredEvents(report) {
  return ignoredGroups(report).flatMap((g) => g.events.map((event) => ({ event, reason: g.reason, obligation: g.obligation, detail: g.detail })));
}

// {total, used, not_relevant, ignored}: the report's event counts (numbers only).
export function eventCounts(report) {
  const events = report?.events ?? {};
  const source = isObject(events.counts) ? events.counts : events;
  return Object.fromEntries(Object.entries(source).filter(([, v]) => typeof v === 'number'));
}

// {reason: n} for the reasons that ignored at least one event.
export function ignoredByReason(report) {
  const raw = report?.events?.ignored_by_reason;
  return isObject(raw) ? Object.fromEntries(Object.entries(raw).filter(([, n]) => Number.isFinite(n) && n > 0)) : {};
}

export function evidenceParty(item) {
  return item?.party ?? item?.bearer ?? null;
}

// The report's obligations, and the evidence items of one (each names an event and its role): what the charts
// read from a report, besides the as-of instant and ignoredEvents().
export function reportObligations(report) {
  return objects(report?.obligations);
}

export function obligationEvidence(obligation) {
  return objects(obligation?.evidence);
}

// The name readers see: the title, else the id.
export function obligationTitle(obligation) {
  return text(obligation?.title) ?? String(obligation?.id ?? '');
}

// One sentence: the verdict in short.
export function obligationHeadline(obligation) {
  return text(obligation?.headline);
}

// {events: [ids]} when an act charged to no bearer broke a joint obligation, else null.
export function jointBreach(obligation) {
  const j = obligation?.joint_breach;
  return isObject(j) ? { ...j, events: strings(j.events) } : null;
}

// [{kind, ...}]: the branch taken or not, suspensions, extensions, ends, repudiations. The report writes a list;
// an object keyed by kind ({"branch": {...}}) reads the same way.
export function obligationNotices(obligation) {
  const raw = obligation?.notices;
  if (Array.isArray(raw)) return objects(raw).map((n) => ({ ...n, kind: n.kind ?? 'notice' }));
  if (isObject(raw)) {
    return Object.entries(raw).flatMap(([kind, v]) => (Array.isArray(v) ? objects(v) : isObject(v) ? [v] : [])
      .map((n) => ({ kind, ...n })));
  }
  return [];
}

// [{id, label, status, by_bearer: [{party, status}], explanation}]: each reading evaluated in full.
export function obligationReadings(obligation) {
  return objects(obligation?.readings).map((r) => ({ ...r, by_bearer: objects(r.by_bearer) }));
}

// The event id an evidence or ignored-event item refers to.
export function itemEvent(item) {
  return item?.event ?? item?.event_id ?? null;
}

export function reportAsOf(report) {
  return report?.as_of ?? null;
}

// An event's type(s) as one line.
export function eventTypeText(event) {
  if (Array.isArray(event?.types) && event.types.length) return event.types.join(', ');
  return typeof event?.type === 'string' ? event.type : '';
}

// ---- Time -------------------------------------------------------------------------------------------------------

// "+04:00" -> 240; "Z" -> 0; null when malformed.
export function offsetMinutes(offset) {
  if (offset === 'Z' || offset === 'z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(String(offset ?? ''));
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

export function instantMillis(instant) {
  if (typeof instant !== 'string') return NaN;
  // Date.parse reads RFC 3339 with an offset; a date alone is noon UTC here only for placing it on charts.
  if (/^\d{4}-\d{2}-\d{2}$/.test(instant)) return Date.parse(`${instant}T12:00:00Z`);
  return Date.parse(instant);
}

// The wall-clock parts of an instant in a zone given as an offset: {date: 'YYYY-MM-DD', time: 'HH:MM',
// seconds: 'HH:MM:SS'}.
export function wallClock(millis, offset) {
  const minutes = offsetMinutes(offset) ?? 0;
  const shifted = new Date(millis + minutes * 60000).toISOString();
  // `seconds` keeps milliseconds when there are any (an as-of instant at the last millisecond of a day).
  const ms = shifted.slice(19, 23);
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16), seconds: shifted.slice(11, 19) + (ms === '.000' ? '' : ms) };
}

// The offset of IANA zone `zone` at an instant ("+02:00"), from the browser's own time-zone data; null when the
// browser does not know the zone. The engine uses its compiled-in data (docs/zones.md); the two agree on every
// rule in force since 2020 in the zones pactcheck's fixtures use.
const offsetFormats = new Map();
export function zoneOffsetAt(zone, millis) {
  if (typeof zone !== 'string' || zone === '' || !Number.isFinite(millis)) return null;
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      format = null;
    }
    offsetFormats.set(zone, format);
  }
  if (format === null) return null;
  const name = format.formatToParts(new Date(millis)).find((part) => part.type === 'timeZoneName')?.value ?? '';
  if (name === 'GMT') return '+00:00';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? `${m[1]}${m[2]}:${m[3]}` : null;
}

// The instant (epoch milliseconds) whose wall clock in IANA zone `zone` reads `localMillis` (the wall clock
// written as if it were UTC), by the engine's rule (docs/zones.md): a time that occurred twice is the earlier
// instant; a time the clocks jumped over is the moment of the change. Null when the browser does not know the zone.
export function instantInZone(zone, localMillis) {
  const day = 86400000;
  const offsets = new Set([zoneOffsetAt(zone, localMillis - day), zoneOffsetAt(zone, localMillis + day)]);
  if (offsets.has(null)) return null;
  const fits = [...offsets].map((o) => localMillis - offsetMinutes(o) * 60000)
    .filter((u) => offsetMinutes(zoneOffsetAt(zone, u)) * 60000 === localMillis - u);
  if (fits.length > 0) return Math.min(...fits);
  // In a gap: the first instant at the later offset, between the two readings.
  let [low, high] = [...offsets].map((o) => localMillis - offsetMinutes(o) * 60000).sort((a, b) => a - b);
  const later = zoneOffsetAt(zone, high);
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (zoneOffsetAt(zone, mid) === later) high = mid; else low = mid;
  }
  return high;
}

export function zoneLabel(offset) {
  const minutes = offsetMinutes(offset);
  if (minutes === null) return 'UTC';
  return minutes === 0 ? 'UTC' : `UTC${offset}`;
}

// "25 Nov 2020 00:00 (UTC+04:00)" in the agreement's zone; falls back to the text as given.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function formatInstant(instant, offset, { zone = true } = {}) {
  const millis = instantMillis(instant);
  if (Number.isNaN(millis)) return String(instant ?? '');
  const { date, time } = wallClock(millis, offset);
  const [y, mo, d] = date.split('-');
  const text = `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y} ${time}`;
  return zone ? `${text} (${zoneLabel(offset)})` : text;
}

export function formatDay(instant, offset) {
  const millis = instantMillis(instant);
  if (Number.isNaN(millis)) return String(instant ?? '');
  const { date } = wallClock(millis, offset);
  const [y, mo, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`;
}

// A due_before instant (exclusive, 00:00 of the next day) read as the inclusive last day it stands for.
export function formatDueBefore(instant, offset) {
  const millis = instantMillis(instant);
  if (Number.isNaN(millis)) return String(instant ?? '');
  const { time } = wallClock(millis, offset);
  if (time === '00:00') return `end of ${formatDay(new Date(millis - 1).toISOString(), offset)}`;
  return `before ${formatInstant(instant, offset, { zone: false })}`;
}

// ---- Issues -------------------------------------------------------------------------------------------------------

export function issueLocation(issue) {
  const file = issue.file || 'input';
  if (issue.line > 0) return `${file}:${issue.line}:${issue.column}`;
  if (issue.pointer !== undefined && issue.pointer !== null && issue.pointer !== '') return `${file}#${issue.pointer}`;
  return file;
}

export function renderIssues(listNode, issues) {
  clear(listNode);
  for (const issue of issues ?? []) {
    const where = issueLocation(issue);
    listNode.append(el('li', { class: `issue severity-${issue.severity === 'warning' ? 'warning' : 'error'}` },
      el('span', { class: 'issue-severity' }, issue.severity ?? 'error'), ' ',
      el('code', { class: 'issue-where' }, where),
      issue.line > 0 ? el('span', { class: 'visually-hidden' }, ` line ${issue.line}, column ${issue.column}`) : null,
      issue.line > 0 ? null : (issue.pointer ? el('span', { class: 'issue-pointer-note' }, ' (JSON Pointer)') : null),
      ': ', el('span', { class: 'issue-message' }, issue.message ?? ''),
      issue.code ? el('span', { class: 'issue-code' }, ` [${issue.code}]`) : null));
  }
}

// ---- Report views -------------------------------------------------------------------------------------------------

// A party's or monitor's name as people read it (the id when the documents give no name).
export function partyName(ctx, id) {
  if (id === null || id === undefined) return '';
  const name = ctx?.names?.get(id) ?? ctx?.parties?.get(id)?.name;
  return typeof name === 'string' && name !== '' ? name : String(id);
}

export function partyNames(ctx, ids) {
  return strings(ids).map((id) => partyName(ctx, id)).join(', ');
}

// "possible_violation" -> "possible violation".
export function humanise(value) {
  return String(value ?? '').replace(/_/g, ' ');
}

// "3 violated, 1 complied late" from {status: n}, most severe first.
export function countsText(counts) {
  return STATUS_ORDER.filter((s) => Number(counts?.[s]) > 0).map((s) => `${counts[s]} ${statusLabel(s)}`).join(', ');
}

const ROLE_LABELS = {
  non_party_act: 'act by a non-party',
  possible_violation: 'possible violation',
  late_fulfilment: 'late fulfilment',
  out_of_scope: 'out of scope',
  not_covered: 'not covered',
  unilateral_suspension: 'unilateral suspension',
  finding_compliance: 'finding of compliance',
  finding_violation: 'finding of violation',
  object_ceased: 'object ceased',
  reported_total: 'reported total',
  fulfilment_uncertain: 'fulfilment (uncertain)',
};

export function roleLabel(role) {
  return ROLE_LABELS[role] ?? humanise(role);
}

// "46 in the log: 38 used as evidence, 5 not relevant, 3 ignored (1 before start, 3 out of scope)".
export function eventsSentence(report) {
  const counts = eventCounts(report);
  const byReason = Object.entries(ignoredByReason(report)).map(([r, n]) => `${n} ${humanise(r)}`).join(', ');
  const parts = [];
  if (Number.isFinite(counts.used)) parts.push(`${counts.used} used as evidence`);
  const notRelevant = counts.not_relevant ?? counts.irrelevant;
  if (Number.isFinite(notRelevant)) parts.push(`${notRelevant} not relevant`);
  if (Number.isFinite(counts.ignored)) parts.push(`${counts.ignored} ignored${byReason ? ` (${byReason})` : ''}`);
  return `${counts.total ?? '?'} in the log${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

// The report's header, as the text report opens: as of when, with what knowledge, by which standard, and how
// the events were used.
export function renderReportHeader(node, report, ctx) {
  clear(node);
  const knowledge = reportKnowledge(report);
  const standard = evidenceStandard(report, null);
  node.dataset.knowledgeMode = knowledge.mode;
  node.dataset.laterKnowledge = String(knowledge.laterKnowledge);
  const notYet = ignoredByReason(report).not_yet_reported ?? 0;
  const knowledgeLine = knowledge.mode === 'known_at'
    ? [el('strong', {}, `As it could have been known at ${formatInstant(knowledge.knownAt ?? report.as_of, ctx.offset)}`),
      ': only what had been reported by then. ',
      notYet ? `${notYet} ${notYet === 1 ? 'event' : 'events'} reported later ${notYet === 1 ? 'is' : 'are'} left out.`
        : 'No event in the log was reported later.']
    : [el('strong', {}, 'Hindsight'), ': everything in the log about what happened by the as-of instant. ',
      knowledge.laterKnowledge
        ? el('span', { class: 'later-count' }, `${knowledge.laterKnowledge} ${knowledge.laterKnowledge === 1 ? 'event' : 'events'} ` +
          'reported after the as-of instant used (marked "later knowledge" in the evidence).')
        : 'No evidence used was reported after the as-of instant.'];
  const log = report.event_log ?? {};
  append(node, [el('dl', { class: 'report-facts' },
    el('dt', {}, 'As of'), el('dd', { class: 'fact-as-of' }, formatInstant(report.as_of, ctx.offset),
      report.as_of_defaulted ? el('span', { class: 'muted' }, ' (the latest event in the log)') : null),
    el('dt', {}, 'Knowledge'), el('dd', { class: 'fact-knowledge' }, knowledgeLine),
    standard?.text ? [el('dt', {}, 'Evidence standard'), el('dd', { class: 'fact-standard' }, standard.text)] : null,
    el('dt', {}, 'Events'), el('dd', { class: 'fact-events' }, eventsSentence(report),
      text(log.title) ? el('span', { class: 'muted' }, ` · ${log.title}${log.synthetic ? ' (SYNTHETIC)' : ''}`) : null))]);
}

// The summary a reader who has never seen the files understands: per obligation its point, its title and each
// bearer's status by name, and the verdict in one sentence; choosing a title opens its details.
export function renderOverview(leadNode, table, report, ctx, { selected, changes = new Map(), onSelect }) {
  const obligations = reportObligations(report);
  const counts = countsText(statusCounts(report));
  leadNode.textContent = `As of ${formatInstant(report.as_of, ctx.offset)}: ${obligations.length} ` +
    `${obligations.length === 1 ? 'obligation' : 'obligations'}${counts ? `, ${counts}` : ''}.`;
  const tbody = clear(table.tBodies[0]);
  for (const obligation of obligations) {
    const title = obligationTitle(obligation);
    const open = el('button', { type: 'button', class: 'link-button', 'aria-pressed': selected === obligation.id ? 'true' : 'false',
      'aria-label': `Details of point ${obligation.point ?? ''}, ${title}` }, title);
    open.addEventListener('click', () => onSelect(obligation.id));
    const headline = obligationHeadline(obligation);
    const change = changes.get(obligation.id);
    tbody.append(el('tr', { 'data-obligation': obligation.id, 'data-status': obligation.status,
      class: [selected === obligation.id ? 'selected' : '', change ? 'changed' : ''].join(' ').trim() || null },
    el('td', { class: 'point', 'data-label': 'Point' }, String(obligation.point ?? '')),
    el('td', { class: 'title', 'data-label': 'Obligation' }, open, headline ? el('p', { class: 'headline' }, headline) : null),
    el('td', { class: 'overall', 'data-label': 'Status' }, badge(obligation.status),
      change ? el('p', { class: 'change-note' }, `was ${statusLabel(change.from)}`) : null),
    el('td', { class: 'by-bearer-cell', 'data-label': 'By bearer' }, el('ul', { class: 'bearer-statuses' },
      bearerVerdicts(obligation).map((v) => el('li', { 'data-party': v.party, 'data-status': v.status },
        el('span', { class: 'bearer-name' }, partyName(ctx, v.party)), ' ', badge(v.status)))))));
  }
}

export function renderSummary(table, report, ctx) {
  const parties = partySummaries(report);
  const present = new Set(['complied', 'violated', 'pending', 'undetermined']);
  for (const { counts } of parties) {
    for (const [status, n] of Object.entries(counts)) if (Number(n) > 0) present.add(status);
  }
  const statuses = STATUS_ORDER.filter((s) => present.has(s));
  const thead = clear(table.tHead);
  thead.append(el('tr', {}, el('th', { scope: 'col' }, 'Party'),
    statuses.map((s) => el('th', { scope: 'col' }, badge(s))), el('th', { scope: 'col', class: 'total' }, 'Total')));
  const tbody = clear(table.tBodies[0]);
  for (const { party, name, counts } of parties) {
    const total = Object.values(counts).reduce((a, b) => a + (Number(b) || 0), 0);
    const shown = name || partyName(ctx, party);
    tbody.append(el('tr', { 'data-party': party },
      el('th', { scope: 'row' }, el('span', { class: 'party-name' }, shown),
        shown !== party ? el('span', { class: 'party-id' }, ` (${party})`) : null),
      statuses.map((s) => el('td', { class: counts[s] ? 'count' : 'count zero', 'data-status': s }, counts[s] ?? 0)),
      el('td', { class: 'count total' }, total)));
  }
  // The same counts as a list, which narrow screens show instead of the table.
  const listNode = table.closest('section')?.querySelector('.summary-list');
  if (listNode) {
    clear(listNode);
    for (const { party, name, counts } of parties) {
      listNode.append(el('li', { 'data-party': party },
        el('strong', {}, name || partyName(ctx, party)), ': ',
        STATUS_ORDER.filter((s) => Number(counts[s]) > 0).map((s, i) => [i ? ' ' : '', el('span', { class: 'count-item' },
          `${counts[s]} `, badge(s))])));
    }
  }
}

// A deadline as the agreement states it: "25 Nov 2020" for a date, the report's own words otherwise.
export function deadlineText(entry, ctx) {
  const stated = entry?.deadline;
  if (typeof stated === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(stated)) return formatDay(stated, 'Z');
  if (typeof stated === 'string' && stated !== '') return stated;
  if (entry?.due_before) return formatDueBefore(entry.due_before, ctx.offset);
  if (entry?.due_by) return `by ${formatInstant(entry.due_by, ctx.offset, { zone: false })}`;
  return 'none';
}

function deadlineCell(obligation, ctx) {
  const deadline = obligation.deadline;
  if (!isObject(deadline)) return el('span', { class: 'muted' }, 'none');
  const history = objects(deadline.history);
  const amended = history.length > 1;
  return el('div', { class: 'deadline' }, el('span', { class: 'deadline-current' }, deadlineText(deadline, ctx)),
    amended ? el('span', { class: 'amended' }, `amended; originally ${deadlineText(history[0], ctx)}`) : null,
    deadline.against_original ? el('span', { class: 'against-original' }, 'against the original: ',
      badge(deadline.against_original)) : null);
}

export function renderObligations(tbody, report, ctx, { selected, linked, changes, onSelect }) {
  clear(tbody);
  for (const obligation of reportObligations(report)) {
    const id = obligation.id;
    const title = obligationTitle(obligation);
    const isSelected = selected === id;
    const change = changes.get(id);
    const open = el('button', { type: 'button', class: 'link-button', 'aria-pressed': isSelected ? 'true' : 'false',
      'aria-label': `Details of point ${obligation.point ?? ''}, ${title}` }, title);
    open.addEventListener('click', () => onSelect(id));
    const row = el('tr', {
      'data-obligation': id,
      'data-status': obligation.status,
      class: [isSelected ? 'selected' : '', linked.has(id) ? 'linked' : '', change ? 'changed' : ''].join(' ').trim(),
    },
    el('td', { class: 'point', 'data-label': 'Point' }, String(obligation.point ?? '')),
    el('td', { class: 'clause', 'data-label': 'Obligation' }, open,
      title !== id ? el('span', { class: 'obligation-id' }, ` ${id}`) : null,
      el('p', { class: 'clause-text' }, obligation.text ?? '')),
    el('td', { class: 'statuses', 'data-label': 'Status' },
      el('div', { class: 'overall' }, badge(obligation.status)),
      el('ul', { class: 'bearer-badges', 'aria-label': 'Status per bearer' },
        bearerVerdicts(obligation).map((v) => el('li', { 'data-party': v.party, 'data-status': v.status },
          el('span', { class: 'bearer-name' }, partyName(ctx, v.party)), ' ', badge(v.status)))),
      change ? el('p', { class: 'change-note' }, `was ${statusLabel(change.from)}`) : null),
    el('td', { class: 'deadline-cell', 'data-label': 'Deadline' }, deadlineCell(obligation, ctx)),
    el('td', { class: 'disputed', 'data-label': 'Disputed' },
      obligation.disputed ? el('span', { class: 'flag-disputed', title: 'The verdict rests only on allegations the accused side denies, and no monitor observed them' }, 'disputed')
        : el('span', { class: 'muted' }, 'no')));
    row.addEventListener('click', (event) => {
      if (event.target.closest('button, a')) return;
      onSelect(id);
    });
    tbody.append(row);
  }
}

function describeQuantity(q, ctx) {
  const amount = Number.isFinite(q.min) && Number.isFinite(q.max) && q.value === undefined ? `${q.min}-${q.max}` : `${q.value ?? '?'}`;
  const parts = [`${amount} ${q.unit ?? ''}`.trim(), q.category ?? ''];
  if (q.basis && q.basis !== 'increment') parts.push(`(${humanise(q.basis)})`);
  const side = (v) => (Array.isArray(v) ? v.map((x) => partyName(ctx, x)).join(' or ') : partyName(ctx, v));
  if (q.from || q.to) parts.push(`${q.from ? side(q.from) : '?'} → ${q.to ? side(q.to) : '?'}`);
  return parts.filter(Boolean).join(' ') + (q.note ? `: ${q.note}` : '');
}

function describeTime(event, ctx) {
  const base = formatInstant(event.time, ctx.offset);
  if (event.precision === 'day' || /^\d{4}-\d{2}-\d{2}$/.test(String(event.time ?? ''))) {
    return `${formatDay(event.time, ctx.offset)} (day known, not the time)`;
  }
  if (event.precision === 'range' && event.latest) return `${base} to ${formatInstant(event.latest, ctx.offset)}`;
  return base;
}

function list(label, values, ctx) {
  if (!Array.isArray(values) || values.length === 0) return null;
  return [el('dt', {}, label), el('dd', {}, partyNames(ctx, values))];
}

// "Syrian Arab Army (Syrian government forces), alleged by Republic of Turkey": one actor with its own accusers.
function describeActor(actor, ctx) {
  const side = actor.party ? partyName(ctx, actor.party) : actor.non_party ? 'not a party' : null;
  const bits = [];
  if (actor.role) bits.push(humanise(actor.role));
  if (actor.avowed) bits.push('avowed: the party acknowledges and defends the act');
  if (strings(actor.alleged_by).length) bits.push(`alleged by ${partyNames(ctx, actor.alleged_by)}`);
  if (strings(actor.denied_by).length) bits.push(`denied by ${partyNames(ctx, actor.denied_by)}`);
  if (strings(actor.observed_by).length) bits.push(`observed by ${partyNames(ctx, actor.observed_by)}`);
  return `${actor.name ?? '?'}${side && side !== actor.name ? ` (${side})` : ''}${bits.length ? `; ${bits.join('; ')}` : ''}`;
}

// What the documents say about the actor an act was charged for: its party, and whether it bears the obligation.
function actorStanding(actorName, event, obligation, ctx) {
  const actor = objects(event?.actors).find((a) => a.name === actorName) ?? ctx.actors?.get(actorName) ?? null;
  const bearers = new Set(strings(obligation?.bearers));
  if (actor?.non_party) return 'not a party';
  if (actor?.party) return bearers.has(actor.party) ? partyName(ctx, actor.party) : `${partyName(ctx, actor.party)}, not a bearer`;
  return 'not a bearer';
}

// The lines an evidence item adds to its event: who the act is charged to and under which rule, for whose act;
// the open point it leaves; and whether it became known only after the as-of instant.
function evidenceLines(item, event, obligation, ctx) {
  if (!item) return [];
  const lines = [];
  const bearer = evidenceParty(item);
  const rule = text(item.rule);
  const actor = text(item.actor);
  // A bearer's own act needs no line (its role says whose it is); one charged under a rule, for another actor's
  // act, or to no bearer does.
  if (rule || actor || (!bearer && item.role === 'non_party_act')) {
    const ruleDef = rule ? ctx.rules?.get(rule) : null;
    lines.push(el('p', { class: 'charge' },
      el('span', { class: 'fact-label' }, 'Charged to '),
      bearer ? el('strong', {}, partyName(ctx, bearer)) : el('strong', {}, 'no bearer'),
      rule ? [' under the responsibility rule ', el('code', { class: 'rule' }, rule),
        ruleDef?.text ? el('span', { class: 'rule-text' }, ` (${ruleDef.text})`) : null] : null,
      actor ? [', for an act by ', el('span', { class: 'actor' }, actor), ' ',
        el('span', { class: 'flag-nonbearer' }, actorStanding(actor, event, obligation, ctx))]
        : rule ? [', for an act by an actor who is ', el('span', { class: 'flag-nonbearer' }, 'not a bearer')] : null));
  }
  if (text(item.uncertain)) lines.push(el('p', { class: 'open-point' }, el('span', { class: 'fact-label' }, 'Open point: '), item.uncertain));
  if (item.later_knowledge) {
    lines.push(el('p', { class: 'later-knowledge' }, el('span', { class: 'fact-label' }, 'Later knowledge: '),
      event?.reported ? `reported ${formatInstant(event.reported, ctx.offset)}, ` : 'reported ',
      'after the as-of instant; a report written then could not have used it.'));
  }
  return lines;
}

function describeFinding(f, ctx) {
  const about = f.event ? `about ${f.event}` : f.obligation ? `about ${f.obligation}${f.from ? ` from ${formatInstant(f.from, ctx.offset, { zone: false })}` : ''}${f.to ? ` to ${formatInstant(f.to, ctx.offset, { zone: false })}` : ''}` : '';
  const what = Object.entries(f).filter(([k]) => !['by', 'event', 'obligation', 'from', 'to', 'note'].includes(k))
    .map(([k, v]) => `${humanise(k)}: ${Array.isArray(v) ? v.map((x) => partyName(ctx, x)).join(', ') : typeof v === 'object' ? JSON.stringify(v) : v}`);
  return `${partyName(ctx, f.by)} ${about}${what.length ? `: ${what.join('; ')}` : ''}${f.note ? ` (${f.note})` : ''}`;
}

// One event, as a monitor reads it: when, where, who, how many, who says so, and the sources; as evidence, with
// its role, standing, charge, open point and later-knowledge mark.
export function renderEvent(event, ctx, { evidence, obligation, excluded, onToggleExclude, onSelectEvent } = {}) {
  if (!event) return el('p', { class: 'muted' }, 'This event is not in the loaded log.');
  const attribution = event.attribution ?? {};
  const role = evidence?.role;
  const bearer = evidenceParty(evidence);
  const standing = text(evidence?.standing);
  const header = el('div', { class: 'event-head' },
    el('button', { type: 'button', class: 'link-button event-id', 'aria-label': `Show event ${event.id} on the charts` }, event.id),
    ' ', el('span', { class: 'event-type' }, eventTypeText(event)),
    role ? el('span', { class: `role role-${String(role).replace(/[^a-z_]/g, '')}` }, bearer ? `${roleLabel(role)} (${partyName(ctx, bearer)})` : roleLabel(role)) : null,
    standing ? el('span', { class: `standing standing-${standing.replace(/[^a-z_]/g, '')}`, title: 'How the charge stands' }, standing) : null,
    evidence?.later_knowledge ? el('span', { class: 'later-knowledge-mark', title: 'Reported after the as-of instant' }, 'later knowledge') : null);
  header.querySelector('button').addEventListener('click', () => onSelectEvent?.(event.id));
  const why = text(evidence?.note) ? el('p', { class: 'evidence-note' }, evidence.note) : null;
  const details = el('dl', { class: 'event-facts' },
    el('dt', {}, 'When'), el('dd', {}, describeTime(event, ctx)),
    event.end || event.ongoing ? [el('dt', {}, 'Until'), el('dd', {}, event.ongoing ? 'still going on' : formatInstant(event.end, ctx.offset))] : null,
    event.reported ? [el('dt', {}, 'Reported'), el('dd', {}, formatInstant(event.reported, ctx.offset),
      ctx.asOfMillis !== undefined && instantMillis(event.reported) > ctx.asOfMillis ? el('span', { class: 'after-as-of' }, ' (after the as-of instant)') : null)] : null,
    isObject(event.where) ? [el('dt', {}, 'Where'), el('dd', {}, event.where.name ?? '',
      Number.isFinite(event.where.lat) && Number.isFinite(event.where.lon)
        ? ` (${event.where.lat.toFixed(3)}, ${event.where.lon.toFixed(3)}${event.where.approximate ? ', approximate' : ''}` +
          `${Number.isFinite(event.where.uncertainty_km) ? `, ±${event.where.uncertainty_km} km` : ''})` : '')] : null,
    objects(event.actors).length
      ? [el('dt', {}, 'Actors'), el('dd', {}, objects(event.actors).map((a) => describeActor(a, ctx)).join(' · '))] : null,
    event.target ? [el('dt', {}, 'Target'), el('dd', {}, event.target)] : null,
    event.subject ? [el('dt', {}, 'Subject'), el('dd', {}, event.subject)] : null,
    event.grade ? [el('dt', {}, 'Grade'), el('dd', {}, event.grade)] : null,
    objects(event.quantities).length
      ? [el('dt', {}, 'Quantities'), el('dd', {}, el('ul', {}, objects(event.quantities).map((q) => el('li', {}, describeQuantity(q, ctx)))))] : null,
    attribution.basis ? [el('dt', {}, 'Basis'), el('dd', {}, attribution.basis)] : null,
    list('Alleged by', attribution.alleged_by, ctx),
    list('Denied by', attribution.denied_by, ctx),
    list('Observed by', attribution.observed_by, ctx),
    objects(event.claims).length ? [el('dt', {}, 'Claims'), el('dd', {}, objects(event.claims)
      .map((c) => `${partyName(ctx, c.by)} claims ${c.exception ?? '?'}`).join('; '))] : null,
    objects(event.finds).length ? [el('dt', {}, 'Findings'), el('dd', {}, objects(event.finds).map((f) => describeFinding(f, ctx)).join('; '))] : null,
    objects(event.effects).length ? [el('dt', {}, 'Effects'), el('dd', {}, objects(event.effects)
      .map((f) => `${humanise(f.kind)}${f.obligation ? ` of ${f.obligation}` : ''}${f.party ? ` by ${partyName(ctx, f.party)}` : ''}` +
        `${strings(f.agreed_by).length ? `, agreed by ${partyNames(ctx, f.agreed_by)}` : ''}`).join('; '))] : null,
    event.notes ? [el('dt', {}, 'Notes'), el('dd', { class: 'event-notes' }, event.notes)] : null,
    objects(event.sources).length
      ? [el('dt', {}, 'Sources'), el('dd', {}, el('ul', { class: 'sources' }, objects(event.sources).map((s) => el('li', {},
        sourceLink(s.url, s.title || s.url || 'source'),
        s.publisher ? el('span', { class: 'muted' }, ` · ${s.publisher}`) : null,
        s.date ? el('span', { class: 'muted' }, ` · ${s.date}`) : null))))] : null);
  let toggle = null;
  if (onToggleExclude) {
    toggle = el('button', { type: 'button', class: 'exclude-toggle', 'aria-pressed': excluded ? 'true' : 'false',
      'data-event': event.id },
    excluded ? `Put ${event.id} back` : `What if ${event.id} had not happened? Leave it out`);
    toggle.addEventListener('click', () => onToggleExclude(event.id));
  }
  const classes = ['event', excluded ? 'excluded' : '', evidence?.later_knowledge ? 'later' : ''].filter(Boolean).join(' ');
  return el('article', { class: classes, 'data-event': event.id, 'data-role': role ?? null, 'data-standing': standing },
    header, why, evidenceLines(evidence, event, obligation, ctx), details, toggle);
}

export function renderEventDetail(container, event, report, ctx, handlers) {
  clear(container);
  const uses = [];
  for (const obligation of reportObligations(report)) {
    for (const item of obligationEvidence(obligation)) {
      if (itemEvent(item) === event?.id) uses.push({ obligation, item });
    }
  }
  const ignored = ignoredEvents(report).filter((i) => i.event === event?.id);
  const notRelevant = notRelevantGroups(report).filter((g) => g.events.includes(event?.id));
  const obligationName = (id) => {
    const o = reportObligations(report).find((x) => x.id === id);
    return o ? obligationTitle(o) : id;
  };
  append(container, [el('h3', {}, `Event ${event?.id ?? ''}`),
    renderEvent(event, ctx, { excluded: ctx.excluded.has(event?.id), ...handlers }),
    el('h4', {}, uses.length ? 'Evidence for' : 'Not used as evidence'),
    uses.length ? el('ul', { class: 'event-uses' }, uses.map(({ obligation, item }) => {
      const b = el('button', { type: 'button', class: 'link-button' }, `${obligationTitle(obligation)} (point ${obligation.point ?? ''})`);
      b.addEventListener('click', () => handlers.onSelect(obligation.id));
      return el('li', {}, b, ` as ${roleLabel(item.role)}${evidenceParty(item) ? ` of ${partyName(ctx, evidenceParty(item))}` : ''}` +
        `${item.standing ? ` (${item.standing})` : ''}; `, badge(obligation.status));
    })) : null,
    ignored.length ? el('ul', {}, ignored.map((i) => el('li', {},
      `ignored: ${humanise(i.reason)}${i.obligation ? ` for ${obligationName(i.obligation)}` : ''}${i.detail ? `: ${i.detail}` : ''}`))) : null,
    notRelevant.length ? el('ul', {}, notRelevant.map((g) => el('li', {},
      `not relevant${g.obligation ? ` to ${obligationName(g.obligation)}` : ''}${g.detail ? `: ${g.detail}` : ''}`))) : null]);
}

// Every event accounted for: the counts, then each group of ignored and not-relevant events with its reason.
export function renderAccounting(summaryNode, listNode, report, ctx, { onSelectEvent } = {}) {
  summaryNode.replaceChildren(document.createTextNode(`Events: ${eventsSentence(report)}.`));
  clear(listNode);
  const obligationName = (id) => {
    const o = reportObligations(report).find((x) => x.id === id);
    return o ? obligationTitle(o) : id;
  };
  // At most MAX_LISTED * 5 event ids in all (a large log ignores tens of thousands); the export lists every one.
  let budget = MAX_LISTED * 5;
  const groupItem = (g, label) => {
    const shown = g.events.slice(0, Math.max(0, budget));
    budget -= shown.length;
    return el('li', { class: 'event-group', 'data-reason': g.reason ?? 'not_relevant' },
      el('strong', {}, label), g.obligation ? ` (${obligationName(g.obligation)})` : '', `, ${g.events.length}: `,
      shown.map((id, i) => {
        const b = el('button', { type: 'button', class: 'link-button event-ref', 'data-event': id }, id);
        b.addEventListener('click', () => onSelectEvent?.(id));
        return [i ? ', ' : '', b];
      }),
      g.events.length > shown.length ? el('span', { class: 'muted' }, ` and ${g.events.length - shown.length} more (the exported report lists all)`) : null,
      g.detail ? el('p', { class: 'group-detail muted' }, g.detail) : null);
  };
  for (const g of ignoredGroups(report)) listNode.append(groupItem(g, `ignored: ${humanise(g.reason)}`));
  for (const g of notRelevantGroups(report)) listNode.append(groupItem(g, 'not relevant'));
  if (!listNode.firstChild) listNode.append(el('li', { class: 'muted' }, 'Every event was used as evidence.'));
}

// Obligations (and bearers) whose verdict differs between the baseline and the what-if report.
export function verdictChanges(baseline, current) {
  const changes = new Map();
  if (!baseline || !current) return changes;
  const before = new Map(reportObligations(baseline).map((o) => [o.id, o]));
  for (const o of reportObligations(current)) {
    const b = before.get(o.id);
    if (!b) continue;
    const bearers = [];
    for (const verdict of bearerVerdicts(o)) {
      const was = bearerStatus(b, verdict.party);
      if (was && was !== verdict.status) bearers.push({ party: verdict.party, from: was, to: verdict.status });
    }
    if (b.status !== o.status || bearers.length) changes.set(o.id, { from: b.status, to: o.status, bearers });
  }
  return changes;
}
