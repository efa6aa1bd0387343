// Two node-link diagrams with the same sizes: a fully connected layer (every input to every output) and a
// convolutional layer (each output sees K neighbours, through the same K shared weights).
import type { FcScene, Step } from './concept-types';
import { escapeXml } from './format';

const GAP = 40;
const R = 11;

function panel(s: FcScene, t: number, top: number, width: number, kind: 'fc' | 'conv', id: string): string {
  const inY = top + 34;
  const outY = top + 124;
  const offIn = (width - (s.nIn - 1) * GAP) / 2;
  const offOut = (width - (s.nOut - 1) * GAP) / 2;
  const xi = (j: number) => offIn + j * GAP;
  const xo = (i: number) => offOut + i * GAP;
  const title =
    kind === 'fc'
      ? `Fully connected: N_in·N_out = ${s.nIn}·${s.nOut} = ${s.fcWeights} weights`
      : `Convolution: K = ${s.k} shared weights`;
  const parts = [`<text class="c1d-title" x="${width / 2}" y="${top + 12}">${escapeXml(title)}</text>`];
  const edges: string[] = [];
  const current: string[] = [];
  for (let i = 0; i < s.nOut; i++) {
    const inputs = kind === 'fc' ? Array.from({ length: s.nIn }, (_, j) => j) : Array.from({ length: s.k }, (_, m) => i + m);
    inputs.forEach((j) => {
      const tap = kind === 'conv' ? ` tap-${(j - i) % 5}` : '';
      const line = `<line class="c1d-edge${tap}${i === t ? ' is-current' : ''}" x1="${xi(j)}" y1="${inY + R}" x2="${xo(i)}" y2="${outY - R}"/>`;
      (i === t ? current : edges).push(line);
    });
  }
  parts.push(...edges, ...current); // the current output's edges on top
  for (let j = 0; j < s.nIn; j++) {
    parts.push(`<g class="c1d-node c1d-node-in"><circle cx="${xi(j)}" cy="${inY}" r="${R}"/><text x="${xi(j)}" y="${inY}">x${j}</text></g>`);
  }
  for (let i = 0; i < s.nOut; i++) {
    const state = i === t ? 'is-current' : i < t ? 'is-done' : 'is-pending';
    const focus = kind === 'conv' ? ` data-key="${id}-${i}" data-step="${i}" tabindex="${i === t ? 0 : -1}" role="button" aria-label="y${i}: reads ${s.k} inputs"` : ` data-step="${i}"`;
    parts.push(`<g class="c1d-node c1d-node-out ${state}"${focus}><circle cx="${xo(i)}" cy="${outY}" r="${R}"/><text x="${xo(i)}" y="${outY}">y${i}</text></g>`);
  }
  if (kind === 'conv') {
    const legend = Array.from({ length: Math.min(s.k, 5) }, (_, m) => `<tspan class="tap-${m}">w[${m}]</tspan>`).join('  ');
    parts.push(`<text class="c1d-legend" x="${width / 2}" y="${outY + 28}">${legend}${s.k > 5 ? ' …' : ''}</text>`);
  }
  return parts.join('');
}

export function fcSvg(s: FcScene, steps: Step[], t: number, id: string, ariaLabel: string): string {
  void steps;
  const width = Math.max(340, (s.nIn - 1) * GAP + 2 * R + 24);
  const height = 2 * 170 + 10;
  return (
    `<svg class="c1d-svg c1d-fc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${escapeXml(ariaLabel)}" xmlns="http://www.w3.org/2000/svg" style="--natural-width:${width}px">` +
    panel(s, t, 4, width, 'fc', id) +
    panel(s, t, 184, width, 'conv', id) +
    '</svg>'
  );
}
