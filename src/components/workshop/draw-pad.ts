// The drawing pad of <draw-digit>: a canvas that takes strokes from a mouse, a pen or a finger and
// gives the drawing as an MNIST input (src/lib/workshop/digit-preprocess.ts).
import { drawingToInput, padPoint, PAD_STROKE_WIDTH } from '../../lib/workshop/digit-preprocess';

type Point = { x: number; y: number };

export class DrawPad {
  private readonly ctx: CanvasRenderingContext2D;
  private last: Point | null = null;

  /** `changed` runs as the student draws, and when a stroke ends. */
  constructor(private readonly canvas: HTMLCanvasElement, changed: () => void) {
    this.ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const at = (e: PointerEvent) => padPoint({ x: e.clientX, y: e.clientY }, canvas.getBoundingClientRect(), canvas);
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.last = at(e);
      this.stroke(this.last, this.last);
      e.preventDefault();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.last) return;
      const p = at(e);
      this.stroke(this.last, p);
      this.last = p;
      changed();
    });
    const end = () => {
      if (!this.last) return;
      this.last = null;
      changed();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  private stroke(a: Point, b: Point) {
    const c = this.ctx;
    c.strokeStyle = '#fff';
    c.lineWidth = PAD_STROKE_WIDTH;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(a.x, a.y);
    c.lineTo(b.x, b.y);
    c.stroke();
  }

  clear(): void {
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** The drawing as the network sees it (28×28 in [0,1]), or null while the pad is blank. */
  input(): Float32Array | null {
    const { width, height } = this.canvas;
    return drawingToInput(this.ctx.getImageData(0, 0, width, height).data, width, height);
  }
}
