// The timeline chart (SVG built from the documents), and what it shares with the map (web/map.mjs): the role
// of each event in the report, focusable marks, the density threshold. Both are linked to the obligations table
// through the callbacks: choosing an event selects it everywhere, and the selected obligation's evidence is
// highlighted here. Labels are laid out by web/layout.mjs so that no two overlap, at any width.
import { Occupancy, onWidthChange, textBox, textWidth } from './layout.mjs';
import {
  clear, eventTypeText, formatDay, formatInstant, ignoredEvents, instantMillis, itemEvent, obligationEvidence, reportAsOf,
  reportObligations, svg,
} from './render.mjs';

// Above this many events, the charts draw densities (counts per small cell) instead of one dot per event, and
// keep individual, focusable dots for the selected event and the selected obligation's evidence only (at most
// MAX_LINKED_DOTS of them). Tens of thousands of SVG nodes would make the page unresponsive.
export const MAX_DOTS = 1500;
export const MAX_LINKED_DOTS = 400;

// Event roles that mark a violation (drawn red); other evidence roles are drawn as evidence.
const VIOLATION_ROLES = new Set(['violation', 'breach', 'late_completion', 'over_cap']);

// For each event id: 'violation' if any obligation used it as a violation, 'evidence' if used otherwise,
// 'excluded' or 'ignored' if the report left it out or ignored it; events not in the map are 'other'.
export function eventRoles(report) {
  const roles = new Map();
  for (const obligation of reportObligations(report)) {
    for (const item of obligationEvidence(obligation)) {
      const role = VIOLATION_ROLES.has(item.role) || /violat/.test(String(item.role)) ? 'violation' : 'evidence';
      const id = itemEvent(item);
      if (roles.get(id) !== 'violation') roles.set(id, role);
    }
  }
  for (const item of ignoredEvents(report)) {
    const id = itemEvent(item);
    if (!roles.has(id)) roles.set(id, item.reason === 'excluded' ? 'excluded' : 'ignored');
  }
  return roles;
}

export function focusable(node, label, onActivate) {
  node.setAttribute('tabindex', '0');
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
  node.addEventListener('click', onActivate);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate();
    }
  });
  return node;
}

// ---- Timeline -----------------------------------------------------------------------------------------------------

const LABEL_SIZE = 10; // deadline and as-of labels
const ROW = 14; // height of one row of those labels
const MAX_ROWS = 6;
const LANE = 60; // height of one lane of events
const TEXT_SIZE = 11; // lane and axis labels

const lastTimeline = new WeakMap();

// Deadline and as-of labels go in rows above the lanes: each label takes the first row where it overlaps no
// other (rows are added as needed, up to MAX_ROWS; a label that still fits nowhere is left to its mark's title).
function packTopLabels(items, width, left, right) {
  const rows = [];
  for (const item of items) {
    const w = textWidth(item.text, LABEL_SIZE, item.weight);
    let anchor = 'start';
    let x = item.x + 3;
    if (item.anchor === 'end' || x + w > width - right) { anchor = 'end'; x = item.x - 3; }
    if (anchor === 'end' && x - w < left) { anchor = 'start'; x = left; }
    for (let r = 0; r < MAX_ROWS; r += 1) {
      rows[r] ??= new Occupancy(null, 6);
      const box = textBox(x, 4 + r * ROW + LABEL_SIZE, w, LABEL_SIZE, anchor);
      if (rows[r].free(box)) {
        rows[r].take(box);
        Object.assign(item, { row: r, labelX: x, anchor });
        break;
      }
    }
  }
  return Math.max(1, rows.filter((row) => row.boxes.length > 0).length);
}

