import type { Comparison, ComparisonOperator, ConditionExpression, Literal } from '../workflow/workflow-definition';
import { compileReader, type Reader } from './read-field';
import { helpers, type Helpers } from './condition-helpers';
import { asBoolean, toInstant, toNumber, toText, type ValueKind } from './values';

export type { ValueKind } from './values';

export interface FieldShape {
  kind: ValueKind;
  /** The field holds a list of values (tags, ids). */
  list: boolean;
}

/** The shape of each field the condition may name; `item` inside a list test is the list's element. */
export type FieldShapes = Readonly<Record<string, FieldShape>>;

export type CompiledCondition = (data: unknown) => boolean;

/** A condition that cannot be compiled (an unknown operator, a literal of the wrong kind), with where. */
export class ConditionCompileError extends Error {
  override readonly name = 'ConditionCompileError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * Compiles a condition once into one function evaluated per event. The condition is written out as
 * JavaScript, the way a person would write it by hand (`toNumber(R0(d)) > 100 && ...` for
 * `order.totalPriceSet.shopMoney.amount`, R0 its compiled path reader), so
 * an evaluation costs about what a handwritten function does: a tree of closures measured 3.3–5× the
 * time of a handwritten function, this about 1.1–1.2× (docs/runtime.md).
 *
 * Nothing from the workflow becomes code but the structure: field names and text literals enter the
 * source only through JSON.stringify (a string literal, nothing else), numbers as numbers, and
 * everything else (readers for dotted paths, value sets, list-item tests) is passed in by index.
 */
export function compileCondition(expr: ConditionExpression, fields: FieldShapes = {}): CompiledCondition {
  return compile(expr, fields, false);
}

/**
 * `itemScope`: the condition tests one element of a list (a list test's item). Its fields are the
 * element's own keys, and `item` is the element itself (a tag, or the line item), read in place: an
 * element is never copied into a scope object, which cost a new object per element per evaluation
 * (measured 30× the time of handwritten JavaScript for a test over line items).
 */
function compile(expr: ConditionExpression, fields: FieldShapes, itemScope: boolean): CompiledCondition {
  const ctx: Emit = { fields, readers: [], sets: [], items: [], tests: [], itemScope };
  const body = emitNode(expr, ctx, 'condition', 'd');
  // Tests of one value (list elements) are made once, here, not once per evaluation.
  const tests = ctx.tests.map((test, i) => `const P${i} = (x) => ${test};\n`).join('');
  // Readers and item tests as constants of the closure, not array slots: a constant callee the engine can inline.
  const constants = [...ctx.readers.map((_, i) => `const R${i} = R[${i}];\n`), ...ctx.items.map((_, i) => `const C${i} = C[${i}];\n`)].join(
    '',
  );
  // Inside a list test, `e` keeps the element (scalars too) for `item`; `d` is it when it has keys to read.
  const scope = itemScope
    ? `function condition(e) {\n  const d = e !== null && typeof e === 'object' && !Array.isArray(e) ? e : EMPTY;\n`
    : `function condition(d) {\n  if (d === null || typeof d !== 'object') d = EMPTY;\n`;
  const source =
    `const { toNumber, toInstant, toText, asBoolean, isEmpty, has, some, every, contains, startsWith, endsWith, itemOf } = h;\n${constants}${tests}` +
    `return ${scope}  return ${body};\n};`;
  // eslint-disable-next-line no-new-func -- see above: only structure is code.
  const make = new Function('h', 'R', 'S', 'C', 'EMPTY', source) as (
    h: Helpers,
    R: Reader[],
    S: Set<unknown>[],
    C: CompiledCondition[],
    empty: object,
  ) => CompiledCondition;
  return make(helpers, ctx.readers, ctx.sets, ctx.items, EMPTY);
}

const EMPTY = Object.freeze({});

interface Emit {
  fields: FieldShapes;
  readers: Reader[];
  sets: Set<unknown>[];
  items: CompiledCondition[];
  /** Source of tests of one value `x`, emitted as P0, P1, ... */
  tests: string[];
  /** Compiling a list test's item: `item` is the element (see compile). */
  itemScope: boolean;
}

function testOf(ctx: Emit, source: string): string {
  return `P${ctx.tests.push(source) - 1}`;
}

function emitNode(expr: ConditionExpression, ctx: Emit, path: string, d: string): string {
  switch (expr.kind) {
    case 'group': {
      if (expr.operator !== 'and' && expr.operator !== 'or')
        throw new ConditionCompileError(path, `unknown group operator "${String(expr.operator)}"`);
      const parts = expr.items.map((item, i) => emitNode(item, ctx, `${path}.items[${i}]`, d));
      if (parts.length === 0) return expr.operator === 'and' ? 'true' : 'false';
      return `(${parts.join(expr.operator === 'and' ? ' && ' : ' || ')})`;
    }
    case 'list': {
      const shape = ctx.fields[expr.field];
      // Inside a list test, `item` is the element itself; an element that is an object exposes its keys.
      const itemFields: FieldShapes = shape ? { ...ctx.fields, item: { kind: shape.kind, list: false } } : ctx.fields;
      const n = ctx.items.push(compile(expr.item, itemFields, true)) - 1;
      const value = read(expr.field, ctx, d);
      if (expr.quantifier === 'any') return `some(${value}, C${n})`;
      if (expr.quantifier === 'all') return `every(${value}, C${n})`;
      if (expr.quantifier === 'none') return `!some(${value}, C${n})`;
      throw new ConditionCompileError(path, `unknown quantifier "${String(expr.quantifier)}"`);
    }
    case 'compare':
      return emitComparison(expr, ctx, path, d);
    default:
      throw new ConditionCompileError(path, `unknown condition kind "${String((expr as { kind: unknown }).kind)}"`);
  }
}

/**
 * A plain key is read directly; a dotted path, or a key Object.prototype also has, by its own-property reader.
 * In a list test's item, `item` is the element itself (`itemOf`: an object's own `item` key wins, as it
 * always did) and `item.sku` reads on it.
 */
function read(field: string, ctx: Emit, d: string): string {
  if (ctx.itemScope && (field === 'item' || field.startsWith('item.'))) {
    if (field === 'item') return 'itemOf(e)';
    return `R${ctx.readers.push(compileReader(field.slice('item.'.length))) - 1}(itemOf(e))`;
  }
  if (!field.includes('.') && !(field in Object.prototype)) return `${d}[${JSON.stringify(field)}]`;
  return `R${ctx.readers.push(compileReader(field)) - 1}(${d})`;
}

const negated: Partial<Record<ComparisonOperator, ComparisonOperator>> = {
  not_equals: 'equals',
  not_contains: 'contains',
  not_includes: 'includes',
};

function emitComparison(expr: Comparison, ctx: Emit, path: string, d: string): string {
  const shape = ctx.fields[expr.field];
  const kind = shape?.kind ?? guessKind(expr.value);
  const { operator } = expr;
  const value = read(expr.field, ctx, d);

  switch (operator) {
    case 'is_empty':
      return `isEmpty(${value})`;
    case 'is_not_empty':
      return `!isEmpty(${value})`;
    case 'is_true':
      return `(asBoolean(${value}) === true)`;
    case 'is_false':
      return `(asBoolean(${value}) === false)`;
  }

  if (operator === 'includes' || operator === 'not_includes') {
    const wanted = includesValues(kind, expr.value, `${path}.value`);
    let test: string;
    if (kind === 'text' && wanted.length <= 4) {
      // A few texts: compared one by one, like a person would write it.
      const equalsOne = wanted.map((w) => `t === ${JSON.stringify(w)}`).join(' || ');
      test = `some(${value}, ${testOf(ctx, `{ const t = typeof x === 'string' ? x : toText(x); return ${equalsOne}; }`)}, true)`;
    } else {
      test = `has(${value}, S[${ctx.sets.push(new Set(wanted)) - 1}], ${normalizerName[kind]})`;
    }
    return operator === 'includes' ? test : `!${test}`;
  }

  const positive = negated[operator] ?? operator;
  const literal = literalOf(kind, expr.value, `${path}.value`);
  // A comparison on a list field holds when any element satisfies it ("tags contains vip").
  const mayBeList = shape === undefined || shape.list;
  const test = mayBeList ? scalarTest(positive, kind, literal, 'x') : scalarTest(positive, kind, literal, value);
  if (test === undefined) throw new ConditionCompileError(`${path}.operator`, `"${operator}" does not apply to ${kind} values`);
  const holds = mayBeList ? `some(${value}, ${testOf(ctx, test)}, true)` : test;
  return positive === operator ? holds : `!${holds}`;
}

const normalizerName: Record<ValueKind, string> = { number: 'toNumber', date: 'toInstant', boolean: 'asBoolean', text: 'toText' };

/** The comparison of one value `v` (an expression) with the literal, as source; undefined: it does not apply. */
function scalarTest(operator: ComparisonOperator, kind: ValueKind, literal: number | string | boolean, v: string): string | undefined {
  const lit = typeof literal === 'string' ? JSON.stringify(literal) : String(literal);
  const order: Partial<Record<ComparisonOperator, string>> = {
    equals: '===',
    greater_than: '>',
    greater_or_equal: '>=',
    less_than: '<',
    less_or_equal: '<=',
  };
  if (kind === 'number' || kind === 'date') {
    const op = order[operator];
    return op ? `(${kind === 'number' ? 'toNumber' : 'toInstant'}(${v}) ${op} ${lit})` : undefined;
  }
  if (kind === 'boolean') return operator === 'equals' ? `(asBoolean(${v}) === ${lit})` : undefined;
  switch (operator) {
    case 'contains':
      return `contains(toText(${v}), ${lit})`;
    case 'starts_with':
      return `startsWith(toText(${v}), ${lit})`;
    case 'ends_with':
      return `endsWith(toText(${v}), ${lit})`;
    default: {
      const op = order[operator];
      // A missing value never compares: `undefined > "a"` is false, and so is `undefined === "a"`.
      return op ? `(toText(${v}) ${op} ${lit})` : undefined;
    }
  }
}

/** A literal number compares numerically, an ISO date-time as an instant, anything else as text. */
function guessKind(value: Literal | undefined): ValueKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return 'date';
  return 'text';
}

