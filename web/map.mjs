// The map: country borders and names (Natural Earth, web/basemap.mjs) under the agreement's areas and lines and
// the located events, projected with d3-geo, zoomed and panned with d3-zoom (wheel, drag, pinch, the buttons,
// and the keyboard: + and − zoom, the arrow keys pan, 0 resets), with a scale bar in kilometres and a compact
// legend. Everything comes from the page's own origin (vendor/); nothing is downloaded from elsewhere.
//
// Layers: the base layer, the agreement's shapes and (above MAX_DOTS events) the density cells are drawn once,
// in projected coordinates, inside a <g> that the zoom transforms (strokes keep their width); the event dots and
// every label are drawn over it in screen coordinates and laid out again after each zoom, so that dots keep
// their size and no two labels overlap (web/layout.mjs). A place name that fits nowhere is shown when its dot
// is hovered or focused, and is always in the dot's <title> and accessible name.
import { geoArea, geoDistance, geoGraticule, geoIdentity, geoMercator, geoPath, geoStream } from './vendor/d3-geo.mjs';
import { select } from './vendor/d3-selection.mjs';
import { zoom as d3Zoom, zoomIdentity } from './vendor/d3-zoom.mjs';
import { baseLayerFailure, countriesNow, loadCountries } from './basemap.mjs';
import { eventRoles, focusable, MAX_DOTS, MAX_LINKED_DOTS } from './charts.mjs';
import { Occupancy, onWidthChange, shorten, textBox, textWidth } from './layout.mjs';
import { clear, el, eventTypeText, formatDay, svg } from './render.mjs';

const EARTH_KM = 6371.0088;
const COUNTRY_SIZE = 12;
const PLACE_SIZE = 11;
const SCALE_STEPS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

// ---- Reading the documents (the agreement and event log formats, docs/format.md) ------------------------------------

function agreementAreas(agreement) {
  return Array.isArray(agreement?.areas) ? agreement.areas.filter((a) => a && typeof a === 'object') : [];
}

function agreementLines(agreement) {
  return Array.isArray(agreement?.lines) ? agreement.lines.filter((l) => l && typeof l === 'object') : [];
}

// {lat, lon, name, approximate} of an event with a usable location, else null.
function eventPlace(event) {
  const where = event?.where;
  if (!where || !Number.isFinite(where.lat) || !Number.isFinite(where.lon)) return null;
  if (Math.abs(where.lat) > 90 || Math.abs(where.lon) > 180) return null;
  return { lat: where.lat, lon: where.lon, name: typeof where.name === 'string' ? where.name : '', approximate: where.approximate === true };
}

// ---- Geometry ---------------------------------------------------------------------------------------------------

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

const finitePositions = (ring) => (Array.isArray(ring) ? ring : [])
  .filter((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[1]) <= 90)
  .map((p) => [p[0], p[1]]);

// d3-geo reads a polygon's rings as spherical, exterior ring clockwise; GeoJSON (RFC 7946) writes it
// counter-clockwise, which d3 would take for the rest of the globe. Whichever way a ring is written, the
// polygon meant is the smaller of the two.
function sphericalPolygon(rings) {
  const cleaned = (Array.isArray(rings) ? rings : []).map(finitePositions).filter((r) => r.length >= 4);
  if (cleaned.length === 0) return null;
  const polygon = { type: 'Polygon', coordinates: cleaned };
  if (geoArea(polygon) > 2 * Math.PI) polygon.coordinates = cleaned.map((r) => [...r].reverse());
  return polygon;
}

// A copy of an agreement geometry that d3-geo draws as meant (see above), or null.
function drawable(geometry) {
  switch (geometry?.type) {
    case 'LineString': {
      const c = finitePositions(geometry.coordinates);
      return c.length >= 2 ? { type: 'LineString', coordinates: c } : null;
    }
    case 'MultiLineString': {
      const c = (geometry.coordinates ?? []).map(finitePositions).filter((l) => l.length >= 2);
      return c.length ? { type: 'MultiLineString', coordinates: c } : null;
    }
    case 'Polygon': return sphericalPolygon(geometry.coordinates);
    case 'MultiPolygon': {
      const c = (geometry.coordinates ?? []).map(sphericalPolygon).filter(Boolean).map((p) => p.coordinates);
      return c.length ? { type: 'MultiPolygon', coordinates: c } : null;
    }
    default: return null;
  }
}

