// One entry point for drawing any 1D concept scene at a step.
import type { Scene, Step } from './concept-types';
import { fcSvg } from './fc-svg';
import { plotSvg } from './plot-svg';
import { slideSvg } from './slide-svg';

export function sceneSvg(scene: Scene, steps: Step[], t: number, id: string, ariaLabel: string): string {
  switch (scene.kind) {
    case 'slide':
      return slideSvg(scene, steps, t, id, ariaLabel);
    case 'fc':
      return fcSvg(scene, steps, t, id, ariaLabel);
    case 'plot':
      return plotSvg(scene, steps, t, id, ariaLabel);
  }
}
