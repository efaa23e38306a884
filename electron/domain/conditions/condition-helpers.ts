import { asBoolean, isEmpty, toInstant, toNumber, toText } from './values';

/** `some` for a comparison on a field that may be a list: any element, or the value itself when it is not one. */
function some(v: unknown, test: (x: unknown) => boolean, orSelf?: boolean): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (test(v[i])) return true;
    return false;
  }
  return orSelf === true ? test(v) : false;
}

function every(v: unknown, test: (x: unknown) => boolean): boolean {
  return Array.isArray(v) && v.every(test);
}

/** `includes`: a list holding one of the set's values, or a single value in the set, compared in the field's kind. */
function has(v: unknown, set: Set<unknown>, normalize: (x: unknown) => unknown): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (set.has(x) || set.has(normalize(x))) return true;
    }
    return false;
  }
  return set.has(v) || set.has(normalize(v));
}

function contains(t: string | undefined, s: string): boolean {
  return t !== undefined && t.includes(s);
}
function startsWith(t: string | undefined, s: string): boolean {
  return t !== undefined && t.startsWith(s);
}
function endsWith(t: string | undefined, s: string): boolean {
  return t !== undefined && t.endsWith(s);
}

/** A list element as `item`: the element itself, unless it is an object with its own `item` key. */
function itemOf(x: unknown): unknown {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && 'item' in x ? (x as { item: unknown }).item : x;
}

/** What generated conditions call; small functions the engine inlines. */
export const helpers = { toNumber, toInstant, toText, asBoolean, isEmpty, has, some, every, contains, startsWith, endsWith, itemOf };
export type Helpers = typeof helpers;