// The polygons of a feature projected (and clipped) by `projection`, as a planar MultiPolygon in screen
// coordinates, or null when nothing of it is inside the clip extent. Each clipped polygon keeps all its rings
// together, so that holes stay holes.
function planar(projection, object) {
  const polygons = [];
  let rings = null;
  let ring = null;
  geoStream(object, projection.stream({
    point(x, y) { ring?.push([x, y]); },
    lineStart() { ring = []; },
    lineEnd() {
      if (rings && ring && ring.length > 2) rings.push([...ring, ring[0]]);
      ring = null;
    },
    polygonStart() { rings = []; },
    polygonEnd() {
      if (rings.length) polygons.push(rings);
      rings = null;
    },
    sphere() {},
  }));
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

// A ring cut to a longitude/latitude box (Sutherland-Hodgman, one side of the box at a time): cheap, keeps the
// ring's direction, and leaves only the part d3 then needs to project and clip exactly. The box is wider than
// anything the map can show, so the straight edges this adds along it are never in view.
function cutRing(ring, [x0, y0, x1, y1]) {
  let points = ring;
  const sides = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  for (const [inside, cross] of sides) {
    if (points.length === 0) break;
    const out = [];
    for (let i = 0; i < points.length; i += 1) {
      const a = points[i === 0 ? points.length - 1 : i - 1];
      const b = points[i];
      if (inside(b)) {
        if (!inside(a)) out.push(cross(a, b));
        out.push(b);
      } else if (inside(a)) {
        out.push(cross(a, b));
      }
    }
    points = out;
  }
  if (points.length < 3) return null;
  // A sliver left along the box's edge has no area worth drawing, and d3 could not tell its inside from its outside.
  let area = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) area += (points[j][0] - points[i][0]) * (points[j][1] + points[i][1]);
  if (Math.abs(area) < 1e-6) return null;
  return [...points, points[0]];
}

// A country's (Multi)Polygon cut to a longitude/latitude box, or null when nothing of it is inside.
function cutCountry(geometry, box) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const kept = [];
  for (const rings of polygons) {
    const exterior = cutRing(rings[0].slice(0, -1), box);
    if (!exterior) continue;
    kept.push([exterior, ...rings.slice(1).map((r) => cutRing(r.slice(0, -1), box)).filter(Boolean)]);
  }
  return kept.length ? { type: 'MultiPolygon', coordinates: kept } : null;
}

// [minLon, minLat, maxLon, maxLat] of what the map shows first: the agreement's own geometry (where the
// obligations apply) and the events near it. Events far away (a departure airfield, a signing in another
// capital) do not shrink the region to a dot: they are listed beside the map.
function initialExtent(areas, lines, located) {
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
    located.filter(({ place }) => place.lon >= a && place.lon <= b && place.lat >= c && place.lat <= d)
      .forEach(({ place }) => grow(place.lon, place.lat));
  } else {
    located.forEach(({ place }) => grow(place.lon, place.lat));
  }
  if (!Number.isFinite(minLon)) return null;
  const padLon = Math.max((maxLon - minLon) * 0.04, 0.2);
  const padLat = Math.max((maxLat - minLat) * 0.04, 0.2);
  return [Math.max(-180, minLon - padLon), Math.max(-85, minLat - padLat), Math.min(180, maxLon + padLon), Math.min(85, maxLat + padLat)];
}

