// Components an instructor may use in any MDX page without importing them.
import Hebrew from './Hebrew.astro';
import FigureSlot from './FigureSlot.astro';
import Conv2dTable from './concepts/Conv2dTable.astro';
import Conv2dAnimation from './concepts/Conv2dAnimation.astro';
import Conv2dExplorer from './concepts/Conv2dExplorer.astro';
import LeNetArchitecture from './concepts/LeNetArchitecture.astro';
import MnistInspector from './workshop/MnistInspector.astro';

export const mdxComponents = {
  Hebrew,
  FigureSlot,
  Conv2dTable,
  Conv2dAnimation,
  Conv2dExplorer,
  LeNetArchitecture,
  MnistInspector,
};
