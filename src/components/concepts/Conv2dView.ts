// Browser-side wiring shared by the 2D convolution elements: draws the grids from src/lib's SVG
// strings, moves the window per step by toggling classes, and wires play/pause/step/scrub, the
// keyboard on the output grid, and the copy button. No convolution math lives here.
import { outputShape, paddedShape, receptiveField, stepCell, stepCount, type Conv2dSettings } from '../../lib/concepts/conv2d-geometry';
import { cursorOffset, inputSvg, kernelSvg, outputSvg, windowOffset, type Grid } from '../../lib/concepts/conv2d-svg';
import { StepPlayer } from '../../lib/concepts/step-player';
import { copyCode } from './client/copy-code';

export interface GridTargets {
  input: HTMLElement;
  output: HTMLElement;
  kernel?: HTMLElement;
}

export interface DrawOptions {
  inputCell: number;
  outputCell: number;
  kernelCell?: number;
  x?: Grid;
  y?: Grid;
  w?: Grid;
  /** Print numbers in the cells (else shade them). */
  numbers?: boolean;
}

/** The drawn grids of one widget; `draw` on a settings change, `show` on every step. */
export class GridView {
  private settings: Conv2dSettings | null = null;
  private inRects: SVGRectElement[] = [];
  private outRects: SVGRectElement[] = [];
  private kRects: SVGRectElement[] = [];
  private windowGroup: SVGGElement | null = null;
  private cursor: SVGRectElement | null = null;
  private lit: SVGRectElement[] = [];
  private cell = 20;
  private outCell = 20;

  constructor(private readonly t: GridTargets) {}

  draw(s: Conv2dSettings, o: DrawOptions, step: number): void {
    this.settings = s;
    this.cell = o.inputCell;
    this.outCell = o.outputCell;
    this.t.input.innerHTML = inputSvg(s, { cell: o.inputCell, values: o.x, numbers: o.numbers, step });
    this.t.output.querySelector('svg')?.remove();
    this.t.output.insertAdjacentHTML('afterbegin', outputSvg(s, { cell: o.outputCell, values: o.y, numbers: o.numbers, step }));
    if (this.t.kernel && o.w) this.t.kernel.innerHTML = kernelSvg(s, o.w, { cell: o.kernelCell ?? 24, step });
    const [, pc] = paddedShape(s);
    this.inRects = [];
    for (const r of this.t.input.querySelectorAll<SVGRectElement>('rect[data-r]')) this.inRects[Number(r.dataset.r) * pc + Number(r.dataset.c)] = r;
    this.outRects = [...this.t.output.querySelectorAll<SVGRectElement>('rect[data-i]')];
    this.kRects = this.t.kernel ? [...this.t.kernel.querySelectorAll<SVGRectElement>('rect[data-a]')] : [];
    this.windowGroup = this.t.input.querySelector<SVGGElement>('.c2d-window');
    this.cursor = this.t.output.querySelector<SVGRectElement>('.c2d-cursor');
    this.lit = this.inRects.filter((r) => r.classList.contains('c2d-rf'));
  }

  show(step: number): void {
    const s = this.settings;
    if (!s) return;
    const [, pc] = paddedShape(s);
    for (const r of this.lit) r.classList.remove('c2d-rf');
    const taps = receptiveField(s, stepCell(s, step));
    this.lit = [];
    taps.forEach((t, n) => {
      const rect = this.inRects[t.padded[0] * pc + t.padded[1]];
      if (rect) {
        rect.classList.add('c2d-rf');
        this.lit.push(rect);
      }
      const k = this.kRects[n];
      if (k) {
        k.classList.toggle('c2d-rf', t.input !== null);
        k.classList.toggle('c2d-on-pad', t.input === null);
      }
    });
    const [x, y] = windowOffset(s, step, this.cell);
    this.windowGroup?.setAttribute('transform', `translate(${x} ${y})`);
    const [cx, cy] = cursorOffset(s, step, this.outCell);
    this.cursor?.setAttribute('x', String(cx));
    this.cursor?.setAttribute('y', String(cy));
    this.outRects.forEach((r, k) => {
      r.classList.toggle('c2d-done', k < step);
      r.classList.toggle('c2d-current', k === step);
      r.classList.toggle('c2d-pending', k > step);
    });
  }
}

