// The names src/components/mdx.ts registers for MDX pages, read from its source (it imports .astro files,
// which Node cannot load).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = readFileSync(fileURLToPath(new URL('../../src/components/mdx.ts', import.meta.url)), 'utf8');
const body = /export const mdxComponents = \{([\s\S]*?)\};/.exec(source)![1];
export const mdxComponents: string[] = body
  .split('\n')
  .map((line) => line.replace(/\/\/.*$/, '').trim())
  .filter(Boolean)
  .map((line) => line.replace(/,$/, ''));
