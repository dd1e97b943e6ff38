// The timeline chart and the map, both plain SVG built from the documents: no tiles, no fonts, no network.
// Both are linked to the obligations table through the callbacks: choosing an event selects it everywhere,
// and the selected obligation's evidence is highlighted here.
import { clear, formatDay, formatInstant, ignoredEvents, instantMillis, svg } from './render.mjs';

// Above this many events, the charts draw densities (counts per small cell) instead of one dot per event, and
// keep individual, focusable dots for the selected event and the selected obligation's evidence only (at most
// MAX_LINKED_DOTS of them). Tens of thousands of SVG nodes would make the page unresponsive.
export const MAX_DOTS = 1500;
const MAX_LINKED_DOTS = 400;

// Event roles that mark a violation (drawn red); other evidence roles are drawn as evidence.
const VIOLATION_ROLES = new Set(['violation', 'breach', 'late_completion', 'over_cap']);

// For each event id: 'violation' if any obligation used it as a violation, 'evidence' if used otherwise,
// 'ignored' if the report ignored it, else 'other'.
export function eventRoles(report) {
  const roles = new Map();
  for (const obligation of report?.obligations ?? []) {
    for (const item of obligation.evidence ?? []) {
      const role = VIOLATION_ROLES.has(item.role) || /violat/.test(String(item.role)) ? 'violation' : 'evidence';
      if (roles.get(item.event) !== 'violation') roles.set(item.event, role);
    }
  }
  for (const item of ignoredEvents(report)) {
    if (!roles.has(item.event)) roles.set(item.event, item.reason === 'excluded' ? 'excluded' : 'ignored');
  }
  return roles;
}

