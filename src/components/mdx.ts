// Components an instructor may use in any MDX page without importing them.
import Hebrew from './Hebrew.astro';
import FigureSlot from './FigureSlot.astro';

export const mdxComponents = {
  Hebrew,
  FigureSlot,
};
