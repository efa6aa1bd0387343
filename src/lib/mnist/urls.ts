/** Where the MNIST assets are: the folder of manifest.json and the files it names. */
import { withBase } from '../url/with-base';

export function mnistBaseUrl(): string {
  return withBase('data/mnist/');
}

/** The folder as an absolute URL ending in '/', resolved against the page's or worker's location. */
export function absoluteBase(baseUrl: string | undefined): string {
  const href = (globalThis as { location?: { href: string } }).location?.href;
  const url = new URL(baseUrl ?? mnistBaseUrl(), href ?? 'http://localhost/');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

export const manifestUrl = (base: string) => new URL('manifest.json', base).href;
