// The ten probability bars of <draw-digit>, as list items (their numbers: src/lib/workshop/digit-reading.ts).
import type { ProbabilityBar } from '../../lib/workshop/digit-reading';

export function barItems(bars: ProbabilityBar[]): HTMLLIElement[] {
  return bars.map((b) => {
    const li = document.createElement('li');
    if (b.top) li.className = 'top';
    const label = document.createElement('span');
    label.textContent = String(b.digit);
    const track = document.createElement('span');
    const bar = document.createElement('span');
    bar.className = 'ws-bar';
    bar.style.display = 'block';
    bar.style.width = b.width;
    track.setAttribute('aria-hidden', 'true');
    track.append(bar);
    const value = document.createElement('span');
    value.textContent = b.text;
    li.append(label, track, value);
    return li;
  });
}
