// SVG markup (a string) of a sliding-window scene at one step. The server renders it into the page and the
// widget re-renders it on every change; steps change only attributes and text, so the browser can patch
// the existing elements and CSS can animate the window sliding.
import type { SlideScene, Step } from './concept-types';
import { cellNumber, escapeXml, fmt } from './format';

export const CELL_W = 44;
export const CELL_H = 26;
const LABEL_W = 34;
const LINK_GAP = 44;

interface Layout {
  width: number;
  height: number;
  paddedLen: number;
  span: number;
  inY: number[];
  kY: number[];
  outY: number[];
  derY: number[];
}

export function layoutSlide(s: SlideScene): Layout {
  const n = s.inputs[0].values.length;
  const paddedLen = n + 2 * s.padding;
  const span = s.dilation * (s.windowSize - 1) + 1;
  const inY: number[] = [];
  const kY: number[] = [];
  let y = 14;
  for (let c = 0; c < s.inputs.length; c++) {
    inY.push(y);
    y += CELL_H + 4;
    if (s.kernels) {
      kY.push(y);
      y += CELL_H + 10;
    } else y += 6;
  }
  y += LINK_GAP;
  const outY = s.outputs.map((_, o) => y + o * (CELL_H + 8));
  y += s.outputs.length * (CELL_H + 8);
  const derY = (s.derived ?? []).map((_, o) => y + 22 + o * (CELL_H + 8));
  if (s.derived) y += 22 + s.derived.length * (CELL_H + 8);
  return { width: LABEL_W + paddedLen * CELL_W + 6, height: y + 4, paddedLen, span, inY, kY, outY, derY };
}

const colX = (q: number) => LABEL_W + q * CELL_W;
/** x of the centre of output i: under the middle of its window. */
const outCenter = (s: SlideScene, span: number, i: number) => colX(i * s.stride) + ((span - 1) * CELL_W) / 2 + CELL_W / 2;

function cell(cls: string, x: number, y: number, text: string, extra = '', title?: string): string {
  return (
    `<g class="c1d-cell ${cls}"${extra}><rect x="${x + 2}" y="${y}" width="${CELL_W - 4}" height="${CELL_H}" rx="4"/>` +
    `<text x="${x + CELL_W / 2}" y="${y + CELL_H / 2}">${escapeXml(text)}</text>${title ? `<title>${escapeXml(title)}</title>` : ''}</g>`
  );
}

function label(y: number, text: string): string {
  return `<text class="c1d-label" x="${LABEL_W - 6}" y="${y + CELL_H / 2}">${escapeXml(text)}</text>`;
}

/** The accessible name of an output cell; it contains the cell's visible (rounded) text, as WCAG asks. */
function spoken(name: string, i: number, v: number): string {
  const shown = cellNumber(v);
  return shown === fmt(v) ? `${name}[${i}] = ${shown}` : `${name}[${i}] ≈ ${shown}, exactly ${fmt(v)}`;
}

export function stepIndex(steps: Step[], o: number, i: number): number {
  return steps.findIndex((st) => st.o === o && st.i === i);
}

