// One social card (Open Graph / Twitter image) per page, drawn at build time.
import type { APIRoute, GetStaticPaths } from 'astro';
import { courseItems } from '../../lib/site/entries';
import { courseCard, HOME_CARD, SITE_NAME, type SocialCard } from '../../lib/site/page-meta';
import { socialCardSvg } from '../../lib/site/social-card';
import { svgToPng } from '../../lib/site/png';

export const getStaticPaths = (async () => {
  const cards = [HOME_CARD, ...(await courseItems()).map(courseCard)];
  return cards.map((card) => ({ params: { card: card.path.replace(/^social\/|\.png$/g, '') }, props: { card } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: SocialCard }> = ({ props }) =>
  new Response(svgToPng(socialCardSvg(props.card.content, SITE_NAME)), { headers: { 'Content-Type': 'image/png' } });
