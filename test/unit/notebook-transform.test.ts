import { describe, expect, it } from 'vitest';
import { compileCell } from '../../src/lib/notebook/transform';
import { CellSyntaxError } from '../../src/lib/notebook/cell-syntax-error';
import { patternNames } from '../../src/lib/notebook/cell-bindings';
import { CellRuntime } from '../../src/lib/notebook/runner';
import { parse } from 'acorn';

describe('compileCell', () => {
  it('keeps every line of the cell on the same line', () => {
    const src = 'interface P {\n  x: number;\n}\nconst a: number = 1,\n  b = 2;\nclass C {}\nfunction f(): void {}\na + b';
    const { body } = compileCell(src);
    expect(body.split('\n').length).toBe(src.split('\n').length + 1); // + the closing brace
  });

  it('reports the names a cell declares, patterns included', () => {
    const { declared } = compileCell('const { a, b: [c, ...d] } = o;\nlet e;\nvar [f = 1] = [];\nclass G {}\nfunction h() {}\nfor (const i of []) {}');
    expect(declared.sort()).toEqual(['a', 'c', 'd', 'e', 'f', 'G', 'h'].sort());
  });

  it('turns the last expression into the return value, and only then', () => {
    expect(compileCell('1 + 2').returnsValue).toBe(true);
    expect(compileCell('const x = 1').returnsValue).toBe(false);
    expect(compileCell('"use strict"').returnsValue).toBe(false);
  });

  it('produces code a JS parser accepts', () => {
    const { body } = compileCell('const a = 1\nlet b\nclass K { m() { return a } }\n(async () => 1)()\nawait 0\nb');
    expect(() =>
      parse(`(async function (__nbScope) {${body}})`, { ecmaVersion: 'latest', sourceType: 'script' }),
    ).not.toThrow();
  });

  it('names bound by patterns', () => {
    const node = (parse('({ a, b: { c }, ...r } = x)', { ecmaVersion: 'latest' }) as any).body[0].expression.left;
    expect(patternNames(node)).toEqual(['a', 'c', 'r']);
  });
});

describe('the cell runtime: cells share state like a notebook', () => {
  it('top-level declarations are visible to later cells', async () => {
    const k = new CellRuntime();
    await k.run('const a = 2\nlet b = 3\nfunction f(x: number) { return x * a }\nclass P { v = b }', 'c1');
    expect(await k.run('f(10) + new P().v', 'c2')).toBe(23);
  });

  it('re-running a cell redefines its names, and functions see the new values', async () => {
    const k = new CellRuntime();
    await k.run('const scale = 2', 'c1');
    await k.run('const times = (x: number) => x * scale', 'c2');
    expect(await k.run('times(5)', 'c3')).toBe(10);
    await k.run('const scale = 3', 'c1');
    expect(await k.run('times(5)', 'c3')).toBe(15);
    await k.run('function times(x: number) { return -x }', 'c2');
    expect(await k.run('times(5)', 'c3')).toBe(-5);
  });

  it('a parenthesised final expression (an object literal) is the cell\'s value', async () => {
    const k = new CellRuntime();
    expect(await k.run('const a = 1;\n({ a, b: 2 })', 'c1')).toEqual({ a: 1, b: 2 });
    expect(await k.run('(1 + 2) * 3;', 'c2')).toBe(9);
    expect(await k.run('(a)\n', 'c3')).toBe(1);
  });

  it('functions are hoisted within their cell', async () => {
    const k = new CellRuntime();
    expect(await k.run('g()\nfunction g() { return "hoisted" }\ng()', 'c1')).toBe('hoisted');
  });

  it('supports top-level await', async () => {
    const k = new CellRuntime();
    await k.run('const v = await new Promise<number>((r) => setTimeout(() => r(42), 1))', 'c1');
    expect(await k.run('v', 'c2')).toBe(42);
    expect(await k.run('await Promise.resolve("done")', 'c3')).toBe('done');
  });

  it('strips TypeScript: types, interfaces, generics, enums, as, non-null', async () => {
    const k = new CellRuntime();
    const src = [
      'interface Point { x: number; y: number }',
      'type Pair<T> = [T, T];',
      'enum Color { Red, Green }',
      'function len<T extends Point>(p: T): number { return Math.hypot(p.x, p.y) }',
      'const pair: Pair<number> = [3, 4];',
      'let n!: number;',
      'n = len({ x: pair[0], y: pair[1] } as Point)',
      'Color.Green + n',
    ].join('\n');
    expect(await k.run(src, 'ts')).toBe(6);
  });

  it('builtins are visible and a cell without a final expression returns undefined', async () => {
    const k = new CellRuntime({ answer: 41 });
    expect(await k.run('const b = answer + 1;', 'c1')).toBeUndefined();
    expect(k.scope.b).toBe(42);
  });
});

