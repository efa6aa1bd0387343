// The LeNet-5 diagram as an SVG string, top to bottom so it reads on a phone: each layer drawn as a
// stack of feature maps (or a vector bar) with its name, shape and parameter count beside it.
import { countText, shapeText, totalParams, type LeNetLayer } from './lenet-architecture';
import { escapeXml } from './format';

export const LENET_WIDTH = 400;
const DRAW_X = 10;
const TEXT_X = 134;
const GAP = 30;
const SHEET_OFFSET = 4;

export interface LayerBox {
  y: number;
  height: number;
  /** The front sheet (or the bar): where receptive fields are drawn. */
  front: { x: number; y: number; w: number; h: number };
  sheets: number;
}

function mapSide(side: number): number {
  return 14 + side * 2;
}

/** Where each layer sits; heights follow the map size so 28×28 looks bigger than 5×5. */
export function lenetLayout(layers: readonly LeNetLayer[]): { boxes: LayerBox[]; height: number } {
  const boxes: LayerBox[] = [];
  let y = 10;
  for (const l of layers) {
    let front: LayerBox['front'];
    let sheets = 1;
    let drawH: number;
    if (l.shape.length === 3) {
      sheets = Math.min(l.shape[0], 6);
      const d = mapSide(l.shape[1]);
      const stack = (sheets - 1) * SHEET_OFFSET;
      drawH = d + stack;
      front = { x: DRAW_X, y: y + stack, w: d, h: d };
    } else {
      const w = Math.round(12 + Math.sqrt(l.shape[0]) * 8);
      front = { x: DRAW_X, y: y + 18, w: Math.min(w, 110), h: 14 };
      drawH = 50;
    }
    const height = Math.max(drawH, 52);
    boxes.push({ y, height, front, sheets });
    y += height + GAP;
  }
  return { boxes, height: y - GAP + 44 };
}

function sheetsSvg(box: LayerBox, kind: LeNetLayer['kind']): string {
  const parts: string[] = [];
  const cls = kind === 'input' ? 'ln-map ln-map-input' : kind === 'pool' ? 'ln-map ln-map-pool' : 'ln-map';
  for (let s = box.sheets - 1; s >= 0; s--) {
    const x = box.front.x + s * SHEET_OFFSET;
    const y = box.front.y - s * SHEET_OFFSET;
    parts.push(`<rect class="${cls}" x="${x}" y="${y}" width="${box.front.w}" height="${box.front.h}"/>`);
  }
  return parts.join('');
}

function barSvg(box: LayerBox, units: number): string {
  const f = box.front;
  const ticks = Math.min(units, 12);
  const parts = [`<rect class="ln-map ln-vector" x="${f.x}" y="${f.y}" width="${f.w}" height="${f.h}"/>`];
  for (let t = 1; t < ticks; t++) {
    const x = (f.x + (t * f.w) / ticks).toFixed(1);
    parts.push(`<line class="ln-tick" x1="${x}" y1="${f.y}" x2="${x}" y2="${f.y + f.h}"/>`);
  }
  return parts.join('');
}

/** The window of layer i drawn on layer i−1, with lines to the one value it produces. */
function receptiveFieldSvg(layers: readonly LeNetLayer[], boxes: readonly LayerBox[], i: number): string {
  const l = layers[i];
  const prev = layers[i - 1];
  const from = boxes[i - 1].front;
  const to = boxes[i].front;
  let rf: { x: number; y: number; w: number; h: number };
  if (l.kind === 'dense' || prev.shape.length === 1) rf = from;
  else {
    // Window size relative to the padded previous map, placed at the top-left corner like step 1.
    const side = prev.shape[1] + (l.name === 'C1' ? 4 : 0);
    const w = Math.max(4, (l.window / side) * from.w);
    rf = { x: from.x + from.w * 0.3, y: from.y + from.h * 0.3, w, h: w };
  }
  const target = to.h > 20 ? { x: to.x + to.w * 0.3, y: to.y + to.h * 0.3, w: 4, h: 4 } : { x: to.x + to.w * 0.5 - 2, y: to.y + 5, w: 4, h: 4 };
  return `<g class="ln-rf" data-layer="${i}" aria-hidden="true">` +
    `<rect class="ln-rf-box" x="${rf.x.toFixed(1)}" y="${rf.y.toFixed(1)}" width="${rf.w.toFixed(1)}" height="${rf.h.toFixed(1)}"/>` +
    `<line class="ln-rf-line" x1="${rf.x.toFixed(1)}" y1="${(rf.y + rf.h).toFixed(1)}" x2="${target.x.toFixed(1)}" y2="${target.y.toFixed(1)}"/>` +
    `<line class="ln-rf-line" x1="${(rf.x + rf.w).toFixed(1)}" y1="${(rf.y + rf.h).toFixed(1)}" x2="${(target.x + target.w).toFixed(1)}" y2="${target.y.toFixed(1)}"/>` +
    `<rect class="ln-rf-unit" x="${target.x.toFixed(1)}" y="${target.y.toFixed(1)}" width="${target.w}" height="${target.h}"/></g>`;
}

