// The app icons the web manifest lists, drawn at build time from the favicon's design.
import type { APIRoute, GetStaticPaths } from 'astro';
import { appIconSvg, ICON_SIZES } from '../../lib/site/app-icon';
import { iconPath } from '../../lib/site/web-manifest';
import { svgToPng } from '../../lib/site/png';

export const getStaticPaths = (() => {
  const icons = [...ICON_SIZES.map((size) => ({ size, maskable: false })), { size: 512, maskable: true }];
  return icons.map((i) => ({ params: { icon: iconPath(i.size, i.maskable).replace(/^icons\/|\.png$/g, '') }, props: i }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ size: number; maskable: boolean }> = ({ props }) =>
  new Response(svgToPng(appIconSvg(props.size, props.maskable)), { headers: { 'Content-Type': 'image/png' } });