// Everything that depends only on the agreement, the base layer and the map's size: the projection, and the
// projected paths of the countries, the graticule and the agreement's shapes. Zooming out to a third and
// panning stay inside the clip extent, three times the first view each way.
function buildBase(width, height, extent, areas, lines, countries) {
  const [minLon, minLat, maxLon, maxLat] = extent;
  const projection = geoMercator().fitExtent([[24, 24], [width - 24, height - 24]], {
    type: 'MultiPoint', coordinates: [[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat]],
  });
  const clip = [[-width, -height], [2 * width, 2 * height]];
  projection.clipExtent(clip);
  const path = geoPath(projection);
  const flat = geoPath();

  const corners = [];
  for (const fx of [-1, 0.5, 2]) for (const fy of [-1, 0.5, 2]) corners.push(projection.invert([fx * width, fy * height]));
  const lons = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  const region = [Math.min(...lons) - 1, Math.min(...lats) - 1, Math.max(...lons) + 1, Math.max(...lats) + 1];
  const overlaps = (b) => b[0] <= region[2] && b[2] >= region[0] && b[1] <= region[3] && b[3] >= region[1];

  // Natural Earth's 1:10m vertices are dense enough to draw as they are (no adaptive resampling), and each
  // country is first cut to the region, so that a large one (Russia) costs no more than a small one.
  const coarse = geoMercator().scale(projection.scale()).translate(projection.translate()).clipExtent(clip).precision(0);
  const box = [Math.max(-180, region[0]), Math.max(-89, region[1]), Math.min(180, region[2]), Math.min(89, region[3])];
  const drawnCountries = [];
  for (const country of countries ?? []) {
    if (!overlaps(country.bounds)) continue;
    const cut = cutCountry(country.feature.geometry, box);
    const shape = cut && planar(coarse, cut);
    if (shape) drawnCountries.push({ name: country.name, id: country.id, shape, d: flat(shape) });
  }
  const span = region[2] - region[0];
  const step = span > 60 ? 10 : span > 24 ? 5 : span > 10 ? 2 : span > 4 ? 1 : 0.5;
  const graticule = path(geoGraticule().extent([[box[0], box[1]], [box[2], box[3]]]).step([step, step])()) ?? '';

  const shapes = (features, kind) => features.map((feature, index) => {
    const geometry = drawable(feature.geometry);
    const d = geometry ? path(geometry) : null;
    return d ? { kind, index, feature, d } : null;
  }).filter(Boolean);

  const inRegion = ([x, y]) => x >= clip[0][0] && x <= clip[1][0] && y >= clip[0][1] && y <= clip[1][1];
  return { width, height, projection, countries: drawnCountries, graticule, areas: shapes(areas, 'area'), lines: shapes(lines, 'line'), inRegion };
}

// ---- Rendering ----------------------------------------------------------------------------------------------------

const views = new WeakMap(); // container -> {args, agreement, zoom, base, baseKey}

function redraw(container) {
  const view = views.get(container);
  if (view?.args && container.isConnected) draw(container, view);
}

// Draws the map into `container` and returns the located events that lie outside the area the map can show
// (so that the page can list them).
export function renderMap(container, args) {
  const view = views.get(container) ?? {};
  views.set(container, view);
  view.args = args;
  onWidthChange(container, () => redraw(container));
  if (!countriesNow() && !baseLayerFailure()) loadCountries().then(() => redraw(container), () => redraw(container));
  return draw(container, view);
}

function zoomButton(label, text) {
  return el('button', { type: 'button', class: 'map-zoom', 'aria-label': label, title: label }, text);
}

