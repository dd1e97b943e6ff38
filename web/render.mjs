// DOM building for the page. Every piece of text that comes from a document (agreement, event log, report)
// enters the DOM through createTextNode or as an attribute value set with setAttribute on an attribute that
// cannot execute anything; nothing here assigns innerHTML, outerHTML or insertAdjacentHTML, and a link is made
// only for http(s) URLs.

// Long lists (evidence, ignored events) are cut here in the page; exports always hold everything.
const MAX_LISTED = 200;

export const STATUS_ORDER = ['violated', 'undetermined', 'complied_late', 'cured', 'pending', 'suspended',
  'not_triggered', 'complied'];

const STATUS_LABELS = {
  violated: 'violated',
  undetermined: 'undetermined',
  complied_late: 'complied late',
  cured: 'cured',
  pending: 'pending',
  suspended: 'suspended',
  not_triggered: 'not triggered',
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
// Small accessors so that the views depend on the report's documented fields only, whichever of the equivalent
// shapes (an object keyed by party, or a list of objects with a party field) the report uses.

// [{party, status, disputed, explanation}] for each bearer of an obligation, in the obligation's bearer order.
export function bearerVerdicts(obligation) {
  const raw = obligation?.by_bearer;
  let list;
  if (Array.isArray(raw)) list = raw.filter((v) => v && typeof v === 'object').map((v) => ({ ...v, party: v.party ?? v.bearer }));
  else if (raw && typeof raw === 'object') list = Object.entries(raw).map(([party, v]) => ({ ...(v ?? {}), party }));
  else list = [];
  if (list.length === 0) list = (obligation?.bearers ?? []).map((party) => ({ party, status: obligation.status }));
  return list;
}

export function bearerStatus(obligation, party) {
  return bearerVerdicts(obligation).find((v) => v.party === party)?.status;
}

// [{party, name, counts: {status: n}}] from summary.by_party.
export function partySummaries(report) {
  const raw = report?.summary?.by_party;
  if (Array.isArray(raw)) {
    return raw.filter((p) => p && typeof p === 'object').map((p) => ({
      party: p.party ?? p.id, name: p.name, counts: p.by_status ?? p.counts ?? {} }));
  }
  if (raw && typeof raw === 'object') return Object.entries(raw).map(([party, counts]) => ({ party, counts: counts ?? {} }));
  return [];
}

// [{event, reason, obligation?, detail?}]: every event the report ignored.
export function ignoredEvents(report) {
  const events = report?.events ?? {};
  const raw = Array.isArray(events.ignored) ? events.ignored : events.ignored_events;
  return Array.isArray(raw) ? raw.filter((i) => i && typeof i === 'object') : [];
}

// {total, used, ...}: the report's event counts (numbers only).
export function eventCounts(report) {
  const events = report?.events ?? {};
  const source = events.counts && typeof events.counts === 'object' ? events.counts : events;
  return Object.fromEntries(Object.entries(source).filter(([, v]) => typeof v === 'number'));
}

export function evidenceParty(item) {
  return item?.party ?? item?.bearer ?? null;
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

// The wall-clock parts of an instant in a zone given as an offset: {date: 'YYYY-MM-DD', time: 'HH:MM'}.
export function wallClock(millis, offset) {
  const minutes = offsetMinutes(offset) ?? 0;
  const shifted = new Date(millis + minutes * 60000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
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

export function partyName(ctx, id) {
  const party = ctx.parties.get(id);
  return party?.name ? `${party.name} (${id})` : String(id);
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
    tbody.append(el('tr', { 'data-party': party },
      el('th', { scope: 'row' }, el('span', { class: 'party-name' }, name ?? ctx.parties.get(party)?.name ?? ''),
        el('span', { class: 'party-id' }, name || ctx.parties.get(party)?.name ? ` (${party})` : party)),
      statuses.map((s) => el('td', { class: counts[s] ? 'count' : 'count zero', 'data-status': s }, counts[s] ?? 0)),
      el('td', { class: 'count total' }, total)));
  }
  // The same counts as a list, which narrow screens show instead of the table.
  const listNode = table.closest('section')?.querySelector('.summary-list');
  if (listNode) {
    clear(listNode);
    for (const { party, name, counts } of parties) {
      listNode.append(el('li', { 'data-party': party },
        el('strong', {}, name ? `${name} (${party})` : partyName(ctx, party)), ': ',
        STATUS_ORDER.filter((s) => Number(counts[s]) > 0).map((s, i) => [i ? ' ' : '', el('span', { class: 'count-item' },
          `${counts[s]} `, badge(s))])));
    }
  }
}

// A deadline as the agreement states it: "25 Nov 2020" for a date, the report's own words otherwise.
function deadlineText(entry, ctx) {
  const stated = entry?.deadline;
  if (typeof stated === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(stated)) return formatDay(stated, 'Z');
  if (typeof stated === 'string' && stated !== '') return stated;
  if (entry?.due_before) return formatDueBefore(entry.due_before, ctx.offset);
  return 'none';
}

function deadlineCell(obligation, ctx) {
  const deadline = obligation.deadline;
  if (!deadline || typeof deadline !== 'object') return el('span', { class: 'muted' }, 'none');
  const history = Array.isArray(deadline.history) ? deadline.history : [];
  const amended = history.length > 1;
  return el('div', { class: 'deadline' }, el('span', { class: 'deadline-current' }, deadlineText(deadline, ctx)),
    amended ? el('span', { class: 'amended' }, `amended; originally ${deadlineText(history[0], ctx)}`) : null,
    deadline.against_original ? el('span', { class: 'against-original' }, 'against the original: ',
      badge(deadline.against_original)) : null);
}

export function renderObligations(tbody, report, ctx, { selected, linked, changes, onSelect }) {
  clear(tbody);
  for (const obligation of report.obligations ?? []) {
    const id = obligation.id;
    const isSelected = selected === id;
    const change = changes.get(id);
    const open = el('button', { type: 'button', class: 'link-button', 'aria-pressed': isSelected ? 'true' : 'false',
      'aria-label': `Details of point ${obligation.point}, ${id}` }, id);
    open.addEventListener('click', () => onSelect(id));
    const row = el('tr', {
      'data-obligation': id,
      'data-status': obligation.status,
      class: [isSelected ? 'selected' : '', linked.has(id) ? 'linked' : '', change ? 'changed' : ''].join(' ').trim(),
    },
    el('td', { class: 'point', 'data-label': 'Point' }, String(obligation.point ?? '')),
    el('td', { class: 'clause', 'data-label': 'Obligation' }, open,
      el('p', { class: 'clause-text' }, obligation.text ?? '')),
    el('td', { class: 'statuses', 'data-label': 'Status' },
      el('div', { class: 'overall' }, badge(obligation.status)),
      el('ul', { class: 'bearer-badges', 'aria-label': 'Status per bearer' },
        bearerVerdicts(obligation).map((v) => el('li', { 'data-party': v.party, 'data-status': v.status },
          badge(v.status, v.party)))),
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

function describeQuantity(q) {
  const parts = [`${q.value ?? '?'} ${q.unit ?? ''}`.trim(), q.category ?? ''];
  if (q.basis && q.basis !== 'increment') parts.push(`(${q.basis})`);
  if (q.from || q.to) parts.push(`${q.from ?? '?'} → ${q.to ?? '?'}`);
  return parts.filter(Boolean).join(' ') + (q.note ? `: ${q.note}` : '');
}

function describeTime(event, ctx) {
  const base = formatInstant(event.time, ctx.offset);
  if (event.precision === 'day') return `${formatDay(event.time, ctx.offset)} (day known, not the time)`;
  if (event.precision === 'range' && event.latest) return `${base} to ${formatInstant(event.latest, ctx.offset)}`;
  return base;
}

function list(label, values) {
  if (!Array.isArray(values) || values.length === 0) return null;
  return [el('dt', {}, label), el('dd', {}, values.join(', '))];
}

// One event, as a monitor reads it: when, where, who, how many, who says so, and the sources.
export function renderEvent(event, ctx, { role, party, note, excluded, onToggleExclude, onSelectEvent } = {}) {
  if (!event) return el('p', { class: 'muted' }, 'This event is not in the loaded log.');
  const attribution = event.attribution ?? {};
  const header = el('div', { class: 'event-head' },
    el('button', { type: 'button', class: 'link-button event-id', 'aria-label': `Show event ${event.id} on the charts` }, event.id),
    ' ', el('span', { class: 'event-type' }, event.type ?? ''),
    role ? el('span', { class: `role role-${String(role).replace(/[^a-z_]/g, '')}` }, party ? `${role} (${party})` : role) : null);
  header.querySelector('button').addEventListener('click', () => onSelectEvent?.(event.id));
  const why = note ? el('p', { class: 'evidence-note' }, note) : null;
  const details = el('dl', { class: 'event-facts' },
    el('dt', {}, 'When'), el('dd', {}, describeTime(event, ctx)),
    event.where ? [el('dt', {}, 'Where'), el('dd', {}, event.where.name ?? '',
      Number.isFinite(event.where.lat) && Number.isFinite(event.where.lon)
        ? ` (${event.where.lat.toFixed(3)}, ${event.where.lon.toFixed(3)}${event.where.approximate ? ', approximate' : ''})` : '')] : null,
    Array.isArray(event.actors) && event.actors.length
      ? [el('dt', {}, 'Actors'), el('dd', {}, event.actors.map((a) => `${a.name ?? '?'}${a.party ? ` [${a.party}]` : ''}${a.role ? ` (${a.role})` : ''}`).join('; '))] : null,
    event.target ? [el('dt', {}, 'Target'), el('dd', {}, event.target)] : null,
    event.subject ? [el('dt', {}, 'Subject'), el('dd', {}, event.subject)] : null,
    Array.isArray(event.quantities) && event.quantities.length
      ? [el('dt', {}, 'Quantities'), el('dd', {}, el('ul', {}, event.quantities.map((q) => el('li', {}, describeQuantity(q)))))] : null,
    attribution.basis ? [el('dt', {}, 'Basis'), el('dd', {}, attribution.basis)] : null,
    list('Alleged by', attribution.alleged_by),
    list('Denied by', attribution.denied_by),
    list('Observed by', attribution.observed_by),
    event.notes ? [el('dt', {}, 'Notes'), el('dd', { class: 'event-notes' }, event.notes)] : null,
    Array.isArray(event.sources) && event.sources.length
      ? [el('dt', {}, 'Sources'), el('dd', {}, el('ul', { class: 'sources' }, event.sources.map((s) => el('li', {},
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
  return el('article', { class: `event${excluded ? ' excluded' : ''}`, 'data-event': event.id }, header, why, details, toggle);
}

function renderProgress(progress) {
  if (!progress || typeof progress !== 'object') return null;
  const rows = [];
  const walk = (value, label, depth) => {
    if (depth > 4 || rows.length > 200) return;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, label ? `${label} / ${k}` : k, depth + 1);
    } else {
      rows.push(el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, String(value))));
    }
  };
  walk(progress, '', 0);
  if (rows.length === 0) return null;
  return el('table', { class: 'progress' }, el('caption', {}, 'Progress'), el('tbody', {}, rows));
}

function renderHistory(deadline, ctx) {
  const history = Array.isArray(deadline?.history) ? deadline.history : [];
  if (history.length === 0 && !deadline?.deadline) return null;
  return el('div', { class: 'history' }, el('h4', {}, 'Deadline and its history'),
    el('ol', {}, history.map((entry, index) => el('li', { class: index === history.length - 1 ? 'current' : '' },
      el('strong', {}, deadlineText(entry, ctx)),
      entry?.due_before ? el('span', { class: 'muted' }, ` (due before ${formatInstant(entry.due_before, ctx.offset)})`) : null,
      entry?.set_by ? ` · set by ${entry.set_by}` : null,
      entry?.announced ? ` · announced ${formatInstant(entry.announced, ctx.offset)}` : null))),
    history.length === 0 ? el('p', {}, deadlineText(deadline, ctx)) : null,
    deadline.against_original ? el('p', {}, 'Against the original deadline: ', badge(deadline.against_original)) : null);
}

export function renderObligationDetail(container, obligation, ctx, handlers) {
  clear(container);
  append(container, [
    el('h3', {}, `Point ${obligation.point} · ${obligation.id}`),
    el('p', { class: 'muted' }, `${obligation.kind ?? ''} · ${ctx.instruments.get(obligation.instrument)?.title ?? obligation.instrument ?? ''}`),
    el('blockquote', { class: 'clause-full' }, obligation.text ?? ''),
    el('p', { class: 'verdict' }, 'Overall: ', badge(obligation.status),
      obligation.disputed ? el('span', { class: 'flag-disputed' }, 'disputed') : null),
    el('p', { class: 'explanation' }, obligation.explanation ?? ''),
    el('ul', { class: 'by-bearer' }, bearerVerdicts(obligation).map((verdict) => {
      return el('li', { 'data-party': verdict.party }, badge(verdict.status, partyName(ctx, verdict.party)),
        verdict.disputed ? el('span', { class: 'flag-disputed' }, 'disputed') : null,
        verdict.explanation ? el('p', { class: 'bearer-explanation' }, verdict.explanation) : null);
    })),
    obligation.deadline ? renderHistory(obligation.deadline, ctx) : null,
    renderProgress(obligation.progress)]);
  const evidence = Array.isArray(obligation.evidence) ? obligation.evidence : [];
  const excludedHere = [...ctx.excluded].filter((id) => !evidence.some((e) => e.event === id));
  container.append(el('h4', {}, evidence.length ? `Evidence (${evidence.length})` : 'Evidence: none'));
  const items = el('ol', { class: 'evidence' });
  for (const item of evidence.slice(0, MAX_LISTED)) {
    items.append(el('li', {}, renderEvent(ctx.events.get(item.event), ctx, {
      role: item.role, party: evidenceParty(item), note: item.note, excluded: ctx.excluded.has(item.event), ...handlers })));
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

export function renderEventDetail(container, event, report, ctx, handlers) {
  clear(container);
  const uses = [];
  for (const obligation of report.obligations ?? []) {
    for (const item of obligation.evidence ?? []) {
      if (item.event === event?.id) uses.push({ obligation, item });
    }
  }
  const ignored = ignoredEvents(report).filter((i) => i.event === event?.id);
  append(container, [el('h3', {}, `Event ${event?.id ?? ''}`),
    renderEvent(event, ctx, { excluded: ctx.excluded.has(event?.id), ...handlers }),
    el('h4', {}, uses.length ? 'Evidence for' : 'Not used as evidence'),
    uses.length ? el('ul', {}, uses.map(({ obligation, item }) => {
      const b = el('button', { type: 'button', class: 'link-button' }, `${obligation.id} (point ${obligation.point})`);
      b.addEventListener('click', () => handlers.onSelect(obligation.id));
      return el('li', {}, b, ` as ${item.role}${evidenceParty(item) ? ` of ${evidenceParty(item)}` : ''}; `, badge(obligation.status));
    })) : null,
    ignored.length ? el('ul', {}, ignored.map((i) => el('li', {},
      `ignored: ${String(i.reason).replace(/_/g, ' ')}${i.obligation ? ` for ${i.obligation}` : ''}`))) : null]);
}

export function renderAccounting(summaryNode, listNode, report, ctx) {
  const counts = eventCounts(report);
  summaryNode.replaceChildren(document.createTextNode(Object.entries(counts)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`).join(' · ')));
  clear(listNode);
  const ignored = ignoredEvents(report);
  if (ignored.length > MAX_LISTED * 5) {
    listNode.append(el('li', { class: 'muted' }, `The first ${MAX_LISTED * 5} of ${ignored.length}; the exported report lists all.`));
  }
  for (const item of ignored.slice(0, MAX_LISTED * 5)) {
    const event = ctx.events.get(item.event);
    listNode.append(el('li', { 'data-event': String(item.event) },
      el('code', {}, String(item.event)), ` ${event?.type ?? ''}: `,
      el('strong', {}, String(item.reason ?? '').replace(/_/g, ' ')),
      item.obligation ? ` (for ${item.obligation})` : '',
      item.detail ? el('span', { class: 'muted' }, `: ${item.detail}`) : null));
  }
}

// Obligations (and bearers) whose verdict differs between the baseline and the what-if report.
export function verdictChanges(baseline, current) {
  const changes = new Map();
  if (!baseline || !current) return changes;
  const before = new Map((baseline.obligations ?? []).map((o) => [o.id, o]));
  for (const o of current.obligations ?? []) {
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
