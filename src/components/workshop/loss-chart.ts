// Live loss charts: Observable Plot (loaded lazily) draws the frame — axes, grid, labels — and this
// class keeps the curves as plain SVG paths that each progress frame rewrites (≈ 1 ms), so the page
// stays responsive while training. The frame is redrawn only when the size or an axis range changes.
import { linePath, markerPath, niceYMax, type XY } from '../../lib/workshop/line-path';
import type { loadPlot } from './host';
import { Coalescer } from '../../lib/site/coalesce';

type PlotModule = Awaited<ReturnType<typeof loadPlot>>;
type Scale = (v: number) => number;

export interface SeriesSpec {
  key: string;
  label: string;
  /** A CSS colour; CSS variables work (the stroke is set as a style, not an attribute). */
  color: string;
  kind: 'train' | 'validation';
  dashed?: boolean;
  /** Circles at the points (validation measurements). */
  markers?: boolean;
}

export interface LiveChartOptions {
  series: SeriesSpec[];
  ariaLabel: string;
  /** Pixel height of the plot (the legend sits above it). */
  height: number;
  /** Fixed y maximum (the notebook's sweep uses 5); otherwise it grows with the data. */
  yMax?: number;
  /** Smallest y maximum when it grows with the data, so the first losses don't redraw the frame. */
  yFloor?: number;
}

let clipIds = 0;

export class LiveLossChart {
  private svg?: SVGSVGElement;
  private paths = new Map<string, { line: SVGPathElement; markers?: SVGPathElement }>();
  private x?: Scale;
  private y?: Scale;
  private drawn = { width: 0, xMax: 0, yMax: 0 };
  private width: number;
  private last: { data: Record<string, readonly XY[]>; xMax: number } = { data: {}, xMax: 1 };
  private observer: ResizeObserver;
  private resize = new Coalescer(() => this.update(this.last.data, this.last.xMax), { timing: 'frame' });

  constructor(private readonly Plot: PlotModule, private readonly host: HTMLElement, private readonly opts: LiveChartOptions) {
    this.width = host.clientWidth;
    // Width comes from the observer, so a redraw never forces a layout by reading it.
    this.observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w === this.width || w === 0) return;
      this.width = w;
      this.resize.request();
    });
    this.observer.observe(host);
  }

  /** Draw `data` (series key → points) on an x axis from 0 to `xMax` steps. */
  update(data: Record<string, readonly XY[]>, xMax: number): void {
    this.last = { data, xMax };
    const width = Math.max(240, Math.floor(this.width || 320));
    const top = Math.max(1, xMax);
    const yMax = this.opts.yMax ?? Math.max(this.opts.yFloor ?? 0, niceYMax(data));
    if (!this.svg || width !== this.drawn.width || top !== this.drawn.xMax || yMax !== this.drawn.yMax) this.frame(width, top, yMax);
    for (const s of this.opts.series) {
      const p = this.paths.get(s.key)!;
      const points = data[s.key] ?? [];
      p.line.setAttribute('d', linePath(points, this.x!, this.y!));
      p.markers?.setAttribute('d', markerPath(points, this.x!, this.y!));
    }
  }

  disconnect(): void {
    this.observer.disconnect();
    this.resize.cancel();
  }

  private frame(width: number, xMax: number, yMax: number): void {
    const { Plot, opts } = this;
    const chart = Plot.plot({
      width,
      height: opts.height,
      marginLeft: 42,
      marginRight: 14,
      style: { background: 'transparent', color: 'var(--fg)', fontSize: '11px', overflow: 'visible' },
      x: { domain: [0, xMax], label: 'Step', grid: true },
      y: { domain: [0, yMax], label: 'Loss', grid: true },
      marks: [Plot.ruleY([0]), Plot.ruleX([0])],
    });
    const x = chart.scale('x')!.apply as Scale;
    const y = chart.scale('y')!.apply as Scale;
    const ns = 'http://www.w3.org/2000/svg';
    const id = `ws-clip-${++clipIds}`;
    const clip = document.createElementNS(ns, 'clipPath');
    clip.id = id;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', String(x(0)));
    rect.setAttribute('y', String(y(yMax)));
    rect.setAttribute('width', String(x(xMax) - x(0)));
    rect.setAttribute('height', String(y(0) - y(yMax)));
    clip.append(rect);
    const g = document.createElementNS(ns, 'g');
    g.setAttribute('clip-path', `url(#${id})`);
    g.setAttribute('fill', 'none');
    this.paths.clear();
    for (const s of opts.series) {
      const line = document.createElementNS(ns, 'path');
      line.style.stroke = s.color;
      line.style.strokeWidth = s.kind === 'train' ? '1.2' : '2';
      if (s.kind === 'train' && opts.series.filter((t) => t.kind === 'train').length > 1) line.style.strokeOpacity = '0.6';
      if (s.dashed) line.style.strokeDasharray = '5,3';
      g.append(line);
      let markers: SVGPathElement | undefined;
      if (s.markers) {
        markers = document.createElementNS(ns, 'path');
        markers.style.stroke = s.color;
        markers.style.strokeWidth = '1.5';
        markers.style.fill = 'var(--bg)';
        g.append(markers);
      }
      this.paths.set(s.key, { line, markers });
    }
    chart.append(clip, g);
    // Plot labels its groups ("rule", "x-axis tick"); aria-label is not allowed on a plain <g>, and the
    // chart as a whole is one image with its own label.
    for (const el of chart.querySelectorAll('g[aria-label]')) el.removeAttribute('aria-label');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', opts.ariaLabel);
    const legend = document.createElement('ul');
    legend.className = 'ws-legend';
    for (const s of opts.series) {
      if (opts.series.some((t) => t !== s && t.label === s.label && opts.series.indexOf(t) < opts.series.indexOf(s))) continue;
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = s.dashed ? 'ws-swatch dashed' : 'ws-swatch';
      sw.style.borderColor = s.color;
      li.append(sw, s.label);
      legend.append(li);
    }
    this.host.replaceChildren(legend, chart);
    this.svg = chart as unknown as SVGSVGElement;
    this.x = x;
    this.y = y;
    this.drawn = { width, xMax, yMax };
  }
}

/** Train and validation curves of one run, in the page's series colours. */
export function runSeries(): SeriesSpec[] {
  return [
    { key: 'train', label: 'Train', color: 'var(--input)', kind: 'train' },
    { key: 'validation', label: 'Validation', color: 'var(--kernel)', kind: 'validation', markers: true },
  ];
}