function draw(container, view) {
  const { agreement, events, report, selectedEvent, linkedEvents, onSelectEvent, ctx } = view.args;
  clear(container);
  if (view.agreement !== agreement) {
    view.agreement = agreement;
    view.zoom = null;
  }
  const areas = agreementAreas(agreement);
  const lines = agreementLines(agreement);
  const located = events.map((event) => ({ event, place: eventPlace(event) })).filter((e) => e.place);
  const extent = initialExtent(areas, lines, located);
  if (!extent) {
    container.append(document.createTextNode('Nothing to draw: the agreement has no areas or lines and no event has a location.'));
    return [];
  }

  const zoomIn = zoomButton('Zoom in', '+');
  const zoomOut = zoomButton('Zoom out', '−');
  const reset = el('button', { type: 'button', class: 'map-reset' }, 'Reset view');
  const frame = el('div', { class: 'map-frame' });
  const roles = eventRoles(report);
  const legend = renderLegend(areas, lines, roles);
  container.append(el('div', { class: 'map-body' },
    el('div', { class: 'map-main' },
      el('div', { class: 'map-toolbar', role: 'toolbar', 'aria-label': 'Map view' }, zoomIn, zoomOut, reset,
        el('span', { class: 'map-keys' }, 'Drag to pan; wheel, + and − to zoom')),
      frame),
    legend));

  const width = Math.max(280, Math.round(frame.clientWidth || 600));
  const height = Math.round(Math.min(560, Math.max(320, width * 0.62)));
  const countries = countriesNow();
  const baseKey = `${width}x${height}:${extent.join(',')}:${countries ? 'countries' : 'none'}`;
  if (view.baseKey !== baseKey || view.baseAgreement !== agreement) {
    view.base = buildBase(width, height, extent, areas, lines, countries);
    view.baseKey = baseKey;
    view.baseAgreement = agreement;
  }
  const base = view.base;
  const { projection } = base;

  const baseState = countries ? 'drawn' : baseLayerFailure() ? 'unavailable' : 'loading';
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'map-svg', role: 'group', tabindex: 0,
    'data-base-layer': baseState,
    'aria-label': `Map of ${areas.length} areas, ${lines.length} lines and the events with a location. ` +
      'Arrow keys pan, plus and minus zoom, 0 resets the view.' });
  root.append(svg('title', {}, 'Map of the agreement\'s areas and lines, and events'));
  root.append(svg('rect', { x: 0, y: 0, width, height, class: 'map-water' }));

  // Zoomed layer: projected once, transformed by the zoom.
  const layer = svg('g', { class: 'zoom-layer' });
  layer.append(svg('path', { d: base.graticule, class: 'graticule', 'aria-hidden': 'true' }));
  const land = svg('g', { class: 'countries', 'aria-hidden': 'true' });
  for (const country of base.countries) {
    land.append(svg('path', { d: country.d, class: 'country', 'data-country': country.name }, svg('title', {}, country.name)));
  }
  layer.append(land);
  const shapes = svg('g', { class: 'areas' });
  for (const { feature: area, index, d } of base.areas) {
    shapes.append(svg('path', { d, class: `area area-${index % 5}${area.approximate ? ' approximate' : ''}`, 'data-area': area.id },
      svg('title', {}, `${area.name ?? area.id}${area.approximate ? ' (approximate)' : ''}${area.note ? `: ${area.note}` : ''}`)));
  }
  layer.append(shapes);
  const strokes = svg('g', { class: 'lines' });
  for (const { feature: line, d } of base.lines) {
    strokes.append(svg('path', { d, class: `line${line.approximate ? ' approximate' : ''}`, 'data-line': line.id },
      svg('title', {}, `${line.name ?? line.id}${line.approximate ? ' (approximate)' : ''}`)));
  }
  layer.append(strokes);
  root.append(layer);

  // Events: projected positions; dots drawn for all (or, above MAX_DOTS, for the selection), cells otherwise.
  const offMap = [];
  const dense = located.length > MAX_DOTS;
  const cells = new Map();
  const marks = [];
  let linkedDrawn = 0;
  for (const { event, place } of located) {
    const xy = projection([place.lon, place.lat]);
    if (!xy || !base.inRegion(xy)) { offMap.push(event); continue; }
    const role = roles.get(event.id) ?? 'other';
    const isSelected = event.id === selectedEvent;
    const isLinked = linkedEvents.has(event.id);
    if (dense) {
      const key = `${Math.floor(xy[0] / 8)}:${Math.floor(xy[1] / 8)}`;
      const cell = cells.get(key) ?? { n: 0, violation: false };
      cell.n += 1;
      cell.violation ||= role === 'violation';
      cells.set(key, cell);
      if (!isSelected && !(isLinked && linkedDrawn < MAX_LINKED_DOTS)) continue;
      if (isLinked) linkedDrawn += 1;
    }
    marks.push({ event, place, xy, role, isSelected, isLinked, r: isSelected ? 8 : 5.5 });
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
    layer.append(heat);
  }

  const overlay = svg('g', { class: 'overlay' });
  const dots = svg('g', { class: 'events' });
  const callout = svg('g', { class: 'callout', 'aria-hidden': 'true' });
  let transform = zoomIdentity;
  const showCallout = (mark) => {
    clear(callout);
    const [x, y] = transform.apply(mark.xy);
    const text = `${mark.place.name || 'unnamed place'} · ${mark.event.id}, ${formatDay(mark.event.time, ctx.offset)}`;
    const w = textWidth(text, PLACE_SIZE);
    const left = Math.min(Math.max(4, x - w / 2), width - w - 4);
    const top = y - mark.r - 24 < 2 ? y + mark.r + 4 : y - mark.r - 24;
    callout.append(svg('rect', { x: left - 4, y: top, width: w + 8, height: 19, rx: 3 }),
      svg('text', { x: left, y: top + 14 }, text));
  };
  for (const mark of marks) {
    const classes = ['event-dot', `role-${mark.role}`];
    if (mark.isSelected) classes.push('selected');
    if (mark.isLinked) classes.push('linked');
    const dot = svg('circle', { r: mark.r, class: classes.join(' '), 'data-event': mark.event.id });
    dot.append(svg('title', {}, `${mark.event.id} · ${eventTypeText(mark.event)} · ${mark.place.name}${mark.place.approximate ? ' (approximate)' : ''} · ${formatDay(mark.event.time, ctx.offset)}`));
    focusable(dot, `Event ${mark.event.id} at ${mark.place.name || 'an unnamed place'}, ${mark.role}`, () => onSelectEvent(mark.event.id));
    dot.addEventListener('pointerenter', () => showCallout(mark));
    dot.addEventListener('focus', () => showCallout(mark));
    dot.addEventListener('pointerleave', () => clear(callout));
    dot.addEventListener('blur', () => clear(callout));
    mark.node = dot;
    dots.append(dot);
  }
  const labels = svg('g', { class: 'labels', 'aria-hidden': 'true' });
  const scale = svg('g', { class: 'scalebar', 'aria-hidden': 'true' });
  overlay.append(scale, dots, labels, callout);
  root.append(overlay);
  if (dense) {
    root.append(svg('text', { x: width - 8, y: 16, 'text-anchor': 'end', class: 'dense-note' },
      `${located.length} located events shown as counts per cell`));
  }
  frame.append(root);

  // Places: events at the same coordinates share one label, named as most of them name the place.
  const places = new Map();
  for (const mark of marks) {
    const key = `${mark.place.lat.toFixed(3)},${mark.place.lon.toFixed(3)}`;
    const group = places.get(key) ?? { xy: mark.xy, marks: [], names: new Map() };
    group.marks.push(mark);
    if (mark.place.name) group.names.set(mark.place.name, (group.names.get(mark.place.name) ?? 0) + 1);
    places.set(key, group);
  }
  const rank = (g) => (g.marks.some((m) => m.isSelected) ? 0 : g.marks.some((m) => m.isLinked) ? 1
    : g.marks.some((m) => m.role === 'violation') ? 2 : g.marks.some((m) => m.role === 'evidence') ? 3 : 4);
  const placeGroups = [...places.values()].filter((g) => g.names.size > 0).map((g) => {
    const [name] = [...g.names].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0];
    const text = `${shorten(name, 28)}${g.marks.length > 1 ? ` ×${g.marks.length}` : ''}`;
    return { ...g, text, width: textWidth(text, PLACE_SIZE), r: Math.max(...g.marks.map((m) => m.r)), rank: rank(g) };
  }).sort((a, b) => a.rank - b.rank || b.marks.length - a.marks.length);
  const countryLabels = base.countries.map((c) => ({ ...c, labelWidth: textWidth(c.name, COUNTRY_SIZE, '600') }));

  const layout = () => {
    const t = transform;
    layer.setAttribute('transform', t.toString());
    root.dataset.zoom = t.k.toFixed(3);
    clear(callout);
    // Dots, in screen coordinates; those outside the view are not drawn (nor focusable).
    const space = new Occupancy({ x: 2, y: 2, w: width - 4, h: height - 4 }, 2);
    for (const mark of marks) {
      const [x, y] = t.apply(mark.xy);
      const visible = x >= -mark.r && x <= width + mark.r && y >= -mark.r && y <= height + mark.r;
      mark.node.setAttribute('cx', x.toFixed(1));
      mark.node.setAttribute('cy', y.toFixed(1));
      if (visible) {
        mark.node.removeAttribute('display');
        space.take({ x: x - mark.r - 1, y: y - mark.r - 1, w: 2 * mark.r + 2, h: 2 * mark.r + 2 });
      } else {
        mark.node.setAttribute('display', 'none');
      }
    }
    space.take(drawScale(scale, t));
    clear(labels);
    // Country names at the centre of the part of the country in view, where the name fits.
    const inView = geoPath(geoIdentity().scale(t.k).translate([t.x, t.y]).clipExtent([[0, 0], [width, height]]));
    const named = countryLabels.map((c) => ({ c, area: inView.area(c.shape) }))
      .filter(({ c, area }) => area > c.labelWidth * COUNTRY_SIZE * 6)
      .sort((a, b) => b.area - a.area);
    for (const { c } of named) {
      const [cx, cy] = inView.centroid(c.shape);
      if (!Number.isFinite(cx) || !Number.isFinite(cy)) continue;
      const spot = space.place([0, -16, 16, -32, 32].map((dy) => ({ x: cx, y: cy + 4 + dy,
        box: textBox(cx, cy + 4 + dy, c.labelWidth, COUNTRY_SIZE, 'middle') })));
      if (spot) labels.append(svg('text', { x: spot.x.toFixed(1), y: spot.y.toFixed(1), 'text-anchor': 'middle', class: 'country-label', 'data-country': c.name }, c.name));
    }
    // Place names beside their dots: right, left, above, below, whichever is free.
    for (const group of placeGroups) {
      const [x, y] = t.apply(group.xy);
      if (x < 0 || x > width || y < 0 || y > height) continue;
      // Clear of the place's own dot by the occupancy's gap, whichever side.
      const gap = group.r + 5;
      const spot = space.place([
        { x: x + gap, y: y + 4, anchor: 'start' },
        { x: x - gap, y: y + 4, anchor: 'end' },
        { x, y: y - group.r - 7, anchor: 'middle' },
        { x, y: y + group.r + 14, anchor: 'middle' },
        { x: x + gap, y: y - 7, anchor: 'start' },
        { x: x + gap, y: y + 15, anchor: 'start' },
        { x: x - gap, y: y - 7, anchor: 'end' },
        { x: x - gap, y: y + 15, anchor: 'end' },
      ].map((c) => ({ ...c, box: textBox(c.x, c.y, group.width, PLACE_SIZE, c.anchor) })));
      if (spot) labels.append(svg('text', { x: spot.x.toFixed(1), y: spot.y.toFixed(1), 'text-anchor': spot.anchor, class: 'place-label' }, group.text));
    }
  };

  // Scale bar, bottom left: the longest round distance up to 30 % of the width, measured at the view's centre.
  function drawScale(group, t) {
    clear(group);
    const y = height / 2;
    const a = projection.invert(t.invert([width / 2 - 50, y]));
    const b = projection.invert(t.invert([width / 2 + 50, y]));
    const kmPerPx = (geoDistance(a, b) * EARTH_KM) / 100;
    const maxPx = Math.min(160, width * 0.3);
    const km = [...SCALE_STEPS].reverse().find((s) => s / kmPerPx <= maxPx) ?? SCALE_STEPS[0];
    const px = km / kmPerPx;
    const x0 = 12;
    const y0 = height - 12;
    const text = `${km} km`;
    group.append(svg('rect', { x: x0 - 6, y: y0 - 24, width: Math.max(px, textWidth(text, PLACE_SIZE)) + 12, height: 30, class: 'scalebar-bg' }),
      svg('line', { x1: x0, x2: x0 + px, y1: y0, y2: y0 }),
      svg('line', { x1: x0, x2: x0, y1: y0 - 5, y2: y0 + 1 }),
      svg('line', { x1: x0 + px, x2: x0 + px, y1: y0 - 5, y2: y0 + 1 }),
      svg('text', { x: x0 + px / 2, y: y0 - 7, 'text-anchor': 'middle', class: 'scale-label' }, text));
    group.dataset.km = String(km);
    return { x: x0 - 6, y: y0 - 24, w: Math.max(px, textWidth(text, PLACE_SIZE)) + 12, h: 30 };
  }

  // Zoom and pan. The view is kept (as a zoom level and a centre in longitude/latitude) across redraws: a new
  // as-of instant or a resized window does not lose it; another agreement starts from the whole extent.
  let frameRequest = 0;
  const behavior = d3Zoom()
    .extent([[0, 0], [width, height]])
    .scaleExtent([1 / 3, 40])
    .translateExtent([[-width, -height], [2 * width, 2 * height]])
    .on('zoom', (event) => {
      transform = event.transform;
      view.zoom = { k: transform.k, center: projection.invert(transform.invert([width / 2, height / 2])) };
      if (!event.sourceEvent) {
        layout();
        return;
      }
      cancelAnimationFrame(frameRequest);
      frameRequest = requestAnimationFrame(layout);
    });
  const selection = select(root);
  selection.call(behavior);
  let initial = zoomIdentity;
  if (view.zoom) {
    const [px, py] = projection(view.zoom.center) ?? [width / 2, height / 2];
    initial = zoomIdentity.translate(width / 2 - view.zoom.k * px, height / 2 - view.zoom.k * py).scale(view.zoom.k);
  }
  selection.call(behavior.transform, initial);

  const panBy = (dx, dy) => behavior.translateBy(selection, dx / transform.k, dy / transform.k);
  zoomIn.addEventListener('click', () => behavior.scaleBy(selection, 1.6));
  zoomOut.addEventListener('click', () => behavior.scaleBy(selection, 1 / 1.6));
  reset.addEventListener('click', () => behavior.transform(selection, zoomIdentity));
  const keys = {
    '+': () => behavior.scaleBy(selection, 1.6),
    '=': () => behavior.scaleBy(selection, 1.6),
    '-': () => behavior.scaleBy(selection, 1 / 1.6),
    '_': () => behavior.scaleBy(selection, 1 / 1.6),
    0: () => behavior.transform(selection, zoomIdentity),
    ArrowLeft: () => panBy(80, 0),
    ArrowRight: () => panBy(-80, 0),
    ArrowUp: () => panBy(0, 80),
    ArrowDown: () => panBy(0, -80),
  };
  root.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || !Object.hasOwn(keys, event.key)) return;
    event.preventDefault();
    keys[event.key]();
  });
  return offMap;
}

