// Components an instructor may use in any MDX page without importing them.
import Hebrew from './Hebrew.astro';
import FigureSlot from './FigureSlot.astro';
import Conv2dTable from './concepts/Conv2dTable.astro';
import Conv2dAnimation from './concepts/Conv2dAnimation.astro';
import Conv2dExplorer from './concepts/Conv2dExplorer.astro';
import LeNetArchitecture from './concepts/LeNetArchitecture.astro';
import CrossCorrelation from './concepts/CrossCorrelation.astro';
import FcVsConv from './concepts/FcVsConv.astro';
import BiasActivation from './concepts/BiasActivation.astro';
import ActivationFunction from './concepts/ActivationFunction.astro';
import MultiChannelInput from './concepts/MultiChannelInput.astro';
import MultiChannelOutput from './concepts/MultiChannelOutput.astro';
import Padding from './concepts/Padding.astro';
import Stride from './concepts/Stride.astro';
import Dilation from './concepts/Dilation.astro';
import MaxPool from './concepts/MaxPool.astro';
import WeightsStatus from './workshop/WeightsStatus.astro';
import ReferenceWeights from './workshop/ReferenceWeights.astro';
import ConfusionMatrix from './workshop/ConfusionMatrix.astro';
import MistakesGallery from './workshop/MistakesGallery.astro';
import DrawDigit from './workshop/DrawDigit.astro';
import FeatureMaps from './workshop/FeatureMaps.astro';
import NotebookCell from './notebook/NotebookCell.astro';
import NotebookBar from './notebook/NotebookBar.astro';
import Exercise from './exercises/Exercise.astro';
import Hint from './exercises/Hint.astro';
import Solution from './exercises/Solution.astro';

export const mdxComponents = {
  Hebrew,
  FigureSlot,
  Conv2dTable,
  Conv2dAnimation,
  Conv2dExplorer,
  LeNetArchitecture,
  // The 1D concept widgets (props: src/components/concepts/README.md).
  CrossCorrelation,
  FcVsConv,
  BiasActivation,
  ActivationFunction,
  MultiChannelInput,
  MultiChannelOutput,
  Padding,
  Stride,
  Dilation,
  MaxPool,
  WeightsStatus,
  ReferenceWeights,
  ConfusionMatrix,
  MistakesGallery,
  DrawDigit,
  FeatureMaps,
  // Placed by the notebook remark plugin around ```ts cell blocks (see src/lib/notebook/README.md).
  NotebookCell,
  NotebookBar,
  // Exercises that check themselves (README.md, "Exercises").
  Exercise,
  Hint,
  Solution,
};
