// The animation of a 1D concept widget: the one StepPlayer (step-player.ts), autoplay while the widget is
// on screen (unless the reader asked for reduced motion, or a link or the student chose the step), and
// the student taking over by stepping, hovering or pressing Pause.
import { StepPlayer } from '../../../lib/concepts/step-player';

const STEP_MS = 1100;
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export class Concept1dPlayback {
  readonly player: StepPlayer;
  /** The player runs because the widget came into view (it stops when the widget leaves), not because the student pressed Play. */
  private autoPlaying = false;
  private observer: IntersectionObserver | null = null;

  /** `userTookOver`: a link set the step, which then stays put. `draw` redraws the step (the player's). */
  constructor(count: number, step: number, private userTookOver: boolean, draw: () => void) {
    this.player = new StepPlayer(count, draw, STEP_MS);
    this.player.step = step; // not through seek, which draws: the widget draws everything once
  }

  /** The step drawn. */
  get step(): number {
    return this.player.step;
  }

  /** Autoplays `widget` while a quarter of it is on screen; `onVisible` runs each time it comes into view. */
  watch(widget: HTMLElement, onVisible: () => void): void {
    this.observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.some((en) => en.isIntersecting);
        if (visible) {
          onVisible();
          if (!this.userTookOver && widget.dataset.autoplay !== 'false' && !reducedMotion()) this.play(true);
        } else if (this.autoPlaying) this.pause();
      },
      { threshold: 0.25 },
    );
    this.observer.observe(widget);
    matchMedia('(prefers-reduced-motion: reduce)').addEventListener('change', (e) => {
      if (e.matches && this.autoPlaying) this.pause();
    });
  }

  /** The student picked step `t` (clamped: stepping by hand stops at the ends, 0…last). */
  select(t: number, last: number): void {
    this.takeOver();
    if (!Number.isFinite(t)) return;
    this.player.seek(Math.max(0, Math.min(last, t)));
  }

  /** The Play/Pause button. */
  toggle(): void {
    if (this.player.playing) this.takeOver();
    else this.play(false);
  }

  takeOver(): void {
    this.userTookOver = true;
    this.pause();
  }

  stop(): void {
    this.pause();
    this.observer?.disconnect();
  }

  private play(auto: boolean): void {
    if (this.player.playing || (auto && reducedMotion())) return;
    this.autoPlaying = auto;
    this.player.play(!auto);
  }

  private pause(): void {
    this.autoPlaying = false;
    this.player.pause();
  }
}