/** The scene at step t (steps index into outputs [o][i]); `id` prefixes keys so two scenes can share a page. */
export function slideSvg(s: SlideScene, steps: Step[], t: number, id: string, ariaLabel: string): string {
  const L = layoutSlide(s);
  const cur = steps[Math.max(0, Math.min(t, steps.length - 1))];
  const start = cur.i * s.stride; // first padded column under the window
  const taps = Array.from({ length: s.windowSize }, (_, m) => start + m * s.dilation);
  const tapSet = new Set(taps);
  const n = s.inputs[0].values.length;
  const parts: string[] = [
    `<svg class="c1d-svg" viewBox="0 0 ${L.width} ${L.height}" width="${L.width}" height="${L.height}" role="group" aria-label="${escapeXml(ariaLabel)}" xmlns="http://www.w3.org/2000/svg" style="--natural-width:${L.width}px">`,
  ];
  // Inputs (with padding cells) and, under each, the kernel row placed at the current window.
  s.inputs.forEach((row, c) => {
    const readsThisRow = !s.winners || c === cur.o; // pooling reads one channel per output row
    parts.push(label(L.inY[c], row.name));
    for (let q = 0; q < L.paddedLen; q++) {
      const j = q - s.padding;
      const pad = j < 0 || j >= n;
      const v = pad ? s.padValue : row.values[j];
      const cls = ['c1d-in', pad ? 'is-pad' : '', readsThisRow && tapSet.has(q) ? 'is-tap' : '', s.winners && c === cur.o && s.winners[c][cur.i] === j ? 'is-win' : '']
        .filter(Boolean)
        .join(' ');
      parts.push(cell(cls, colX(q), L.inY[c], cellNumber(v), ` data-q="${q}"`, pad ? `padding (${fmt(v)})` : `${row.name}[${j}] = ${fmt(v)}`));
    }
    if (s.kernels) {
      const k = s.kernels[cur.o][c];
      parts.push(label(L.kY[c], k.name));
      parts.push(`<g class="c1d-kernel" style="transform:translate(${start * CELL_W}px,0)">`);
      k.values.forEach((v, m) => parts.push(cell('c1d-k', colX(m * s.dilation), L.kY[c], cellNumber(v), '', `${k.name}[${m}] = ${fmt(v)}`)));
      for (let m = 0; m + 1 < k.values.length; m++) {
        for (let g = 1; g < s.dilation; g++) {
          const gx = colX(m * s.dilation + g) + CELL_W / 2;
          parts.push(`<line class="c1d-gap" x1="${gx - 8}" x2="${gx + 8}" y1="${L.kY[c] + CELL_H / 2}" y2="${L.kY[c] + CELL_H / 2}"/>`);
        }
      }
      parts.push('</g>');
    }
  });
  // The window: a frame around the span of the taps over all input rows.
  const top = L.inY[0] - 5;
  const bottom = (s.kernels ? L.kY[L.kY.length - 1] : L.inY[L.inY.length - 1]) + CELL_H + 5;
  parts.push(
    `<g class="c1d-window" style="transform:translate(${start * CELL_W}px,0)"><rect x="${colX(0)}" y="${top}" width="${L.span * CELL_W}" height="${bottom - top}" rx="6"/></g>`,
  );
  // Links from each tap (kernel cell, or input cell when pooling) to the current output.
  const ox = outCenter(s, L.span, cur.i);
  const oy = L.outY[cur.o];
  parts.push('<g class="c1d-links">');
  const linkRows = s.kernels ? s.inputs.map((_, c) => L.kY[c]) : [L.inY[cur.o]];
  for (const ry of linkRows) {
    for (const q of taps) parts.push(`<line x1="${colX(q) + CELL_W / 2}" y1="${ry + CELL_H}" x2="${ox}" y2="${oy}"/>`);
  }
  parts.push('</g>');
  // Outputs: done, current, pending; each is a focusable button that selects its step.
  s.outputs.forEach((row, o) => {
    parts.push(label(L.outY[o], row.name));
    row.values.forEach((v, i) => {
      const k = stepIndex(steps, o, i);
      const state = k === t ? 'is-current' : k < t ? 'is-done' : 'is-pending';
      const x = outCenter(s, L.span, i) - CELL_W / 2;
      const extra = ` data-key="${id}-${o}-${i}" data-step="${k}" tabindex="${k === t ? 0 : -1}" role="button" aria-label="${escapeXml(spoken(row.name, i, v))}"`;
      parts.push(cell(`c1d-out ${state}`, x, L.outY[o], cellNumber(v), extra));
    });
  });
  (s.derived ?? []).forEach((row, o) => {
    parts.push(label(L.derY[o], row.name));
    row.values.forEach((v, i) => {
      const k = stepIndex(steps, o, i);
      const state = k === t ? 'is-current' : k < t ? 'is-done' : 'is-pending';
      const cx = outCenter(s, L.span, i);
      parts.push(`<line class="c1d-arrow" x1="${cx}" x2="${cx}" y1="${L.outY[o] + CELL_H}" y2="${L.derY[o]}"/>`);
      parts.push(cell(`c1d-der ${state}`, cx - CELL_W / 2, L.derY[o], cellNumber(v), ` data-step="${k}"`, `${row.name}[${i}] = ${fmt(v)}`));
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
