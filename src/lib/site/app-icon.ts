/**
 * The course's icon (the favicon's four squares) as SVG at any size, for the web app manifest. A
 * maskable icon keeps the squares inside the central safe zone (80%) on a full-bleed background.
 */
export const ICON_SIZES = [192, 512] as const;
export type IconSize = (typeof ICON_SIZES)[number];

export function appIconSvg(size: number, maskable = false): string {
  const s = size / 32;
  // The maskable variant scales the drawing to 60% around the centre so nothing is cropped.
  const inner = maskable ? 0.6 : 1;
  const o = (size * (1 - inner)) / 2;
  const q = (v: number) => +(o + v * s * inner).toFixed(2);
  const sq = (x: number, y: number, opacity?: string) =>
    `<rect x="${q(x)}" y="${q(y)}" width="${q(8) - o}" height="${q(8) - o}"${opacity ? ` opacity="${opacity}"` : ''}/>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<rect width="${size}" height="${size}"${maskable ? '' : ` rx="${6 * s}"`} fill="#0a58ca"/>`,
    `<g fill="#fff">${sq(6, 6)}${sq(18, 6, '.6')}${sq(6, 18, '.6')}${sq(18, 18)}</g>`,
    '</svg>',
  ].join('');
}
