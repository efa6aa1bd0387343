// Draws the cell runtime's outputs (src/lib/notebook/protocol.ts) into a cell's output area. Observable Plot
// and KaTeX are imported only when an output needs them.
import { el } from './dom';
import type { GrayImage, Output, PlotSpec } from '../../lib/notebook/protocol';
import { grayToRgba } from '../../lib/image/gray';
import { renderTraining, updateTraining } from './training-view';
import { loadKatex, loadPlot } from '../workshop/host';

const PLOT_MARKS = new Set([
  'line', 'lineX', 'lineY', 'dot', 'dotX', 'dotY', 'ruleX', 'ruleY', 'barX', 'barY', 'rectX', 'rectY', 'rect',
  'cell', 'cellX', 'cellY', 'text', 'textX', 'textY', 'areaX', 'areaY', 'area', 'frame', 'gridX', 'gridY',
  'tickX', 'tickY', 'link', 'arrow', 'axisX', 'axisY',
]);

export function problem(message: string): HTMLElement {
  const box = el('div', 'nb-out nb-out-error', message);
  box.setAttribute('role', 'alert');
  return box;
}

async function renderTex(target: HTMLElement, tex: string, display: boolean) {
  try {
    const katex = await loadKatex();
    target.innerHTML = katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  } catch (e) {
    target.textContent = tex;
    target.title = `KaTeX could not render this: ${(e as Error).message}`;
  }
}

/** Text with $…$ and $$…$$ math, like the notebook's print_math. */
function renderMathText(target: HTMLElement, text: string) {
  const re = /\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) target.append(text.slice(last, m.index));
    const span = el('span', m[1] !== undefined ? 'nb-math-display' : 'nb-math-inline', m[1] ?? m[2]);
    target.append(span);
    void renderTex(span, m[1] ?? m[2], m[1] !== undefined);
    last = re.lastIndex;
  }
  if (last < text.length) target.append(text.slice(last));
}

/** A subplots panel that is not drawn yet: keeps its place in the grid. */
function emptyPanel(index: number): HTMLElement {
  const box = el('div', 'nb-plot-empty', `Figure ${index + 1}: not drawn yet`);
  return box;
}

async function renderPlots(target: HTMLElement, specs: (PlotSpec | null)[], columns?: number) {
  // subplots(nRows, nCols): a grid of nCols per row (one per row on a narrow screen, see NotebookCell.astro).
  target.classList.toggle('nb-plot-grid', columns !== undefined);
  if (columns !== undefined) target.style.setProperty('--nb-plot-columns', String(columns));
  try {
    const Plot = (await loadPlot()) as unknown as Record<string, (...a: unknown[]) => unknown> & {
      plot(o: unknown): HTMLElement | SVGElement;
    };
    const figures = specs.map((spec, index) => {
      if (!spec) return emptyPanel(index);
      const marks = spec.marks.map((m) => {
        if (!PLOT_MARKS.has(m.mark)) throw new Error(`plot(): unknown mark "${m.mark}"; use one of ${[...PLOT_MARKS].join(', ')}`);
        return m.data === undefined ? Plot[m.mark](m.options) : Plot[m.mark](m.data, m.options);
      });
      const figure = Plot.plot({ ...spec, marks, style: { background: 'transparent', color: 'currentColor' } });
      if (spec.title) figure.setAttribute('aria-label', spec.title);
      return figure;
    });
    target.replaceChildren(...figures);
  } catch (e) {
    // loadPlot says in the course's words when the chart library itself could not load.
    target.replaceChildren(problem(`The figure could not be drawn: ${(e as Error).message}`));
  }
}

function renderImage(img: GrayImage): HTMLElement {
  const fig = el('figure', 'nb-image');
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', img.caption ? `Image: ${img.caption.replace(/\n/g, ', ')}` : `Image ${img.width}×${img.height}`);
  const ctx = canvas.getContext('2d');
  ctx?.putImageData(new ImageData(grayToRgba(img.pixels, { max: 255 }), img.width, img.height), 0, 0);
  fig.append(canvas);
  if (img.caption) fig.append(el('figcaption', img.wrong ? 'nb-wrong' : '', img.caption));
  return fig;
}

export function renderOutput(o: Output): HTMLElement {
  switch (o.kind) {
    case 'text':
      return el('pre', `nb-out nb-out-text${o.stream === 'stderr' ? ' nb-out-stderr' : ''}`, o.text);
    case 'value':
      return el('pre', 'nb-out nb-out-value', o.text);
    case 'tensor': {
      const box = el('div', 'nb-out nb-out-tensor');
      box.append(el('div', 'nb-tensor-meta', `Tensor · dtype ${o.dtype} · shape [${o.shape.join(', ')}]`), el('pre', '', o.text));
      return box;
    }
    case 'math': {
      const box = el('div', 'nb-out nb-out-math', o.tex);
      void renderTex(box, o.tex, o.display);
      return box;
    }
    case 'mathtext': {
      const box = el('div', 'nb-out nb-out-mathtext');
      renderMathText(box, o.text);
      return box;
    }
    case 'plot': {
      const box = el('div', 'nb-out nb-out-plot', o.specs.length ? 'Drawing the figure…' : '');
      void renderPlots(box, o.specs, o.columns);
      return box;
    }
    case 'images': {
      const box = el('div', 'nb-out nb-out-images');
      box.style.setProperty('--nb-columns', String(o.columns));
      box.append(...o.images.map(renderImage));
      return box;
    }
    case 'html': {
      const box = el('div', 'nb-out nb-out-html');
      box.innerHTML = o.html;
      return box;
    }
    case 'training':
      return renderTraining(o);
    case 'note':
      return el('p', 'nb-out nb-out-note', o.text);
    case 'progress': {
      const box = el('div', 'nb-out nb-out-progress');
      const bar = document.createElement('progress');
      bar.max = o.max;
      bar.value = o.value;
      bar.setAttribute('aria-label', o.label || 'Progress');
      box.append(bar, el('span', '', o.label));
      return box;
    }
  }
}

/** Replaces an output in place (a live plot or progress bar keeps its element, so nothing flickers). */
export function updateOutput(old: HTMLElement, o: Output): HTMLElement {
  if (o.kind === 'training' && old.classList.contains('nb-out-training')) {
    updateTraining(old, o);
    return old;
  }
  if (o.kind === 'plot' && old.classList.contains('nb-out-plot')) {
    void renderPlots(old, o.specs, o.columns);
    return old;
  }
  if (o.kind === 'progress' && old.classList.contains('nb-out-progress')) {
    const bar = old.querySelector('progress');
    const label = old.querySelector('span');
    if (bar && label) {
      bar.max = o.max;
      bar.value = o.value;
      bar.setAttribute('aria-label', o.label || 'Progress');
      label.textContent = o.label;
      return old;
    }
  }
  const fresh = renderOutput(o);
  old.replaceWith(fresh);
  return fresh;
}