describe('the cell runtime: errors point at the cell line that failed', () => {
  it('a syntax error names its line', async () => {
    const k = new CellRuntime();
    const err = await k.run('const a = 1\nconst b = ;\n', 'bad').catch((e) => e);
    expect(err).toBeInstanceOf(CellSyntaxError);
    expect(k.describe(err, 'bad')).toMatchObject({ name: 'SyntaxError', location: { cell: 'bad', line: 2 } });
  });

  it('a TypeScript syntax error names its line', async () => {
    const k = new CellRuntime();
    const err = await k.run('let x: number = 1\n\nfunction (a: ) {}', 'bad').catch((e) => e);
    expect(k.describe(err, 'bad').location?.line).toBe(3);
  });

  it('a runtime error names the line, after type stripping and the rewrite', async () => {
    const k = new CellRuntime();
    const src = 'interface A {\n  x: number\n}\nconst a: A = { x: 1 }\nconst b = 2\nconst c = (a as any).missing.y\n';
    const err = await k.run(src, 'rt').catch((e) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(k.describe(err, 'rt')).toMatchObject({ name: 'TypeError', location: { cell: 'rt', line: 6 } });
  });

  it('an error thrown in a function from an earlier cell points at that cell', async () => {
    const k = new CellRuntime();
    await k.run('function boom() {\n  throw new RangeError("no")\n}', 'defs');
    const err = await k.run('const z = 1\nboom()', 'use').catch((e) => e);
    expect(k.describe(err, 'use')).toMatchObject({ name: 'RangeError', message: 'no', location: { cell: 'defs', line: 2 } });
  });

  it('a thrown non-Error is described', async () => {
    const k = new CellRuntime();
    const err = await k.run('throw "plain"', 'c').catch((e) => e);
    expect(k.describe(err, 'c').message).toBe('Uncaught "plain"');
  });

  it('state survives a failed cell', async () => {
    const k = new CellRuntime();
    await k.run('const keep = 7', 'c1');
    await k.run('null.x', 'c2').catch(() => undefined);
    expect(await k.run('keep', 'c3')).toBe(7);
  });
});

describe('imports in cells', () => {
  const modules: Record<string, Record<string, unknown>> = { m: { a: 1, b: 2, default: 'D' } };
  const __import = async (name: string) => {
    if (!(name in modules)) throw new Error(`cannot import ${name}`);
    return modules[name];
  };

  it('namespace, named, renamed and default imports become shared names', async () => {
    const k = new CellRuntime({ __import });
    await k.run("import * as ns from 'm';\nimport { a, b as bee } from 'm'\nimport d from 'm'", 'imports');
    expect(await k.run('[ns.a, a, bee, d]', 'use')).toEqual([1, 1, 2, 'D']);
  });

  it('an import used only for its types in the same cell is kept for later cells', async () => {
    const k = new CellRuntime({ __import });
    await k.run("import * as ns from 'm'\nlet x: ns.Thing", 'c1');
    expect(await k.run('ns.b', 'c2')).toBe(2);
  });

  it('a multi-line import keeps line numbers', async () => {
    const k = new CellRuntime({ __import });
    const err = await k.run("import {\n  a,\n  b,\n} from 'm'\nnull.x", 'c').catch((e) => e);
    expect(k.describe(err, 'c').location?.line).toBe(5);
  });

  it('export is refused with a clear message', () => {
    expect(() => compileCell('export const a = 1')).toThrow(/export is not needed/);
  });
});
