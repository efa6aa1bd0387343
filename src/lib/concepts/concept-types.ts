// The contract between a 1D concept module (pure) and the shared widget shell (SSR + custom element).
import type { ActivationName } from '../conv';

/**
 * One control of a widget; `key` names the state field (and prop) it edits. Its limits are the prop's
 * (`ConceptDef.props`): one set of limits for props, typed values, sliders and links. `name` is the short
 * form used in messages when the label is long.
 */
export type ControlSpec =
  | { kind: 'vector'; key: string; label: string; name?: string; help?: string }
  | { kind: 'rows'; key: string; label: string; name?: string; help?: string }
  | { kind: 'int'; key: string; label: string; name?: string; help?: string }
  | { kind: 'number'; key: string; label: string; name?: string; step: number; help?: string }
  | { kind: 'select'; key: string; label: string; name?: string; options: { value: string; label: string }[] }
  | { kind: 'toggle'; key: string; label: string; name?: string };

export type ConceptState = Record<string, unknown>;

export interface Row {
  name: string;
  values: number[];
}

/** A window sliding over one or more input rows (convolution or pooling). */
export interface SlideScene {
  kind: 'slide';
  title?: string;
  inputs: Row[];
  padding: number;
  /** 0 for convolution, −∞ for max pooling. */
  padValue: number;
  windowSize: number;
  stride: number;
  dilation: number;
  /** [C_out][C_in] kernel rows; absent for pooling. */
  kernels?: Row[][];
  outputs: Row[];
  /** Rows computed element-wise from the outputs (e.g. an activation), one per output channel. */
  derived?: Row[];
  /** Pooling: index into x of each window's maximum, [C][N_out]. */
  winners?: number[][];
}

/** The same sizes drawn as a fully connected and as a convolutional layer. */
export interface FcScene {
  kind: 'fc';
  nIn: number;
  nOut: number;
  k: number;
  fcWeights: number;
  convWeights: number;
}

/** An activation function's curve with sample points on it. */
export interface PlotScene {
  kind: 'plot';
  activation: ActivationName;
  label: string;
  z: number[];
  a: number[];
}

export type Scene = SlideScene | FcScene | PlotScene;

/** One animation step: output channel o, position i, and the sentence read out for it. */
export interface Step {
  o: number;
  i: number;
  sentence: string;
}

export interface Fact {
  label: string;
  text: string;
  /** Stable name for tests and styling. */
  key: string;
}

/** Math-core values the page prints and compares with tfjs. */
export interface Result {
  key: string;
  label: string;
  values: number[][];
}

/** Work for tfjs, done lazily in the browser; each result is compared with `expected`. */
export type TfTask =
  | { key: string; label: string; op: 'conv1d'; x: number[][]; w: number[][][]; b: number[] | null; padding: number; stride: number; dilation: number; activation?: ActivationName; expected: number[][] }
  | { key: string; label: string; op: 'maxPool1d'; x: number[][]; size: number; stride: number; padding: number; expected: number[][] }
  | { key: string; label: string; op: 'activation'; activation: ActivationName; z: number[][]; expected: number[][] }
  | { key: string; label: string; op: 'countConv1d'; inChannels: number; outChannels: number; kernelSize: number; length: number; useBias: boolean; expected: number }
  | { key: string; label: string; op: 'countDense'; inFeatures: number; outFeatures: number; useBias: boolean; expected: number };

/**
 * What a prop must be: the one set of limits that props (at build time), typed values, sliders and links
 * are all checked against (src/lib/concepts/fields.ts). `min`/`max` on lists bound each number.
 */
export type PropType = (
  | { type: 'vector'; minLength?: number; maxLength: number; min?: number; max?: number }
  | { type: 'rows'; maxRows: number; maxLength: number }
  | { type: 'int'; min: number; max: number }
  | { type: 'number'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: string[] }
) & {
  /** What the prop means, in one line: the authoring page's props table shows it (every concept prop has one). */
  doc?: string;
};

export interface View {
  /** Describes the diagram for screen readers. */
  ariaLabel: string;
  /** What one step is called in the step counter ("Window" unless set). */
  stepNoun?: string;
  scenes: Scene[];
  steps: Step[];
  facts: Fact[];
  results: Result[];
  tfTasks: TfTask[];
  /** The exact tfjs code for the current settings. */
  code: string;
  /**
   * The useful range of int/number controls given the other settings (the kernel fits, each step changes
   * something); the sliders show it within the prop's limits (see controlRange in fields.ts).
   */
  limits: Record<string, { min: number; max: number }>;
}

export interface ConceptDef {
  id: string;
  /** The component's name, for prop errors. */
  component: string;
  controls: ControlSpec[];
  /** Default state; props override it after validation. */
  defaults: () => ConceptState;
  /** The type of each prop an author may set (every state field is one). */
  props: Record<string, PropType>;
  /**
   * Why these settings cannot work together (e.g. the kernel does not fit), in the course's words, or
   * null. Checked before `build`, so a student never sees the math core's argument names.
   */
  check?: (state: ConceptState) => string | null;
  /** Computes everything the widget shows; throws a RangeError for invalid settings. */
  build: (state: ConceptState) => View;
}
