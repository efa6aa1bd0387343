// The original notebook of a workshop as a .ipynb file, built from its MDX: the remark plugin
// (src/lib/notebook/remark-cells.ts) collects the prose and the ```python original blocks into
// `originalNotebook`; ipynb.ts writes them as nbformat 4.5. Only pages with such blocks get one.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, render } from 'astro:content';
import { ipynbText, toIpynb } from '../../lib/notebook/ipynb';
import type { NotebookSourceCell } from '../../lib/notebook/ipynb-cells';
import { withBase } from '../../lib/url/with-base';

export const getStaticPaths = (async () => {
  const paths = [];
  for (const entry of await getCollection('workshops')) {
    const { remarkPluginFrontmatter } = await render(entry);
    const cells = remarkPluginFrontmatter.originalNotebook as NotebookSourceCell[] | undefined;
    if (cells?.length) paths.push({ params: { slug: entry.id }, props: { title: entry.data.title, cells } });
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props, site }) => {
  const { title, cells } = props as { title: string; cells: NotebookSourceCell[] };
  const page = withBase(`workshops/${params.slug}/`);
  const pageUrl = site ? new URL(page, site).href : page;
  return new Response(ipynbText(toIpynb(cells, { title, pageUrl })), {
    headers: { 'Content-Type': 'application/x-ipynb+json; charset=utf-8' },
  });
};
