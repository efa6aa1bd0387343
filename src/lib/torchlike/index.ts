// The course's small PyTorch-like library on tfjs-core, one concept per file: the notebook's cells,
// LeNet-5 (src/lib/lenet) and the Node scripts build and train models with it.
export { useTf, boundTf } from './backend';
export { manualSeed, seeded, uniformInit } from './init';
export { Module, layerOutputs, type LayerOutput } from './module';
export { Conv2d, MaxPool2d, Linear, type Conv2dOptions, type MaxPool2dOptions, type LinearOptions } from './layers';
export { crossEntropy, CrossEntropyLoss } from './loss';
export { backward, noGrad, LossValue } from './autograd';
export { SGD } from './optim';
export { Dataset, DataLoader, ImageList, type DataLoaderOptions } from './data';
export { train, validationLoss, sgdStep, mean, EndRun, type RunControl, type TrainLists } from './train';
export { historyOf, type TrainConfig, type TrainHistory } from './train-config';