function focusable(node, label, onActivate) {
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

export function renderTimeline(container, { events, timeline, report, ctx, selectedEvent, linkedEvents, onSelectEvent }) {
  clear(container);
  // Drawn at the container's own width (1 unit = 1 CSS pixel, so labels stay legible on a phone).
  const width = Math.max(340, Math.min(1400, Math.round(container.clientWidth || 1000)));
  const height = 250;
  const left = 20;
  const right = 20;
  const axisY = 215;
  const points = [];
  for (const event of events) {
    const t = instantMillis(event.time);
    if (!Number.isNaN(t)) points.push({ t, event });
  }
  const deadlines = (timeline ?? []).filter((p) => p.kind === 'deadline')
    .map((p) => ({ t: instantMillis(p.instant), point: p })).filter((d) => !Number.isNaN(d.t));
  const asOf = instantMillis(report?.as_of);
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

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'timeline-svg', role: 'group',
    'aria-label': `Timeline of ${points.length} events and ${deadlines.length} deadlines` });
  root.append(svg('title', {}, 'Timeline of events and deadlines'));

  // Month ticks (or year ticks over long spans).
  const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
  axis.append(svg('line', { x1: left, x2: width - right, y1: axisY, y2: axisY }));
  const span = t1 - t0;
  const start = new Date(t0);
  const yearly = span > 3 * 365 * 86400000;
  let tick = yearly ? Date.UTC(start.getUTCFullYear() + 1, 0, 1) : Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  const maxLabels = Math.max(3, Math.floor(width / 80));
  const labelEvery = Math.max(1, Math.ceil((yearly ? span / (365 * 86400000) : span / (30 * 86400000)) / maxLabels));
  for (let i = 0; tick < t1 && i < 400; i += 1) {
    const tx = x(tick);
    axis.append(svg('line', { x1: tx, x2: tx, y1: axisY, y2: axisY + 5 }));
    if (i % labelEvery === 0) {
      axis.append(svg('text', { x: tx, y: axisY + 18, 'text-anchor': 'middle' },
        yearly ? String(new Date(tick).getUTCFullYear()) : formatDay(new Date(tick).toISOString(), 'Z').replace(/^1 /, '')));
    }
    const d = new Date(tick);
    tick = yearly ? Date.UTC(d.getUTCFullYear() + 1, 0, 1) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  root.append(axis);

  // Deadlines: dashed verticals, labelled with the obligation id.
  const dl = svg('g', { class: 'deadlines' });
  deadlines.forEach((d, i) => {
    const dx = x(d.t);
    const g = svg('g', { class: 'deadline-mark' },
      svg('title', {}, `Deadline ${d.point.id}: ${formatInstant(d.point.instant, ctx.offset)}`),
      svg('line', { x1: dx, x2: dx, y1: 14, y2: axisY }),
      svg('text', { x: dx + 3, y: 12 + (i % 4) * 11, class: 'deadline-label' }, String(d.point.id)));
    dl.append(g);
  });
  root.append(dl);

  // As-of line.
  if (!Number.isNaN(asOf)) {
    const ax = x(asOf);
    root.append(svg('g', { class: 'asof-mark' },
      svg('title', {}, `As of ${formatInstant(report.as_of, ctx.offset)}`),
      svg('line', { x1: ax, x2: ax, y1: 4, y2: axisY }),
      svg('text', { x: ax + 3, y: axisY - 4 }, 'as of')));
  }

  // Events: three lanes (violations, other evidence, the rest), dodged so close events do not overlap.
  const lanes = { violation: 70, evidence: 120, excluded: 170, ignored: 170, other: 170 };
  const laneLabel = svg('g', { class: 'lane-labels', 'aria-hidden': 'true' },
    svg('text', { x: left, y: lanes.violation - 22 }, 'violations'),
    svg('text', { x: left, y: lanes.evidence - 22 }, 'other evidence'),
    svg('text', { x: left, y: lanes.other - 22 }, 'not used'));
  root.append(laneLabel);
  points.sort((a, b) => a.t - b.t);
  const dense = points.length > MAX_DOTS;
  if (dense) {
    // Counts per 4-pixel column in each lane, drawn as bars.
    const bins = new Map();
    for (const { t, event } of points) {
      const role = roles.get(event.id) ?? 'other';
      const key = `${role === 'violation' ? 'violation' : role === 'evidence' ? 'evidence' : 'other'}:${Math.floor(x(t) / 4)}`;
      bins.set(key, (bins.get(key) ?? 0) + 1);
    }
    const most = Math.max(...bins.values());
    const bars = svg('g', { class: 'density', 'aria-hidden': 'true' });
    for (const [key, n] of bins) {
      const [role, column] = key.split(':');
      const h = 4 + 36 * (Math.log(n + 1) / Math.log(most + 1));
      bars.append(svg('rect', { x: Number(column) * 4, y: lanes[role] + 18 - h, width: 4, height: h, class: `bar role-${role}` },
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
    const cx = x(t);
    const bucket = `${role}:${Math.round(cx / 9)}`;
    const n = used.get(bucket) ?? 0;
    used.set(bucket, n + 1);
    const cy = lanes[role] + ((n % 5) - 2) * 8;
    const classes = ['event-dot', `role-${role}`];
    if (isSelected) classes.push('selected');
    if (isLinked) classes.push('linked');
    const dot = svg('circle', { cx, cy, r: isSelected ? 7 : 5, class: classes.join(' '), 'data-event': event.id });
    dot.append(svg('title', {}, `${event.id} · ${event.type ?? ''} · ${formatInstant(event.time, ctx.offset)}${event.where?.name ? ` · ${event.where.name}` : ''}`));
    focusable(dot, `Event ${event.id}, ${event.type ?? ''}, ${formatDay(event.time, ctx.offset)}, ${role}`,
      () => onSelectEvent(event.id));
    dots.append(dot);
  }
  if (dense) {
    root.append(svg('text', { x: width - right, y: 12, 'text-anchor': 'end', class: 'dense-note' },
      `${points.length} events shown as counts; dots for the selection only`));
  }
  root.append(dots);
  container.append(root);
}

// ---- Map ------------------------------------------------------------------------------------------------------------

function eachPosition(geometry, visit) {
  if (!geometry || typeof geometry !== 'object') return;
  const c = geometry.coordinates;
  const ring = (r) => Array.isArray(r) && r.forEach((p) => Array.isArray(p) && visit(p[0], p[1]));
  switch (geometry.type) {
    case 'Point': if (Array.isArray(c)) visit(c[0], c[1]); break;
    case 'LineString': ring(c); break;
    case 'MultiLineString': case 'Polygon': (c ?? []).forEach(ring); break;
    case 'MultiPolygon': (c ?? []).forEach((poly) => (poly ?? []).forEach(ring)); break;
    default: break;
  }
}

function pathData(geometry, project) {
  const c = geometry?.coordinates;
  const line = (r, close) => {
    if (!Array.isArray(r)) return '';
    const parts = r.filter((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]))
      .map((p, i) => {
        const [px, py] = project(p[0], p[1]);
        return `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`;
      });
    return parts.join('') + (close && parts.length ? 'Z' : '');
  };
  switch (geometry?.type) {
    case 'LineString': return line(c, false);
    case 'MultiLineString': return (c ?? []).map((r) => line(r, false)).join('');
    case 'Polygon': return (c ?? []).map((r) => line(r, true)).join('');
    case 'MultiPolygon': return (c ?? []).flatMap((poly) => (poly ?? []).map((r) => line(r, true))).join('');
    default: return '';
  }
}

// Returns the events that fall outside the drawn extent, so the page can list them.
export function renderMap(container, { agreement, events, report, selectedEvent, linkedEvents, onSelectEvent, ctx }) {
  clear(container);
  const width = 600;
  const height = 460;
  const areas = Array.isArray(agreement?.areas) ? agreement.areas : [];
  const lines = Array.isArray(agreement?.lines) ? agreement.lines : [];
  const located = events.filter((e) => Number.isFinite(e.where?.lat) && Number.isFinite(e.where?.lon) &&
    Math.abs(e.where.lat) <= 90 && Math.abs(e.where.lon) <= 180);

  // The extent is the agreement's own geometry (where the obligations apply) and the events near it; events
  // far away (a departure airfield, a signing in another capital) are listed beside the map instead of
  // shrinking the region to a dot.
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (lon, lat) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
  };
  [...areas, ...lines].forEach((f) => eachPosition(f.geometry, grow));
  if (Number.isFinite(minLon)) {
    const margin = Math.max(3, maxLon - minLon, maxLat - minLat);
    const [a, b, c, d] = [minLon - margin, maxLon + margin, minLat - margin, maxLat + margin];
    located.filter((e) => e.where.lon >= a && e.where.lon <= b && e.where.lat >= c && e.where.lat <= d)
      .forEach((e) => grow(e.where.lon, e.where.lat));
  } else {
    located.forEach((e) => grow(e.where.lon, e.where.lat));
  }
  if (!Number.isFinite(minLon)) {
    container.append(document.createTextNode('Nothing to draw: the agreement has no areas or lines and no event has a location.'));
    return [];
  }
  const padLon = Math.max((maxLon - minLon) * 0.08, 0.2);
  const padLat = Math.max((maxLat - minLat) * 0.08, 0.2);
  minLon -= padLon; maxLon += padLon; minLat -= padLat; maxLat += padLat;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * kx;
  const spanY = maxLat - minLat;
  const scale = Math.min(width / spanX, height / spanY);
  const ox = (width - spanX * scale) / 2;
  const oy = (height - spanY * scale) / 2;
  const project = (lon, lat) => [ox + (lon - minLon) * kx * scale, oy + (maxLat - lat) * scale];
  const inside = (e) => e.where.lon >= minLon && e.where.lon <= maxLon && e.where.lat >= minLat && e.where.lat <= maxLat;

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'map-svg', role: 'group',
    'aria-label': `Map of ${areas.length} areas, ${lines.length} lines and the events with a location` });
  root.append(svg('title', {}, 'Map of the agreement\'s areas and lines, and events'));
  root.append(svg('rect', { x: 0, y: 0, width, height, class: 'map-bg' }));

  // Graticule every degree (or half degree on small extents), labelled, so distances can be judged.
  const step = maxLon - minLon > 4 ? 1 : 0.5;
  const grid = svg('g', { class: 'graticule', 'aria-hidden': 'true' });
  for (let lon = Math.ceil(minLon / step) * step; lon <= maxLon; lon += step) {
    const [gx] = project(lon, 0);
    grid.append(svg('line', { x1: gx, x2: gx, y1: 0, y2: height }),
      svg('text', { x: gx + 2, y: height - 4 }, `${lon.toFixed(1)}°E`));
  }
  for (let lat = Math.ceil(minLat / step) * step; lat <= maxLat; lat += step) {
    const [, gy] = project(0, lat);
    grid.append(svg('line', { x1: 0, x2: width, y1: gy, y2: gy }),
      svg('text', { x: 2, y: gy - 2 }, `${lat.toFixed(1)}°N`));
  }
  root.append(grid);

  const shapes = svg('g', { class: 'areas' });
  for (const [index, area] of areas.entries()) {
    const d = pathData(area.geometry, project);
    if (!d) continue;
    shapes.append(svg('path', { d, class: `area area-${index % 5}${area.approximate ? ' approximate' : ''}`, 'data-area': area.id },
      svg('title', {}, `${area.name ?? area.id}${area.approximate ? ' (approximate)' : ''}${area.note ? `: ${area.note}` : ''}`)));
  }
  root.append(shapes);
  const strokes = svg('g', { class: 'lines' });
  for (const line of lines) {
    const d = pathData(line.geometry, project);
    if (!d) continue;
    strokes.append(svg('path', { d, class: `line${line.approximate ? ' approximate' : ''}`, 'data-line': line.id },
      svg('title', {}, `${line.name ?? line.id}${line.approximate ? ' (approximate)' : ''}`)));
  }
  root.append(strokes);

  const roles = eventRoles(report);
  const dots = svg('g', { class: 'events' });
  const offMap = [];
  const dense = located.length > MAX_DOTS;
  const cells = new Map();
  let linkedDrawn = 0;
  for (const event of located) {
    if (!inside(event)) { offMap.push(event); continue; }
    const [cx, cy] = project(event.where.lon, event.where.lat);
    const role = roles.get(event.id) ?? 'other';
    const isSelected = event.id === selectedEvent;
    const isLinked = linkedEvents.has(event.id);
    if (dense) {
      const key = `${Math.floor(cx / 8)}:${Math.floor(cy / 8)}`;
      const cell = cells.get(key) ?? { n: 0, violation: false };
      cell.n += 1;
      cell.violation ||= role === 'violation';
      cells.set(key, cell);
      if (!isSelected && !(isLinked && linkedDrawn < MAX_LINKED_DOTS)) continue;
      if (isLinked) linkedDrawn += 1;
    }
    const classes = ['event-dot', `role-${role}`];
    if (isSelected) classes.push('selected');
    if (isLinked) classes.push('linked');
    const dot = svg('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: isSelected ? 8 : 5.5,
      class: classes.join(' '), 'data-event': event.id });
    dot.append(svg('title', {}, `${event.id} · ${event.type ?? ''} · ${event.where.name ?? ''}${event.where.approximate ? ' (approximate)' : ''} · ${formatDay(event.time, ctx.offset)}`));
    focusable(dot, `Event ${event.id} at ${event.where.name ?? 'an unnamed place'}, ${role}`, () => onSelectEvent(event.id));
    dots.append(dot);
  }
  if (dense) {
    const most = Math.max(...[...cells.values()].map((c) => c.n));
    const heat = svg('g', { class: 'density', 'aria-hidden': 'true' });
    for (const [key, cell] of cells) {
      const [i, j] = key.split(':').map(Number);
      const level = Math.ceil(5 * Math.log(cell.n + 1) / Math.log(most + 1));
      heat.append(svg('rect', { x: i * 8, y: j * 8, width: 8, height: 8,
        class: `cell level-${level}${cell.violation ? ' has-violation' : ''}` }, svg('title', {}, `${cell.n} events`)));
    }
    root.append(heat);
    root.append(svg('text', { x: 8, y: 14, class: 'dense-note' }, `${located.length} located events shown as counts per cell`));
  }
  root.append(dots);

  // Scale bar: 50 km (or 20 km) at the map's middle latitude.
  const km = spanX * 111.32 > 200 ? 50 : 20;
  const barPx = (km / 111.32) * scale;
  root.append(svg('g', { class: 'scalebar', 'aria-hidden': 'true' },
    svg('line', { x1: width - 20 - barPx, x2: width - 20, y1: 20, y2: 20 }),
    svg('text', { x: width - 20 - barPx / 2, y: 14, 'text-anchor': 'middle' }, `${km} km`)));
  container.append(root);

  // Legend: which shape is which, and whether it is approximate.
  const swatch = (cls) => svg('svg', { width: 18, height: 12, 'aria-hidden': 'true', class: 'swatch' },
    cls.startsWith('line') ? svg('line', { x1: 1, y1: 6, x2: 17, y2: 6, class: cls }) : svg('rect', { x: 1, y: 1, width: 16, height: 10, class: cls }));
  const legend = document.createElement('ul');
  legend.className = 'map-legend';
  const item = (cls, label) => {
    const li = document.createElement('li');
    li.append(swatch(cls), document.createTextNode(` ${label}`));
    legend.append(li);
  };
  areas.forEach((area, index) => item(`area area-${index % 5}`, `${area.name ?? area.id}${area.approximate ? ' (approximate)' : ''}`));
  lines.forEach((line) => item('line', `${line.name ?? line.id}${line.approximate ? ' (approximate)' : ''}`));
  item('event-dot role-violation', 'event used as a violation');
  item('event-dot role-evidence', 'other evidence');
  item('event-dot role-other', 'not used');
  container.append(legend);
  return offMap;
}
