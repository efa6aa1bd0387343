/** The web app manifest, so the course can be installed and opened offline like an app. */
import { withBase } from '../url/with-base';
import { SITE_NAME, SITE_TAGLINE } from './page-meta';
import { ICON_SIZES } from './app-icon';

export const iconPath = (size: number, maskable = false) => `icons/${maskable ? 'maskable' : 'icon'}-${size}.png`;

export function webManifest(base: string) {
  return {
    id: base,
    name: `${SITE_NAME}: convolutional neural networks`,
    short_name: SITE_NAME,
    description: SITE_TAGLINE,
    lang: 'en',
    dir: 'ltr',
    start_url: base,
    scope: base,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0a58ca',
    icons: [
      ...ICON_SIZES.map((s) => ({ src: withBase(iconPath(s), base), sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
      { src: withBase(iconPath(512, true), base), sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
