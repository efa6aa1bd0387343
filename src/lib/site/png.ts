/**
 * Renders an SVG to PNG at build time (social cards, app icons) with resvg and the DejaVu fonts from
 * npm, so the build needs no system font and draws the same text on every machine. Node only.
 */
import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const fontFiles = () => {
  const require = createRequire(join(process.cwd(), 'package.json'));
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
};

export function svgToPng(svg: string): Uint8Array<ArrayBuffer> {
  const resvg = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return new Uint8Array(resvg.render().asPng());
}
