// SVG markup for the 2D convolution grids, as strings: the server renders them into the static page
// and the custom elements re-render them on a settings change (one code path, no drift).
// Classes are prefixed c2d- and styled globally by the components; colours are CSS variables.
import {
  kernelReach, outputShape, paddedShape, receptiveField, stepCell, unreadCells, windowBounds,
  type Conv2dSettings, type Pair,
} from './conv2d-geometry';
import { cellNumber, escapeXml } from './format';

export type Grid = readonly (readonly number[])[];

/** Cell size (SVG units) that keeps a grid of `n` cells near `target` units wide. */
export function cellSizeFor(n: number, target = 220, min = 8, max = 30): number {
  return Math.max(min, Math.min(max, Math.floor(target / Math.max(1, n))));
}

function svgOpen(width: number, height: number, label: string, cls: string): string {
  return `<svg class="${cls}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(label)}" xmlns="http://www.w3.org/2000/svg">`;
}

/** A cell's number: short (cellNumber), and smaller type when even that is wider than the cell. */
function text(x: number, y: number, size: number, v: number, cell: number): string {
  const shown = cellNumber(v, 5);
  const fit = Math.min(size, (cell - 3) / (0.62 * shown.length)); // monospace digits are about 0.6em wide
  return `<text x="${x}" y="${y}" font-size="${+fit.toFixed(2)}" text-anchor="middle" dominant-baseline="central">${shown}</text>`;
}

/** fill-opacity for a value shaded against the grid's largest magnitude (inline style, so it beats the stylesheet). */
function shade(v: number, maxAbs: number): string {
  return (0.08 + 0.87 * Math.min(1, Math.abs(v) / (maxAbs || 1))).toFixed(3);
}

function maxAbs(grid: Grid): number {
  let m = 0;
  for (const row of grid) for (const v of row) m = Math.max(m, Math.abs(v));
  return m;
}

export interface InputSvgOptions {
  cell: number;
  /** The input values (unpadded); numbers are printed when `numbers` is set, else cells are shaded. */
  values?: Grid;
  numbers?: boolean;
  step?: number;
  label?: string;
}

/** The padded input (blue cells, dashed padding) with the kernel window drawn at `step`. */
export function inputSvg(s: Conv2dSettings, o: InputSvgOptions): string {
  const [pr, pc] = paddedShape(s);
  const c = o.cell;
  const step = o.step ?? 0;
  const active = new Map<string, boolean>();
  for (const t of receptiveField(s, stepCell(s, step))) active.set(`${t.padded[0]},${t.padded[1]}`, true);
  const unread = new Set(unreadCells(s).map(([r, cc]) => `${r},${cc}`));
  const m = o.values ? maxAbs(o.values) : 1;
  const parts: string[] = [svgOpen(pc * c, pr * c, o.label ?? `Input ${s.input[0]}×${s.input[1]} with padding ${s.padding[0]}×${s.padding[1]}`, 'c2d-svg c2d-input')];
  if (o.values && !o.numbers) {
    // Shaded (e.g. a 28×28 digit): grid lines as one path and a rect only where there is ink,
    // so a redraw stays within a frame.
    const [p0, p1] = s.padding;
    if (p0 > 0 || p1 > 0) parts.push(`<rect class="c2d-pad-area" x="0.5" y="0.5" width="${pc * c - 1}" height="${pr * c - 1}"/>`);
    parts.push(`<rect class="c2d-in-area" x="${p1 * c}" y="${p0 * c}" width="${s.input[1] * c}" height="${s.input[0] * c}"/>`, gridLines(pr, pc, c));
    for (let ir = 0; ir < s.input[0]; ir++) {
      for (let ic = 0; ic < s.input[1]; ic++) {
        const v = o.values[ir][ic];
        if (Math.abs(v) < 0.02 * m) continue;
        const r = ir + p0;
        const col = ic + p1;
        const rf = active.has(`${r},${col}`) ? ' c2d-rf' : '';
        parts.push(`<rect class="c2d-cell c2d-in c2d-ink${rf}" data-r="${r}" data-c="${col}" x="${col * c}" y="${r * c}" width="${c}" height="${c}" style="fill-opacity:${shade(v, m)}"/>`);
      }
    }
    parts.push(windowGroup(s, c, step), '</svg>');
    return parts.join('');
  }
  for (let r = 0; r < pr; r++) {
    for (let col = 0; col < pc; col++) {
      const ir = r - s.padding[0];
      const ic = col - s.padding[1];
      const inside = ir >= 0 && ir < s.input[0] && ic >= 0 && ic < s.input[1];
      const cls = ['c2d-cell', inside ? 'c2d-in' : 'c2d-pad'];
      if (active.has(`${r},${col}`)) cls.push('c2d-rf');
      if (unread.has(`${r},${col}`)) cls.push('c2d-unread');
      const v = inside && o.values ? o.values[ir][ic] : 0;
      parts.push(`<rect class="${cls.join(' ')}" data-r="${r}" data-c="${col}" x="${col * c + 1}" y="${r * c + 1}" width="${c - 2}" height="${c - 2}"/>`);
      if (inside && o.values && o.numbers) parts.push(text(col * c + c / 2, r * c + c / 2, c * 0.42, v, c).replace('<text', '<text class="c2d-num"'));
    }
  }
  parts.push(windowGroup(s, c, step), '</svg>');
  return parts.join('');
}

