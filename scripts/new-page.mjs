#!/usr/bin/env node
// `npm run new -- lecture 11 "Recurrent networks"` (or workshop): writes content/lectures/11-recurrent-networks.mdx,
// a page that builds as it is, with one example of each kind of block. Refuses a number or a file that
// already exists. The file name and the text come from src/lib/authoring/new-page.ts (unit-tested).
// Options: --root DIR writes under another project folder (the tests use a temporary one).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newPage, readArgs } from '../src/lib/authoring/new-page.ts';

const args = process.argv.slice(2);
let root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = args.indexOf('--root');
if (at >= 0) {
  root = resolve(args[at + 1] ?? '.');
  args.splice(at, 2);
}

const read = readArgs(args);
if (!read.ok) {
  console.error(`npm run new: ${read.message}`);
  process.exit(2);
}
const folder = join(root, 'content', `${read.kind}s`);
const existing = existsSync(folder) ? readdirSync(folder) : [];
const page = newPage(read.kind, read.number, read.title, existing);
if (!page.ok) {
  console.error(`npm run new: ${page.message}`);
  process.exit(1);
}
mkdirSync(folder, { recursive: true });
writeFileSync(join(root, page.file), page.text, { flag: 'wx' });
console.log(`wrote ${page.file}
  npm run dev, then open /cnn-course/${read.kind}s/${page.file.replace(/^.*\//, '').replace(/\.mdx$/, '')}/
  every component, its props and a snippet to copy: /cnn-course/authoring/`);
