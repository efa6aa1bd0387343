// Draws loss curves with Observable Plot (loaded lazily) in the page's theme colours.
import type { LossRow } from '../../lib/workshop/loss-series';
import { loadPlot } from './engine-client';

type PlotModule = Awaited<ReturnType<typeof loadPlot>>;

export interface LossChartOptions {
  /** y axis domain; the notebook's sweep uses [0, 5]. Omit to fit the data from 0. */
  yDomain?: [number, number];
  /** Colour the lines by 'series' (Train/Validation) or by 'run' (one colour per α in the overlay). */
  colorBy?: 'series' | 'run';
  runs?: string[];
  height?: number;
  ariaLabel: string;
}

/** CSS variables can't go into SVG presentation attributes, so read the values for the theme now. */
export function themeColors(): { series: string[]; runs: string[]; fg: string } {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const dark = document.documentElement.dataset.theme === 'dark';
  return {
    series: [v('--input', '#1f77b4'), v('--kernel', '#d62728')],
    runs: dark ? ['#ff7b72', '#56d364', '#6cb6ff'] : ['#d62728', '#2ca02c', '#1f77b4'],
    fg: v('--fg', '#1b1f24'),
  };
}

export function drawLossChart(Plot: PlotModule, host: HTMLElement, rows: LossRow[], opts: LossChartOptions): void {
  const colors = themeColors();
  const width = Math.max(240, Math.floor(host.clientWidth || 320));
  const byRun = opts.colorBy === 'run';
  const train = rows.filter((r) => r.series === 'Train');
  const validation = rows.filter((r) => r.series === 'Validation');
  const z = byRun ? 'run' : 'series';
  const chart = Plot.plot({
    width,
    height: opts.height ?? 220,
    marginLeft: 40,
    style: { background: 'transparent', color: colors.fg, fontSize: '11px' },
    x: { label: 'Step', grid: true },
    y: { label: 'Loss', domain: opts.yDomain, grid: true, zero: true },
    color: byRun
      ? { legend: true, domain: opts.runs, range: colors.runs }
      : { legend: true, domain: ['Train', 'Validation'], range: colors.series },
    marks: [
      Plot.lineY(train, { x: 'step', y: 'loss', stroke: z, z, clip: true, strokeWidth: 1.2, strokeOpacity: byRun ? 0.55 : 0.9 }),
      Plot.line(validation, {
        x: 'step', y: 'loss', stroke: byRun ? 'run' : 'series', z, clip: true, strokeWidth: 2,
        strokeDasharray: byRun ? '4,2' : undefined, marker: byRun ? undefined : 'circle-stroke',
      }),
    ],
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', opts.ariaLabel);
  host.replaceChildren(chart);
}
