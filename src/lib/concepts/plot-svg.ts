// An activation function's curve on axes, with the sample points (z, φ(z)) and the current one marked.
import { ACTIVATIONS } from '../conv';
import type { PlotScene, Step } from './concept-types';
import { escapeXml, fmt } from './format';

const W = 340;
const H = 220;
const M = 30;

export function plotSvg(s: PlotScene, steps: Step[], t: number, id: string, ariaLabel: string): string {
  const f = ACTIVATIONS[s.activation].fn;
  const xr = Math.max(4, Math.ceil(Math.max(...s.z.map(Math.abs))));
  const xs = Array.from({ length: 161 }, (_, k) => -xr + (2 * xr * k) / 160);
  const ys = xs.map(f);
  const ymin = Math.min(-1, Math.floor(Math.min(...ys)));
  const ymax = Math.max(1, Math.ceil(Math.max(...ys)));
  const px = (x: number) => M + ((x + xr) / (2 * xr)) * (W - 2 * M);
  const py = (y: number) => H - M - ((y - ymin) / (ymax - ymin)) * (H - 2 * M);
  const parts = [
    `<svg class="c1d-svg c1d-plot" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="group" aria-label="${escapeXml(ariaLabel)}" xmlns="http://www.w3.org/2000/svg" style="--natural-width:${W}px">`,
    `<line class="c1d-axis" x1="${M}" x2="${W - M}" y1="${py(0)}" y2="${py(0)}"/>`,
    `<line class="c1d-axis" x1="${px(0)}" x2="${px(0)}" y1="${M - 10}" y2="${H - M}"/>`,
  ];
  for (let x = -xr; x <= xr; x++) {
    if (x !== 0 && (xr <= 6 || x % 2 === 0)) parts.push(`<text class="c1d-tick" x="${px(x)}" y="${py(0) + 14}">${fmt(x)}</text>`);
  }
  for (let y = ymin; y <= ymax; y++) if (y !== 0) parts.push(`<text class="c1d-tick" x="${px(0) - 12}" y="${py(y)}">${fmt(y)}</text>`);
  parts.push(`<text class="c1d-title" x="${W / 2}" y="12">${escapeXml(`${s.label}: ${ACTIVATIONS[s.activation].formula}`)}</text>`);
  parts.push(`<path class="c1d-curve" d="${xs.map((x, k) => `${k ? 'L' : 'M'}${px(x).toFixed(1)},${py(ys[k]).toFixed(1)}`).join('')}"/>`);
  const cur = steps[t];
  if (cur) {
    const cx = px(s.z[cur.i]);
    const cy = py(s.a[cur.i]);
    parts.push(`<path class="c1d-guide" d="M${cx},${py(0)}V${cy}H${px(0)}"/>`);
  }
  s.z.forEach((z, i) => {
    const state = i === t ? 'is-current' : i < t ? 'is-done' : 'is-pending';
    parts.push(
      `<g class="c1d-point ${state}" data-key="${id}-${i}" data-step="${i}" tabindex="${i === t ? 0 : -1}" role="button" aria-label="${escapeXml(`φ(${fmt(z)}) = ${fmt(s.a[i])}`)}">` +
        // An invisible 28-unit disc: a 24 px finger target even where the plot is drawn at 375 px.
        `<circle class="c1d-hit" cx="${px(z)}" cy="${py(s.a[i])}" r="14" style="fill:transparent;stroke:none"/>` +
        `<circle cx="${px(z)}" cy="${py(s.a[i])}" r="6"/></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