/** Top-left of the window at a step, in SVG units; the client moves the group with this. */
export function windowOffset(s: Conv2dSettings, step: number, cell: number): Pair {
  const box = windowBounds(s, stepCell(s, step));
  return [box.left * cell, box.top * cell];
}

function windowGroup(s: Conv2dSettings, c: number, step: number): string {
  const [x, y] = windowOffset(s, step, c);
  const h = kernelReach(s.kernel[0], s.dilation[0]) * c;
  const w = kernelReach(s.kernel[1], s.dilation[1]) * c;
  const taps: string[] = [];
  for (let a = 0; a < s.kernel[0]; a++) {
    for (let b = 0; b < s.kernel[1]; b++) {
      taps.push(`<rect class="c2d-tap" x="${b * s.dilation[1] * c + 2}" y="${a * s.dilation[0] * c + 2}" width="${c - 4}" height="${c - 4}"/>`);
    }
  }
  return `<g class="c2d-window" transform="translate(${x} ${y})" aria-hidden="true">` +
    `<rect class="c2d-window-box" x="0.5" y="0.5" width="${w - 1}" height="${h - 1}"/>${taps.join('')}</g>`;
}

export interface OutputSvgOptions {
  cell: number;
  values?: Grid;
  numbers?: boolean;
  step?: number;
  label?: string;
}

/** The output grid (green); cells before `step` are done, the cell at `step` is current. */
export function outputSvg(s: Conv2dSettings, o: OutputSvgOptions): string {
  const [or, oc] = outputShape(s);
  const c = o.cell;
  const step = o.step ?? 0;
  const m = o.values ? maxAbs(o.values) : 1;
  const parts: string[] = [svgOpen(oc * c, or * c, o.label ?? `Output ${or}×${oc}`, 'c2d-svg c2d-output')];
  const sparse = o.values !== undefined && !o.numbers;
  if (sparse) parts.push(`<rect class="c2d-out-area" x="0" y="0" width="${oc * c}" height="${or * c}"/>`, gridLines(or, oc, c));
  for (let i = 0; i < or; i++) {
    for (let j = 0; j < oc; j++) {
      const k = i * oc + j;
      const v = o.values?.[i]?.[j];
      if (sparse && Math.abs(v!) < 0.02 * m) continue; // shaded mode: only cells with visible ink
      const cls = ['c2d-cell', 'c2d-out', k < step ? 'c2d-done' : k === step ? 'c2d-current' : 'c2d-pending'];
      const neg = v !== undefined && v < 0 ? ' c2d-neg' : '';
      const val = v !== undefined ? ` data-value="${v}"` : '';
      const style = sparse ? ` style="fill-opacity:${shade(v!, m)}"` : '';
      const inset = sparse ? 0 : 1;
      parts.push(`<rect class="${cls.join(' ')}${neg}" data-i="${i}" data-j="${j}"${val} x="${j * c + inset}" y="${i * c + inset}" width="${c - 2 * inset}" height="${c - 2 * inset}"${style}/>`);
      if (v !== undefined && o.numbers) parts.push(text(j * c + c / 2, i * c + c / 2, c * 0.36, v, c).replace('<text', `<text class="c2d-num" data-i="${i}" data-j="${j}"`));
    }
  }
  const [ci, cj] = stepCell(s, step);
  parts.push(`<rect class="c2d-cursor" x="${cj * c + 1}" y="${ci * c + 1}" width="${c - 2}" height="${c - 2}" aria-hidden="true"/>`, '</svg>');
  return parts.join('');
}

/** Lines between the cells of a rows×cols grid, as a single path. */
function gridLines(rows: number, cols: number, c: number): string {
  const d: string[] = [];
  for (let r = 0; r <= rows; r++) d.push(`M0 ${r * c}H${cols * c}`);
  for (let k = 0; k <= cols; k++) d.push(`M${k * c} 0V${rows * c}`);
  return `<path class="c2d-gridlines" d="${d.join('')}"/>`;
}

/** Where the cursor rect sits for a step (top-left, SVG units). */
export function cursorOffset(s: Conv2dSettings, step: number, cell: number): Pair {
  const [i, j] = stepCell(s, step);
  return [j * cell + 1, i * cell + 1];
}

/** The kernel (red) with its weights; taps of the window at `step` that land on padding are marked. */
export function kernelSvg(s: Conv2dSettings, kernel: Grid, o: { cell: number; step?: number }): string {
  const c = o.cell;
  const taps = receptiveField(s, stepCell(s, o.step ?? 0));
  const parts: string[] = [svgOpen(s.kernel[1] * c, s.kernel[0] * c, `Kernel ${s.kernel[0]}×${s.kernel[1]}`, 'c2d-svg c2d-kernel')];
  for (const t of taps) {
    const [a, b] = t.kernel;
    const cls = `c2d-cell c2d-w${t.input === null ? ' c2d-on-pad' : ' c2d-rf'}`;
    parts.push(`<rect class="${cls}" data-a="${a}" data-b="${b}" data-value="${kernel[a][b]}" x="${b * c + 1}" y="${a * c + 1}" width="${c - 2}" height="${c - 2}"/>`);
    parts.push(text(b * c + c / 2, a * c + c / 2, c * 0.42, kernel[a][b], c).replace('<text', '<text class="c2d-num"'));
  }
  parts.push('</svg>');
  return parts.join('');
}
