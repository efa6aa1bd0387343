// The one tfjs namespace type of the project: tfjs-core as src/lib/tfjs/backends.ts loads it (and
// the cells' namespace, which adds tfjs-layers). Type-only: importing it pulls no tfjs into a page.
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export type TF = typeof tfc;

/** What `import * as tf from '@tensorflow/tfjs'` gives a notebook cell: tfjs-core plus tfjs-layers. */
export type CellTF = TF & typeof tfl;