export interface ControlTargets {
  play: HTMLButtonElement;
  prev: HTMLButtonElement;
  next: HTMLButtonElement;
  scrub: HTMLInputElement;
  live: HTMLElement;
  output: HTMLElement;
}

export const reducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Wires the player to its buttons, scrubber and output grid. `sentence(step)` is read out by the
 * aria-live region, politely when the student stepped, silently while it plays on its own.
 */
export function wirePlayer(c: ControlTargets, count: number, onStep: (step: number) => void, sentence: (step: number) => string): StepPlayer {
  const player = new StepPlayer(count, (step, playing) => {
    onStep(step);
    c.scrub.value = String(step);
    c.play.textContent = playing ? 'Pause' : 'Play';
    c.play.setAttribute('aria-pressed', String(playing));
    c.live.setAttribute('aria-live', playing ? 'off' : 'polite');
    c.live.textContent = sentence(step);
  });
  c.play.addEventListener('click', () => player.toggle());
  c.prev.addEventListener('click', () => { player.pause(); player.prev(); });
  c.next.addEventListener('click', () => { player.pause(); player.next(); });
  c.scrub.addEventListener('input', () => { player.pause(); player.seek(Number(c.scrub.value)); });
  // Hover picks the cell under the pointer from its position (shaded grids draw no rect for blank cells).
  c.output.addEventListener('pointermove', (e) => {
    const svg = c.output.querySelector('svg');
    if (!svg) return;
    const box = svg.getBoundingClientRect();
    const cols = Number(c.output.dataset.cols);
    const rows = Math.round(player.count / cols);
    const j = Math.floor(((e.clientX - box.left) / box.width) * cols);
    const i = Math.floor(((e.clientY - box.top) / box.height) * rows);
    if (i < 0 || j < 0 || i >= rows || j >= cols) return;
    const step = i * cols + j;
    if (step !== player.step) { player.pause(); player.seek(step); }
  });
  c.output.addEventListener('keydown', (e) => {
    const cols = Number(c.output.dataset.cols);
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -cols, ArrowDown: cols };
    if (e.key in moves) {
      const to = player.step + moves[e.key];
      if (to >= 0 && to < player.count) { player.pause(); player.seek(to); }
    } else if (e.key === 'Home') { player.pause(); player.seek(0); }
    else if (e.key === 'End') { player.pause(); player.seek(player.count - 1); }
    else if (e.key === ' ' || e.key === 'Enter') player.toggle();
    else return;
    e.preventDefault();
  });
  return player;
}

/** Keeps the scrubber's range and the grid's column count in step with new settings. */
export function resizeControls(c: ControlTargets, s: Conv2dSettings): void {
  c.scrub.max = String(Math.max(0, stepCount(s) - 1));
  c.output.dataset.cols = String(outputShape(s)[1]);
  const disabled = stepCount(s) <= 1;
  c.play.disabled = disabled;
}

/** Autoplays while on screen, unless the reader asked for reduced motion or `held` (a link set its step). */
export function autoplayWhenVisible(el: HTMLElement, player: StepPlayer, held = false): void {
  matchMedia('(prefers-reduced-motion: reduce)').addEventListener('change', (e) => { if (e.matches) player.pause(); });
  if (reducedMotion() || !('IntersectionObserver' in window)) return;
  let userTookOver = held;
  el.addEventListener('pointerdown', () => (userTookOver = true), { capture: true });
  el.addEventListener('keydown', () => (userTookOver = true), { capture: true });
  new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting && !userTookOver && !reducedMotion()) player.play();
      else if (!e.isIntersecting) player.pause();
    }
  }, { threshold: 0.4 }).observe(el);
}

/** The Copy button of a code block (see copyCode). */
export function wireCopy(button: HTMLButtonElement, code: HTMLElement, status: HTMLElement): void {
  button.addEventListener('click', () => void copyCode(code.textContent ?? '', code, status));
}
