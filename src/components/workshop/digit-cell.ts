// A clickable MNIST digit (28×28 canvas + caption lines), shared by the prediction grid and the
// gallery of mistakes; clicking shows the digit's feature maps.
import { grayToRgba } from '../../lib/workshop/image';
import { bytesToUnit, selectDigit } from './host';

export function drawDigit(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, max = 1): void {
  canvas.width = 28;
  canvas.height = 28;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(new ImageData(grayToRgba(pixels, { min: 0, max }), 28, 28), 0, 0);
}

export function digitButton(images: Uint8Array, k: number, lines: string[], wrong: boolean, title: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = wrong ? 'ws-digit wrong' : 'ws-digit';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  drawDigit(canvas, images.subarray(k * 784, (k + 1) * 784), 255);
  b.append(canvas);
  for (const line of lines) {
    const span = document.createElement('span');
    span.textContent = line;
    b.append(span);
  }
  if (wrong) {
    const mark = document.createElement('span');
    mark.className = 'visually-hidden';
    mark.textContent = '(wrong)';
    b.append(mark);
  }
  b.title = `Show the feature maps of ${title}`;
  b.addEventListener('click', () => selectDigit({ image: bytesToUnit(images, k * 784), title }));
  return b;
}
