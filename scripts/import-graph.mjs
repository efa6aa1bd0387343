#!/usr/bin/env node
// `node scripts/import-graph.mjs [--files]`: the folder→folder imports among src/lib's folders, any
// import from src/lib into src/components or src/workers (src/lib must import nothing from them), and
// the cycles among src/lib's folders. --files also names the file→file imports behind each edge.
// Reads relative imports only (static `import … from`, `export … from`, side-effect `import '…'`,
// dynamic `import('…')`); packages and virtual modules are outside the graph.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(ts|mjs|astro)$/;
const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative specifiers a file imports (comments are blanked first, so an example in one is not read). */
export function importSpecifiers(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  const found = new Set();
  for (const pattern of SPECIFIERS) for (const m of code.matchAll(pattern)) if (m[1].startsWith('.')) found.add(m[1]);
  return [...found];
}

/** The file a relative specifier names: as written, or with .ts/.mjs/index.ts, or .js written for .ts. */
function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  const tries = [base, `${base}.ts`, `${base}.mjs`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  return tries.find((p) => existsSync(p) && statSync(p).isFile());
}

/** Where a file sits: `lib/<folder>`, `components`, `workers`, or undefined (elsewhere in src). */
function area(srcDir, file) {
  const [top, sub, ...rest] = relative(srcDir, file).split(/[\\/]/);
  if (top === 'lib') return rest.length ? `lib/${sub}` : 'lib';
  return top === 'components' || top === 'workers' ? top : undefined;
}

/** Strongly connected components with more than one folder, each sorted, by Tarjan's algorithm. */
function cyclicGroups(nodes, next) {
  const index = new Map(), low = new Map(), stack = [], onStack = new Set(), groups = [];
  const visit = (v) => {
    index.set(v, index.size), low.set(v, index.get(v)), stack.push(v), onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) visit(w), low.set(v, Math.min(low.get(v), low.get(w)));
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = [];
    for (let w; w !== v; ) (w = stack.pop()), onStack.delete(w), group.push(w);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return groups;
}

/** Every simple cycle among the folders, each starting at its smallest folder (the graph is small). */
function simpleCycles(nodes, next) {
  const cycles = [];
  for (const start of nodes) {
    const walk = (v, path) => {
      for (const w of next(v)) {
        if (w === start) cycles.push([...path, start]);
        else if (w > start && !path.includes(w)) walk(w, [...path, w]);
      }
    };
    walk(start, [start]);
  }
  return cycles;
}

/**
 * The import graph of `srcDir` (a project's src/) at folder level.
 * @param {string} srcDir
 * @returns {{ libEdges: { from: string, to: string, files: string[] }[], outward: { from: string, to: string }[],
 *   groups: string[][], cycles: string[][] }}
 *   libEdges: folder→folder imports among src/lib's folders (`files`: "a.ts → b.ts", relative to src/lib);
 *   outward: file→file imports from src/lib into components or workers; groups: folders that reach each
 *   other (strongly connected); cycles: each simple cycle, as the path of folders back to its start.
 */
export function importGraph(srcDir) {
  const src = resolve(srcDir);
  const edges = new Map(), outward = [];
  for (const file of sourceFiles(src)) {
    const from = area(src, file);
    if (!from?.startsWith('lib')) continue;
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, specifier);
      const to = target && area(src, target);
      if (!to) continue;
      if (to === 'components' || to === 'workers') outward.push({ from: relative(src, file), to: relative(src, target) });
      else if (from !== 'lib' && to.startsWith('lib/') && to !== from) {
        const key = `${from.slice(4)}\t${to.slice(4)}`;
        if (!edges.has(key)) edges.set(key, []);
        edges.get(key).push(`${relative(join(src, 'lib'), file)} → ${relative(join(src, 'lib'), target)}`);
      }
    }
  }
  const libEdges = [...edges].map(([key, files]) => {
    const [from, to] = key.split('\t');
    return { from, to, files: files.sort() };
  }).sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const nodes = [...new Set(libEdges.flatMap((e) => [e.from, e.to]))].sort();
  const next = (v) => libEdges.filter((e) => e.from === v).map((e) => e.to);
  outward.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { libEdges, outward, groups: cyclicGroups(nodes, next), cycles: simpleCycles(nodes, next) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const showFiles = process.argv.includes('--files');
  const graph = importGraph(srcDir);
  console.log('src/lib folder → folder:');
  for (const e of graph.libEdges) {
    console.log(`  ${e.from} → ${e.to} (${e.files.length})`);
    if (showFiles) for (const f of e.files) console.log(`      ${f}`);
  }
  console.log(`src/lib → components/workers: ${graph.outward.length ? '' : 'none'}`);
  for (const o of graph.outward) console.log(`  ${o.from} → ${o.to}`);
  console.log(`cycles among src/lib's folders: ${graph.cycles.length ? '' : 'none'}`);
  for (const c of graph.cycles) console.log(`  ${c.join(' → ')}`);
  process.exitCode = graph.cycles.length || graph.outward.length ? 1 : 0;
}
