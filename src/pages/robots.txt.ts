// robots.txt naming the sitemap. (On a GitHub Pages project site crawlers read robots.txt at the
// domain root; this copy still serves a custom domain or a user site, where the base is "/".)
import type { APIRoute } from 'astro';
import { withBase } from '../lib/url/with-base';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(withBase('sitemap-index.xml'), site).href;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
