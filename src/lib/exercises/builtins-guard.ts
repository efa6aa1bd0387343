/**
 * Grading out of the student's reach: the built-ins as they were before any student code ran, put
 * back before a check grades (and after each call of the student's function), so that
 * `Math.abs = () => 0` or a replaced `Array.prototype.map` cannot fool the comparison, and does not
 * outlive the check. Why restore rather than a second realm: the workshop's checks must read the
 * notebook's own objects (a trained network), which live in the student's realm.
 * Uses only functions captured when this module loads; no DOM (runs in the notebook's worker and in Node).
 */
const { defineProperty, deleteProperty, getOwnPropertyDescriptor, ownKeys, getPrototypeOf, setPrototypeOf } = Reflect;
const { is } = Object;
const hasOwn = Object.hasOwn;
const StringOf = String;

type Descriptor = PropertyDescriptor & { [k: string]: unknown };
interface Entry {
  target: object;
  /** "Math", "Array.prototype"…: how a restored property is named to the student. */
  name: string;
  keys: PropertyKey[];
  descriptors: Descriptor[];
  /** Remove properties added after the snapshot (not on the global object: the notebook's names live there too). */
  removeAdded: boolean;
}

/** The ECMAScript built-ins the checks and the math core use, with their prototypes. */
const INTRINSICS = [
  'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect',
  'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError',
  'ArrayBuffer', 'DataView', 'Float32Array', 'Float64Array', 'Int32Array', 'Uint8Array', 'Uint8ClampedArray',
];

function snapshot(target: object, name: string, removeAdded: boolean): Entry {
  const keys = ownKeys(target);
  const descriptors: Descriptor[] = [];
  for (let i = 0; i < keys.length; i++) {
    const d = getOwnPropertyDescriptor(target, keys[i]) as Descriptor;
    setPrototypeOf(d, null); // an Object.prototype.get added later must not turn it into an accessor
    descriptors[i] = d;
  }
  return { target, name, keys, descriptors, removeAdded };
}

const same = (a: Descriptor | undefined, b: Descriptor) =>
  a !== undefined && is(a.value, b.value) && is(a.get, b.get) && is(a.set, b.set) && a.writable === b.writable && a.configurable === b.configurable && a.enumerable === b.enumerable;

const keyName = (k: PropertyKey) => (typeof k === 'symbol' ? `[${StringOf(k.description)}]` : StringOf(k));

export interface BuiltinsGuard {
  /**
   * Puts back every built-in that changed since the snapshot; returns their names ("Math.abs").
   * Throws an Error naming the built-in when one cannot be put back (frozen by the student's code).
   */
  restore(): string[];
}

/** Takes the snapshot now: call it before any student code runs. */
export function guardBuiltins(global: object = globalThis): BuiltinsGuard {
  const entries: Entry[] = [];
  const g = global as Record<string, unknown>;
  for (let i = 0; i < INTRINSICS.length; i++) {
    const name = INTRINSICS[i];
    const value = g[name];
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    entries.push(snapshot(value, name, true));
    const proto = (value as { prototype?: unknown }).prototype;
    if (proto && typeof proto === 'object') entries.push(snapshot(proto, `${name}.prototype`, true));
  }
  // What spread, for…of and typed arrays use behind the scenes.
  const arrayIterator = getPrototypeOf([][Symbol.iterator]()) as object;
  entries.push(snapshot(arrayIterator, 'the array iterator', true), snapshot(getPrototypeOf(arrayIterator) as object, 'the iterator prototype', true));
  const typedArray = getPrototypeOf(Float32Array) as { prototype: object };
  entries.push(snapshot(typedArray, 'TypedArray', true), snapshot(typedArray.prototype, 'TypedArray.prototype', true));
  // The global object: its built-in names (structuredClone, postMessage, isNaN…), and what its prototypes hold.
  entries.push(snapshot(global, 'globalThis', false));
  const shadowable: PropertyKey[] = [];
  for (let p = getPrototypeOf(global); p && p !== Object.prototype; p = getPrototypeOf(p)) {
    const e = snapshot(p as object, 'globalThis', true);
    entries.push(e);
    for (let i = 0; i < e.keys.length; i++) shadowable.push(e.keys[i]);
  }

  return {
    restore() {
      const restored: string[] = [];
      for (let i = 0; i < entries.length; i++) {
        const { target, name, keys, descriptors, removeAdded } = entries[i];
        for (let j = 0; j < keys.length; j++) {
          const now = getOwnPropertyDescriptor(target, keys[j]) as Descriptor | undefined;
          if (same(now, descriptors[j])) continue;
          if (!defineProperty(target, keys[j], descriptors[j])) throw new Error(`${name}.${keyName(keys[j])} was replaced and made unchangeable`);
          restored[restored.length] = `${name}.${keyName(keys[j])}`;
        }
        const current = ownKeys(target);
        for (let j = 0; j < current.length; j++) {
          const k = current[j];
          if (hasOwn(target, k) && !hasKey(keys, k) && (removeAdded || (target === global && hasKey(shadowable, k)))) {
            if (!deleteProperty(target, k)) throw new Error(`${name}.${keyName(k)} was added and made unchangeable`);
            restored[restored.length] = `${name}.${keyName(k)}`;
          }
        }
      }
      return restored;
    },
  };
}

function hasKey(keys: PropertyKey[], k: PropertyKey): boolean {
  for (let i = 0; i < keys.length; i++) if (keys[i] === k) return true;
  return false;
}