export function renderTimeline(container, args) {
  lastTimeline.set(container, args);
  onWidthChange(container, () => {
    const latest = lastTimeline.get(container);
    if (latest && container.isConnected) renderTimeline(container, latest);
  });
  const { events, timeline, report, ctx, selectedEvent, linkedEvents, onSelectEvent } = args;
  clear(container);
  // Drawn at the container's own width (1 unit = 1 CSS pixel, so labels stay legible on a phone).
  const width = Math.max(300, Math.min(1600, Math.round(container.clientWidth || 1000)));
  const left = 12;
  const right = 12;
  const points = [];
  for (const event of events) {
    const t = instantMillis(event.time);
    if (!Number.isNaN(t)) points.push({ t, event });
  }
  const deadlines = (timeline ?? []).filter((p) => p.kind === 'deadline')
    .map((p) => ({ t: instantMillis(p.instant), point: p })).filter((d) => !Number.isNaN(d.t));
  const asOfText = reportAsOf(report);
  const asOf = instantMillis(asOfText);
  const all = [...points.map((p) => p.t), ...deadlines.map((d) => d.t), ...(Number.isNaN(asOf) ? [] : [asOf])];
  if (all.length === 0) {
    container.append(document.createTextNode('No dated events.'));
    return;
  }
  let t0 = Math.min(...all);
  let t1 = Math.max(...all);
  if (t1 - t0 < 86400000) { t0 -= 43200000; t1 += 43200000; }
  const pad = (t1 - t0) * 0.02;
  t0 -= pad; t1 += pad;
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  const roles = eventRoles(report);
  points.sort((a, b) => a.t - b.t);
  const dense = points.length > MAX_DOTS;

  // The labels above the lanes: the as-of instant first (it matters most), then deadlines in time order, then
  // the density note.
  const top = [];
  if (!Number.isNaN(asOf)) top.push({ kind: 'asof', x: x(asOf), text: 'as of', weight: 'bold' });
  for (const d of [...deadlines].sort((a, b) => a.t - b.t)) top.push({ kind: 'deadline', x: x(d.t), text: String(d.point.id), d });
  if (dense) {
    top.push({ kind: 'note', x: width - right, anchor: 'end',
      text: `${points.length} events shown as counts; dots for the selection only` });
  }
  const rows = packTopLabels(top, width, left, right);
  const lanesTop = 8 + rows * ROW;
  const axisY = lanesTop + 3 * LANE + 6;
  const height = axisY + 26;
  const lanes = { violation: lanesTop, evidence: lanesTop + LANE, other: lanesTop + 2 * LANE };
  const laneOf = (role) => (role === 'violation' ? 'violation' : role === 'evidence' ? 'evidence' : 'other');
  const dotY = (lane) => lanes[lane] + 36;

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'timeline-svg', role: 'group',
    'aria-label': `Timeline of ${points.length} events and ${deadlines.length} deadlines` });
  root.append(svg('title', {}, 'Timeline of events and deadlines'));

  // Month ticks (or year ticks over long spans), each label drawn only where it clears the previous one.
  const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
  axis.append(svg('line', { x1: left, x2: width - right, y1: axisY, y2: axisY }));
  const span = t1 - t0;
  const start = new Date(t0);
  const yearly = span > 3 * 365 * 86400000;
  let tick = yearly ? Date.UTC(start.getUTCFullYear() + 1, 0, 1) : Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  const ticks = new Occupancy({ x: 0, y: 0, w: width, h: height }, 10);
  for (let i = 0; tick < t1 && i < 400; i += 1) {
    const tx = x(tick);
    axis.append(svg('line', { x1: tx, x2: tx, y1: axisY, y2: axisY + 5 }));
    const text = yearly ? String(new Date(tick).getUTCFullYear()) : formatDay(new Date(tick).toISOString(), 'Z').replace(/^1 /, '');
    const box = textBox(tx, axisY + 18, textWidth(text, TEXT_SIZE), TEXT_SIZE, 'middle');
    if (ticks.free(box)) {
      ticks.take(box);
      axis.append(svg('text', { x: tx, y: axisY + 18, 'text-anchor': 'middle', class: 'tick-label' }, text));
    }
    const d = new Date(tick);
    tick = yearly ? Date.UTC(d.getUTCFullYear() + 1, 0, 1) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  root.append(axis);

  const labelY = (item) => 4 + item.row * ROW + LABEL_SIZE;
  // Deadlines: dashed verticals from their label down to the axis, labelled with the obligation id.
  const dl = svg('g', { class: 'deadlines' });
  for (const item of top.filter((i) => i.kind === 'deadline')) {
    const { d } = item;
    const y1 = item.row === undefined ? lanesTop : labelY(item) - LABEL_SIZE;
    const g = svg('g', { class: 'deadline-mark' },
      svg('title', {}, `Deadline ${d.point.id}: ${formatInstant(d.point.instant, ctx.offset)}`),
      svg('line', { x1: item.x, x2: item.x, y1, y2: axisY }));
    if (item.row !== undefined) {
      g.append(svg('text', { x: item.labelX, y: labelY(item), 'text-anchor': item.anchor, class: 'deadline-label' }, item.text));
    }
    dl.append(g);
  }
  root.append(dl);

  // As-of line.
  const asOfItem = top.find((i) => i.kind === 'asof');
  if (asOfItem) {
    const g = svg('g', { class: 'asof-mark' },
      svg('title', {}, `As of ${formatInstant(asOfText, ctx.offset)}`),
      svg('line', { x1: asOfItem.x, x2: asOfItem.x, y1: 4, y2: axisY }));
    if (asOfItem.row !== undefined) {
      g.append(svg('text', { x: asOfItem.labelX, y: labelY(asOfItem), 'text-anchor': asOfItem.anchor, class: 'asof-label' }, 'as of'));
    }
    root.append(g);
  }
  const note = top.find((i) => i.kind === 'note');
  if (note?.row !== undefined) {
    root.append(svg('text', { x: note.labelX, y: labelY(note), 'text-anchor': note.anchor, class: 'dense-note' }, note.text));
  }

  // Events: three lanes (violations, other evidence, the rest), each with its name above its dots, dodged so
  // close events do not overlap.
  root.append(svg('g', { class: 'lane-labels', 'aria-hidden': 'true' },
    svg('text', { x: left, y: lanes.violation + 11 }, 'violations'),
    svg('text', { x: left, y: lanes.evidence + 11 }, 'other evidence'),
    svg('text', { x: left, y: lanes.other + 11 }, 'not used')));
  if (dense) {
    // Counts per 4-pixel column in each lane, drawn as bars.
    const bins = new Map();
    for (const { t, event } of points) {
      const key = `${laneOf(roles.get(event.id) ?? 'other')}:${Math.floor(x(t) / 4)}`;
      bins.set(key, (bins.get(key) ?? 0) + 1);
    }
    const most = Math.max(...bins.values());
    const bars = svg('g', { class: 'density', 'aria-hidden': 'true' });
    for (const [key, n] of bins) {
      const [lane, column] = key.split(':');
      const h = 4 + 36 * (Math.log(n + 1) / Math.log(most + 1));
      bars.append(svg('rect', { x: Number(column) * 4, y: dotY(lane) + 18 - h, width: 4, height: h, class: `bar role-${lane}` },
        svg('title', {}, `${n} events`)));
    }
    root.append(bars);
  }
  const used = new Map();
  const dots = svg('g', { class: 'events' });
  let linkedDrawn = 0;
  for (const { t, event } of points) {
    const isSelected = event.id === selectedEvent;
    const isLinked = linkedEvents.has(event.id);
    if (dense && !isSelected && !(isLinked && linkedDrawn < MAX_LINKED_DOTS)) continue;
    if (dense && isLinked) linkedDrawn += 1;
    const role = roles.get(event.id) ?? 'other';
    const lane = laneOf(role);
    const cx = x(t);
    const bucket = `${lane}:${Math.round(cx / 9)}`;
    const n = used.get(bucket) ?? 0;
    used.set(bucket, n + 1);
    const cy = dotY(lane) + ((n % 5) - 2) * 7;
    const classes = ['event-dot', `role-${role}`];
    if (isSelected) classes.push('selected');
    if (isLinked) classes.push('linked');
    const dot = svg('circle', { cx, cy, r: isSelected ? 7 : 5, class: classes.join(' '), 'data-event': event.id });
    dot.append(svg('title', {}, `${event.id} · ${eventTypeText(event)} · ${formatInstant(event.time, ctx.offset)}${event.where?.name ? ` · ${event.where.name}` : ''}`));
    focusable(dot, `Event ${event.id}, ${eventTypeText(event)}, ${formatDay(event.time, ctx.offset)}, ${role}`,
      () => onSelectEvent(event.id));
    dots.append(dot);
  }
  root.append(dots);
  container.append(root);
}