// The legend: which shape is which (approximate ones dashed), the base layer, and the events' colours.
function renderLegend(areas, lines, roles) {
  const legend = el('ul', { class: 'map-legend', 'aria-label': 'Legend' });
  const swatch = (cls, shape) => svg('svg', { width: 18, height: 12, viewBox: '0 0 18 12', 'aria-hidden': 'true', class: 'swatch' },
    shape === 'line' ? svg('line', { x1: 1, y1: 6, x2: 17, y2: 6, class: cls })
      : shape === 'dot' ? svg('circle', { cx: 9, cy: 6, r: 4.5, class: cls })
        : svg('rect', { x: 1, y: 1, width: 16, height: 10, class: cls }));
  const item = (cls, shape, label) => legend.append(el('li', { title: label }, swatch(cls, shape), el('span', { class: 'legend-label' }, label)));
  areas.forEach((area, index) => item(`area area-${index % 5}${area.approximate ? ' approximate' : ''}`, 'rect',
    `${area.name ?? area.id}${area.approximate ? ' (approximate)' : ''}`));
  lines.forEach((line) => item(`line${line.approximate ? ' approximate' : ''}`, 'line',
    `${line.name ?? line.id}${line.approximate ? ' (approximate)' : ''}`));
  item('country', 'rect', 'Country (Natural Earth)');
  item('event-dot role-violation', 'dot', 'Event used as a violation');
  item('event-dot role-evidence', 'dot', 'Other evidence');
  item('event-dot role-other', 'dot', 'Not used');
  if ([...roles.values()].includes('excluded')) item('event-dot role-excluded', 'dot', 'Left out (what-if)');
  return legend;
}
