// The math module: pure functions on channels-first nested arrays (see DESIGN.md, "The math module").
export { conv1d, planConv1d, inputIndex1d, type Conv1dOptions, type Conv1dPlan } from './conv1d';
export { conv2d, planConv2d, type Conv2dOptions, type Conv2dPlan } from './conv2d';
export { maxPool1d, maxPool2d, planMaxPool1d, argMaxWindow1d, type Pool1dOptions, type Pool2dOptions, type Pool1dPlan } from './pool';
export { outputSize, convParamCount, denseParamCount, receptiveSpan, type SizeOptions, type ParamCountOptions } from './size';
export { traceConv1d, traceConv1dWithPlan, traceMaxPool1d, type Tap1d, type OutputTrace1d, type PoolTrace1d } from './trace';
export { flipKernel1d, convolve1d } from './flip';
export { ACTIVATIONS, ACTIVATION_NAMES, activate, isActivationName, LEAKY_RELU_ALPHA, type ActivationName, type ActivationInfo } from './activation';
export type { Pair } from './validate';
