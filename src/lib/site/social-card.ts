/**
 * The social card of a page (Open Graph / Twitter image): an SVG, 1200×630, with the site's name,
 * the lecture or workshop number, the title and a drawing of one of the course's concepts, whose
 * numbers come from the math core. Rendered to PNG at build time (png.ts).
 */
import { conv1d, conv2d } from '../conv';
import { lenetLayers } from '../concepts/lenet-architecture';
import { escapeXml, fmt as formatDecimal } from '../concepts/format';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export type CardDrawing = 'cross-correlation' | 'lenet' | 'conv2d';

export interface CardContent {
  /** "Lecture 10", "Workshop 10", or the site's tagline on the home page. */
  kicker: string;
  title: string;
  drawing: CardDrawing;
}

const colors = { bg: '#ffffff', fg: '#1b1f24', muted: '#57606a', accent: '#0a58ca', input: '#1f77b4', kernel: '#d62728', output: '#2ca02c', surface: '#f6f8fa', border: '#d0d7de' };

/** Rough advance width of a character in em for a bold sans face (DejaVu Sans Bold), to wrap titles. */
function charEm(c: string): number {
  if (c === ' ') return 0.35;
  if (/[ilj.,:;'!|]/.test(c)) return 0.34;
  if (/[mwMW]/.test(c)) return 1.0;
  if (/[A-Z0-9]/.test(c)) return 0.76;
  return 0.64;
}

export function textWidth(text: string, fontSize: number): number {
  return [...text].reduce((w, c) => w + charEm(c) * fontSize, 0);
}

/** Greedy word wrap to `maxWidth` pixels; a single overlong word stays on its own line. */
export function wrapTitle(text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The largest of a few sizes at which the title fits in three lines. */
export function fitTitle(title: string, maxWidth: number): { fontSize: number; lines: string[] } {
  for (const fontSize of [68, 60, 52, 44]) {
    const lines = wrapTitle(title, fontSize, maxWidth);
    if (lines.length <= 3 && lines.every((l) => textWidth(l, fontSize) <= maxWidth)) return { fontSize, lines };
  }
  const fontSize = 40;
  return { fontSize, lines: wrapTitle(title, fontSize, maxWidth).slice(0, 3) };
}

/** The widgets' numbers: at most two decimals, true minus sign. */
const fmt = (v: number) => formatDecimal(v, 2);

function cell(x: number, y: number, size: number, stroke: string, value: string, fill = colors.bg, fontSize = 22): string {
  return `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="3"/>` +
    `<text x="${x + size / 2}" y="${y + size / 2 + fontSize * 0.36}" font-size="${fontSize}" text-anchor="middle" fill="${colors.fg}">${escapeXml(value)}</text>`;
}

/** x slides under w: the lecture's first concept, with the output that the math core computes. */
function crossCorrelationDrawing(top: number): string {
  const x = [1, 3, 2, 0, -1, 2, 1];
  const w = [0.5, -1, 0.25];
  const y = conv1d([x], [[w]])[0];
  const size = 66, gap = 10, step = size + gap, left = 150, at = 2;
  const parts: string[] = [];
  const label = (text: string, ty: number, color: string) =>
    `<text x="${left - 26}" y="${ty + size / 2 + 10}" font-size="30" font-weight="bold" text-anchor="end" fill="${color}">${text}</text>`;
  parts.push(label('x', top, colors.input));
  x.forEach((v, i) => parts.push(cell(left + i * step, top, size, colors.input, fmt(v), i >= at && i < at + w.length ? '#dbe9f6' : colors.bg, 21)));
  parts.push(`<rect x="${left + at * step - 6}" y="${top - 6}" width="${w.length * step - gap + 12}" height="${size + 12}" rx="10" fill="none" stroke="${colors.kernel}" stroke-width="4" stroke-dasharray="10 6"/>`);
  const wTop = top + size + 18;
  parts.push(label('w', wTop, colors.kernel));
  w.forEach((v, i) => parts.push(cell(left + (at + i) * step, wTop, size, colors.kernel, fmt(v), colors.bg, 21)));
  const yTop = wTop + size + 18;
  parts.push(label('y', yTop, colors.output));
  y.forEach((v, i) => parts.push(cell(left + i * step, yTop, size, colors.output, fmt(v), i === at ? '#dcf3e0' : colors.bg, 21)));
  // The highlighted output, written out: the sum of the products under the window.
  const term = (v: number) => (v < 0 ? `(${fmt(v)})` : fmt(v));
  const products = x.slice(at, at + w.length).map((v, i) => `${term(v)}·${term(w[i])}`);
  const sx = left + x.length * step + 30;
  parts.push(`<text x="${sx}" y="${wTop + 28}" font-size="26" fill="${colors.fg}">${escapeXml(`y[${at}] = ${products.slice(0, 2).join(' + ')}`)}</text>`);
  parts.push(`<text x="${sx + 40}" y="${wTop + 66}" font-size="26" fill="${colors.fg}">${escapeXml(`+ ${products.slice(2).join(' + ')} = ${fmt(y[at])}`)}</text>`);
  return parts.join('');
}

/** LeNet-5, the workshop's network (its one layer table), as a row of blocks sized by each layer's output. */
function lenetDrawing(top: number): string {
  const layers = lenetLayers().map((l) => {
    const map = l.shape.length === 3;
    return { name: l.name, shape: map ? `${l.shape[0]}@${l.shape[1]}×${l.shape[2]}` : String(l.shape[0]), side: map ? l.shape[1] : 1, depth: l.shape[0] };
  });
  const parts: string[] = [];
  const slot = 134, left = 66, base = top + 176;
  let prevRight: number | undefined;
  layers.forEach((l, i) => {
    const cx = left + i * slot + slot / 2;
    const isVector = l.side === 1;
    const sheets = isVector ? 1 : Math.min(4, l.depth);
    const off = 6;
    const h = isVector ? Math.min(150, 40 + l.depth) : 16 + l.side * 3;
    const w = isVector ? 22 : h;
    const x0 = cx - (w + (sheets - 1) * off) / 2;
    const color = i === 0 ? colors.input : isVector ? colors.output : l.name.startsWith('S') ? colors.accent : colors.kernel;
    for (let s = sheets - 1; s >= 0; s--) {
      parts.push(`<rect x="${x0 + s * off}" y="${base - h - s * off}" width="${w}" height="${h}" rx="4" fill="${colors.bg}" stroke="${color}" stroke-width="3"/>`);
    }
    if (prevRight !== undefined) {
      const y = base - 24;
      parts.push(`<path d="M${prevRight + 8} ${y} H${x0 - 10} m-8 -6 l8 6 l-8 6" fill="none" stroke="${colors.muted}" stroke-width="3"/>`);
    }
    prevRight = x0 + w + (sheets - 1) * off;
    parts.push(`<text x="${cx}" y="${base + 34}" font-size="24" font-weight="bold" text-anchor="middle" fill="${colors.fg}">${l.name}</text>`);
    parts.push(`<text x="${cx}" y="${base + 62}" font-size="20" text-anchor="middle" fill="${colors.muted}">${escapeXml(l.shape)}</text>`);
  });
  return parts.join('');
}

/** A 3×3 kernel over a 5×5 input and the 3×3 output, computed by the math core. */
function conv2dDrawing(top: number): string {
  const x = [[0, 1, 2, 1, 0], [1, 3, 1, 0, 2], [2, 1, 0, 1, 1], [0, 2, 1, 3, 0], [1, 0, 2, 1, 1]];
  const k = [[1, 0, -1], [1, 0, -1], [1, 0, -1]];
  const y = conv2d([x], [[k]])[0];
  const size = 36, gap = 6, step = size + gap;
  const parts: string[] = [];
  const grid = (m: number[][], left: number, gtop: number, stroke: string, hi: (r: number, c: number) => boolean, fill: string) =>
    m.forEach((row, r) => row.forEach((v, c) => parts.push(cell(left + c * step, gtop + r * step, size, stroke, fmt(v), hi(r, c) ? fill : colors.bg, 18))));
  grid(x, 300, top, colors.input, (r, c) => r < 3 && c < 3, '#dbe9f6');
  parts.push(`<text x="${300 + 5 * step + 35}" y="${top + 2.5 * step + 20}" font-size="64" text-anchor="middle" fill="${colors.kernel}">⋆</text>`);
  grid(k, 300 + 5 * step + 70, top + step, colors.kernel, () => false, colors.bg);
  parts.push(`<text x="${300 + 8 * step + 100}" y="${top + 2.5 * step + 10}" font-size="36" fill="${colors.muted}">=</text>`);
  grid(y, 300 + 8 * step + 150, top + step, colors.output, (r, c) => r === 0 && c === 0, '#dcf3e0');
  return parts.join('');
}

const drawings: Record<CardDrawing, (top: number) => string> = {
  'cross-correlation': crossCorrelationDrawing,
  lenet: lenetDrawing,
  conv2d: conv2dDrawing,
};

export function socialCardSvg(content: CardContent, siteName: string): string {
  const pad = 64;
  const { fontSize, lines } = fitTitle(content.title, CARD_WIDTH - 2 * pad);
  const titleTop = 150 + fontSize;
  const title = lines
    .map((l, i) => `<text x="${pad}" y="${titleTop + i * fontSize * 1.15}" font-size="${fontSize}" font-weight="bold" fill="${colors.fg}">${escapeXml(l)}</text>`)
    .join('');
  const drawingTop = Math.max(330, titleTop + (lines.length - 1) * fontSize * 1.15 + 40);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${colors.bg}"/>`,
    `<rect width="${CARD_WIDTH}" height="14" fill="${colors.accent}"/>`,
    `<rect x="${pad}" y="52" width="40" height="40" rx="8" fill="${colors.accent}"/>`,
    `<g fill="#fff"><rect x="${pad + 8}" y="60" width="10" height="10"/><rect x="${pad + 22}" y="60" width="10" height="10" opacity=".6"/><rect x="${pad + 8}" y="74" width="10" height="10" opacity=".6"/><rect x="${pad + 22}" y="74" width="10" height="10"/></g>`,
    `<text x="${pad + 56}" y="83" font-size="32" font-weight="bold" fill="${colors.accent}">${escapeXml(siteName)}</text>`,
    `<text x="${CARD_WIDTH - pad}" y="83" font-size="30" font-weight="bold" text-anchor="end" fill="${colors.muted}" letter-spacing="2">${escapeXml(content.kicker.toUpperCase())}</text>`,
    title,
    drawings[content.drawing](Math.min(drawingTop, CARD_HEIGHT - 250)),
    '</svg>',
  ].join('');
}
