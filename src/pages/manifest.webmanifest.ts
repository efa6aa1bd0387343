import type { APIRoute } from 'astro';
import { webManifest } from '../lib/site/web-manifest';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(webManifest(import.meta.env.BASE_URL), null, 2), { headers: { 'Content-Type': 'application/manifest+json' } });
