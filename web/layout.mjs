// Label layout for the charts: text measured without touching the page's layout (a canvas context, with
// the page's own font), boxes that are a little larger than the glyphs, and a greedy placer that takes the
// first candidate position that overlaps nothing already placed. The timeline and the map both use it, so
// that no two labels are ever drawn over one another: a label that fits nowhere is not drawn (its text stays
// in the mark's <title> and accessible name).

let context;
let family;

function fontFamily() {
  if (family === undefined) {
    family = (typeof getComputedStyle === 'function' && getComputedStyle(document.documentElement).fontFamily) || 'sans-serif';
  }
  return family;
}

// Width in CSS pixels of `text` set in the page's font at `size` px.
export function textWidth(text, size = 11, weight = 'normal') {
  if (context === undefined) context = document.createElement('canvas').getContext('2d') ?? null;
  const value = String(text);
  if (!context) return value.length * size * 0.62;
  context.font = `${weight} ${size}px ${fontFamily()}`;
  return context.measureText(value).width;
}

// The box an SVG <text> at (x, baseline y) occupies, generously: ascent and descent of any common font,
// plus a pixel each side. anchor: 'start' | 'middle' | 'end'.
export function textBox(x, y, width, size = 11, anchor = 'start') {
  const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
  return { x: left - 1, y: y - size * 0.98, w: width + 2, h: size * 1.3 };
}

export function intersects(a, b, gap = 0) {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

// Boxes already taken (labels, and marks that labels must not cover), within optional bounds.
export class Occupancy {
  constructor(bounds = null, gap = 2) {
    this.bounds = bounds;
    this.gap = gap;
    this.boxes = [];
  }

  free(box) {
    const b = this.bounds;
    if (b && (box.x < b.x || box.y < b.y || box.x + box.w > b.x + b.w || box.y + box.h > b.y + b.h)) return false;
    return !this.boxes.some((other) => intersects(box, other, this.gap));
  }

  take(box) {
    this.boxes.push(box);
    return box;
  }

  // The first candidate box that is free (taken), or null.
  place(candidates) {
    for (const candidate of candidates) if (this.free(candidate.box)) return { ...candidate, box: this.take(candidate.box) };
    return null;
  }
}

// Cuts long text to `max` characters, on a word boundary when there is one nearby.
export function shorten(text, max) {
  const value = String(text ?? '').trim();
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(–-]+$/, '')}…`;
}

// Calls `redraw` when `node` changes width (once it has kept a width for 100 ms), so that a chart drawn at one width is
// drawn again at the new one (a rotated phone, a resized window, a panel that was hidden when it was drawn).
// Calling it again for the same node replaces the callback.
const watched = new WeakMap();
let observer = null;

export function onWidthChange(node, redraw) {
  const width = Math.round(node.clientWidth);
  const known = watched.get(node);
  if (known) {
    known.redraw = redraw;
    known.width = width;
    return;
  }
  if (typeof ResizeObserver !== 'function') return;
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const watch = watched.get(entry.target);
      const now = Math.round(entry.contentRect.width);
      if (!watch || now === watch.width || now === 0) continue;
      watch.width = now;
      clearTimeout(watch.timer);
      watch.timer = setTimeout(() => watch.redraw(), 100);
    }
  });
  watched.set(node, { redraw, width });
  observer.observe(node);
}
