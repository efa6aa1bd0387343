// The one tfjs namespace type of the project: tfjs-core as loadTf (src/lib/tfjs/load-tf.ts) loads it, for
// the host, the notebook and the lecture widgets alike (and tfjs-layers, and the cells' namespace, which
// adds it). Type-only: importing it pulls no tfjs into a page.
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export type TF = typeof tfc;

/** tfjs-layers' namespace (loadTfLayers). */
export type TFLayers = typeof tfl;

/** What `import * as tf from '@tensorflow/tfjs'` gives a notebook cell: tfjs-core plus tfjs-layers. */
export type CellTF = TF & TFLayers;
