/** Measures and wraps node labels so they fit the boxes the server computed. */

let ctx: CanvasRenderingContext2D | null | undefined;
let family = '';

function context(): CanvasRenderingContext2D | null {
  if (ctx === undefined) {
    ctx = document.createElement('canvas').getContext('2d');
    family =
      getComputedStyle(document.documentElement).getPropertyValue('--font-sans').trim() ||
      'system-ui, sans-serif';
  }
  return ctx;
}

function measurer(size: number, weight: number): (s: string) => number {
  const c = context();
  if (!c) return (s) => s.length * size * 0.56;
  c.font = `${weight} ${size}px ${family}`;
  return (s) => c.measureText(s).width;
}

function wrap(words: string[], width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (!line || measure(next) <= width) line = next;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function ellipsize(line: string, width: number, measure: (s: string) => number): string {
  if (measure(line) <= width) return line;
  let s = line;
  while (s.length > 1 && measure(`${s}…`) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

export interface Label {
  lines: string[];
  size: number;
  lineHeight: number;
}

/** Lays `text` out in at most as many lines as fit, shrinking the font once before truncating. */
export function fitLabel(text: string, width: number, height: number, weight = 500): Label {
  const words = text.split(/\s+/).filter(Boolean);
  for (const size of [14, 13, 12]) {
    const lineHeight = Math.round(size * 1.22);
    const maxLines = Math.max(1, Math.floor(height / lineHeight));
    const measure = measurer(size, weight);
    const lines = wrap(words, width, measure);
    if (lines.length <= maxLines && lines.every((l) => measure(l) <= width))
      return { lines, size, lineHeight };
    if (size === 12) {
      const kept = lines.slice(0, maxLines).map((l) => ellipsize(l, width, measure));
      const last = kept.length - 1;
      if (lines.length > maxLines && last >= 0) {
        let s = (kept[last] ?? '').replace(/…$/, '');
        while (s.length > 1 && measure(`${s}…`) > width) s = s.slice(0, -1);
        kept[last] = `${s.trimEnd()}…`;
      }
      return { lines: kept, size, lineHeight };
    }
  }
  return { lines: [text], size: 12, lineHeight: 15 };
}