/** A 28×28 digit (0–255 pixels, row-major) drawn onto the input sheet, one rect per inked pixel. */
function digitSvg(box: LayerBox, pixels: readonly number[], side: number): string {
  const f = box.front;
  const px = f.w / side;
  const parts: string[] = [];
  pixels.forEach((v, k) => {
    if (v < 24) return; // faint pixels add rects but nothing visible
    const x = f.x + (k % side) * px;
    const y = f.y + Math.floor(k / side) * px;
    parts.push(`<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${px.toFixed(2)}" height="${px.toFixed(2)}" style="fill-opacity:${(v / 255).toFixed(2)}"/>`);
  });
  return `<g class="ln-digit" aria-hidden="true">${parts.join('')}</g>`;
}

/**
 * The full diagram; `active` marks the layer the flow has reached (its window shown on the layer
 * before). With `digit` (28×28 pixels, 0–255) the input sheet shows that digit.
 */
export function lenetSvg(layers: readonly LeNetLayer[], active = 0, digit?: readonly number[]): string {
  const { boxes, height } = lenetLayout(layers);
  const parts: string[] = [
    `<svg class="ln-svg" viewBox="0 0 ${LENET_WIDTH} ${height}" width="${LENET_WIDTH}" height="${height}" role="group" aria-label="LeNet-5 architecture: ${escapeXml(layers.map((l) => `${l.name} ${shapeText(l.shape)}`).join(', '))}" xmlns="http://www.w3.org/2000/svg">`,
    `<defs><marker id="ln-arrowhead" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="ln-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
  ];
  layers.forEach((l, i) => {
    const box = boxes[i];
    if (i > 0) {
      const prev = boxes[i - 1];
      const x = DRAW_X + 40;
      parts.push(`<line class="ln-arrow${i <= active ? ' ln-passed' : ''}" data-layer="${i}" x1="${x}" y1="${prev.y + prev.height + 4}" x2="${x}" y2="${box.y - 4}" marker-end="url(#ln-arrowhead)"/>`);
    }
    const state = i === active ? ' ln-active' : i < active ? ' ln-passed' : '';
    const params = l.params === 0 ? (l.kind === 'input' ? 'input image' : 'no parameters') : `${countText(l.params)} params = ${l.paramFormula}`;
    parts.push(
      `<g class="ln-layer${state}" data-layer="${i}" data-shape="${shapeText(l.shape)}" data-params="${l.params}" tabindex="0" role="button">`,
      `<rect class="ln-focus" x="2" y="${box.y - 6}" width="${LENET_WIDTH - 4}" height="${box.height + 12}" rx="6"/>`,
      l.shape.length === 3 ? sheetsSvg(box, l.kind) : barSvg(box, l.shape[0]),
      l.kind === 'input' && digit ? digitSvg(box, digit, l.shape[1]) : '',
      `<text class="ln-name" x="${TEXT_X}" y="${box.y + 14}">${escapeXml(l.name)} · <tspan class="ln-shape">${shapeText(l.shape)}</tspan></text>`,
      `<text class="ln-desc" x="${TEXT_X}" y="${box.y + 31}">${escapeXml(l.description)}</text>`,
      `<text class="ln-params" x="${TEXT_X}" y="${box.y + 47}">${escapeXml(params)}</text>`,
      '</g>',
    );
  });
  layers.forEach((_, i) => {
    if (i > 0) parts.push(receptiveFieldSvg(layers, boxes, i).replace('class="ln-rf"', `class="ln-rf${i === active ? ' ln-show' : ''}"`));
  });
  const total = totalParams(layers);
  const sum = layers.filter((l) => l.params > 0).map((l) => countText(l.params)).join(' + ');
  parts.push(`<text class="ln-total" x="${DRAW_X}" y="${height - 26}" data-total="${total}">Total: ${countText(total)} parameters</text>`);
  parts.push(`<text class="ln-desc" x="${DRAW_X}" y="${height - 8}">= ${sum}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