const ISO_DATE = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;

function literalOf(kind: ValueKind, value: Literal | undefined, path: string): number | string | boolean {
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value ?? null);
  switch (kind) {
    case 'number': {
      const n = toNumber(value);
      // Becomes source as String(n): any number but NaN is a literal there (Infinity included).
      if (Number.isNaN(n)) throw new ConditionCompileError(path, `${shown} is not a number`);
      return n;
    }
    case 'date': {
      const t = toInstant(value);
      if (Number.isNaN(t)) throw new ConditionCompileError(path, `${shown} is not a date and time`);
      return t;
    }
    case 'boolean': {
      const b = asBoolean(value);
      if (b === undefined) throw new ConditionCompileError(path, `${shown} is not true or false`);
      return b;
    }
    case 'text': {
      const s = toText(value);
      if (s === undefined) throw new ConditionCompileError(path, `${shown} is not text`);
      return s;
    }
  }
}

/** The values `includes` looks for, each converted to the field's kind. */
function includesValues(kind: ValueKind, value: Literal | undefined, path: string): unknown[] {
  if (value === undefined || value === null) throw new ConditionCompileError(path, 'needs a value');
  const wanted = Array.isArray(value) ? value : [value];
  return wanted.map((w, i) => literalOf(kind, w, Array.isArray(value) ? `${path}[${i}]` : path));
}
