// Every 1D concept by id: the widget shell and the custom element look definitions up here.
import type { ConceptDef } from './concept-types';
import { activationFunction } from './activation-function';
import { biasActivation } from './bias-activation';
import { crossCorrelation } from './cross-correlation';
import { dilation } from './dilation';
import { fcVsConv } from './fc-vs-conv';
import { maxPool } from './max-pool';
import { multiIn } from './multi-in';
import { multiOut } from './multi-out';
import { padding } from './padding';
import { stride } from './stride';

export const concepts1d: Record<string, ConceptDef> = Object.fromEntries(
  [crossCorrelation, fcVsConv, biasActivation, activationFunction, multiIn, multiOut, padding, stride, dilation, maxPool].map((c) => [c.id, c]),
);

export function conceptById(id: string): ConceptDef {
  const def = concepts1d[id];
  if (!def) throw new Error(`unknown 1D concept "${id}" (known: ${Object.keys(concepts1d).join(', ')})`);
  return def;
}
