import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionCompileError, type FieldShapes } from '../../../electron/domain/conditions/compile-condition';
import { conditionShapes } from '../../../electron/domain/conditions/condition-shapes';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { Environment } from '../../../electron/domain/environment/workflow-environment';
import type { ConditionExpression } from '../../../electron/domain/workflow/workflow-definition';

// Order created gives the workflow `order` as the Admin API has it; the schema says how each path compares.
const catalog = loadCatalog();
const orderScope = Environment.ofTrigger(catalog.trigger('shopify', 'order_created'), catalog.schema);
const shapes = (expr: ConditionExpression) => conditionShapes(expr, orderScope);
const cmp = (field: string, operator: string, value?: unknown) => ({ kind: 'compare', field, operator, value }) as ConditionExpression;
const check = (expr: ConditionExpression, data: unknown, fields: FieldShapes = shapes(expr)) => compileCondition(expr, fields)(data);

const TOTAL = 'order.totalPriceSet.shopMoney.amount';
/** An Order created event with the given paths under `order` set: `event({ 'customer.email': 'a@b.no' })`. */
function event(fields: Record<string, unknown>): { order: Record<string, unknown> } {
  const order: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(fields)) {
    const keys = path.split('.');
    let at = order;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = value;
  }
  return { order };
}
const total = (amount: unknown) => event({ 'totalPriceSet.shopMoney.amount': amount });

describe('compileCondition', () => {
  it('compares numbers numerically, not as text', () => {
    expect(check(cmp(TOTAL, 'greater_than', 100), total(99.5))).toBe(false);
    expect(check(cmp(TOTAL, 'greater_than', 100), total(1000))).toBe(true);
    // "1000" > "200" is false as text; Money comes as a decimal string from the Admin API and compares by value.
    expect(check(cmp(TOTAL, 'greater_than', '200'), total('1000.0'))).toBe(true);
    expect(check(cmp('order.subtotalLineItemsQuantity', 'equals', 3), event({ subtotalLineItemsQuantity: 3 }))).toBe(true);
  });

  it('agrees with JavaScript on every number comparison', () => {
    const ops = [
      ['greater_than', (a: number, b: number) => a > b],
      ['greater_or_equal', (a: number, b: number) => a >= b],
      ['less_than', (a: number, b: number) => a < b],
      ['less_or_equal', (a: number, b: number) => a <= b],
      ['equals', (a: number, b: number) => a === b],
      ['not_equals', (a: number, b: number) => a !== b],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...ops), fc.double({ noNaN: true }), fc.double({ noNaN: true }), ([op, js], a, b) => {
        expect(check(cmp(TOTAL, op, b), total(a))).toBe(js(a, b));
      }),
    );
  });

  it('compares dates as instants, whatever the offset they are written with', () => {
    const at = cmp('order.createdAt', 'equals', '2024-05-01T12:00:00Z');
    expect(check(at, event({ createdAt: '2024-05-01T14:00:00+02:00' }))).toBe(true);
    const after = cmp('order.createdAt', 'greater_than', '2024-05-01T12:00:00Z');
    expect(check(after, event({ createdAt: '2024-05-01T13:30:00+02:00' }))).toBe(false);
    expect(check(after, event({ createdAt: '2024-05-01T12:00:01Z' }))).toBe(true);
    expect(check(after, event({ createdAt: 'not a date' }))).toBe(false);
  });

  it('compares text case-sensitively, as Flow does', () => {
    const email = cmp('order.customer.email', 'ends_with', '@example.com');
    expect(check(email, event({ 'customer.email': 'kari@example.com' }))).toBe(true);
    expect(check(email, event({ 'customer.email': 'kari@EXAMPLE.com' }))).toBe(false);
    expect(check(cmp('order.name', 'starts_with', '#10'), event({ name: '#1001' }))).toBe(true);
    expect(check(cmp('order.note', 'contains', 'gift'), event({ note: 'a gift for mum' }))).toBe(true);
    expect(check(cmp('order.note', 'not_contains', 'gift'), event({ note: 'a Gift for mum' }))).toBe(true);
  });

  it('tests booleans and emptiness', () => {
    expect(check(cmp('order.test', 'is_true'), event({ test: true }))).toBe(true);
    expect(check(cmp('order.test', 'is_false'), event({ test: true }))).toBe(false);
    expect(check(cmp('order.test', 'is_false'), event({}))).toBe(false);
    expect(check(cmp('order.note', 'is_empty'), event({ note: '' }))).toBe(true);
    expect(check(cmp('order.note', 'is_empty'), event({}))).toBe(true);
    expect(check(cmp('order.tags', 'is_empty'), event({ tags: [] }))).toBe(true);
    expect(check(cmp('order.tags', 'is_not_empty'), event({ tags: ['vip'] }))).toBe(true);
  });

  it('includes: a list holding a value, and a value in a list', () => {
    expect(check(cmp('order.tags', 'includes', 'vip'), event({ tags: ['new', 'vip'] }))).toBe(true);
    expect(check(cmp('order.tags', 'includes', 'VIP'), event({ tags: ['vip'] }))).toBe(false);
    expect(check(cmp('order.tags', 'not_includes', 'vip'), event({ tags: ['new'] }))).toBe(true);
    expect(check(cmp('order.tags', 'includes', ['gold', 'vip']), event({ tags: ['vip'] }))).toBe(true);
    const paid = cmp('order.displayFinancialStatus', 'includes', ['PAID', 'PARTIALLY_PAID']);
    expect(check(paid, event({ displayFinancialStatus: 'PAID' }))).toBe(true);
    expect(check(paid, event({ displayFinancialStatus: 'PENDING' }))).toBe(false);
  });

  it('a missing field makes a test false and its negation true', () => {
    expect(check(cmp(TOTAL, 'greater_than', 1), event({}))).toBe(false);
    expect(check(cmp(TOTAL, 'greater_than', 1), {})).toBe(false);
    expect(check(cmp('order.name', 'equals', '#1'), event({}))).toBe(false);
    expect(check(cmp('order.name', 'not_equals', '#1'), event({}))).toBe(true);
    expect(check(cmp('order.name', 'equals', '#1'), null)).toBe(false);
  });

  it('AND, OR and nesting', () => {
    const expr: ConditionExpression = {
      kind: 'group',
      operator: 'and',
      items: [
        cmp(TOTAL, 'greater_or_equal', 500),
        {
          kind: 'group',
          operator: 'or',
          items: [cmp('order.tags', 'includes', 'vip'), cmp('order.customer.email', 'ends_with', '@corp.no')],
        },
      ],
    };
    const amount = 'totalPriceSet.shopMoney.amount';
    expect(check(expr, event({ [amount]: '600.0', tags: ['vip'] }))).toBe(true);
    expect(check(expr, event({ [amount]: '600.0', tags: [], 'customer.email': 'a@corp.no' }))).toBe(true);
    expect(check(expr, event({ [amount]: '600.0', tags: [], 'customer.email': 'a@b.no' }))).toBe(false);
    expect(check(expr, event({ [amount]: '10.0', tags: ['vip'] }))).toBe(false);
    expect(check({ kind: 'group', operator: 'and', items: [] }, {})).toBe(true);
    expect(check({ kind: 'group', operator: 'or', items: [] }, {})).toBe(false);
    const five = ['a', 'b', 'c', 'd', 'e'].map((t) => cmp('order.tags', 'includes', t));
    expect(check({ kind: 'group', operator: 'or', items: five }, event({ tags: ['e'] }))).toBe(true);
    expect(check({ kind: 'group', operator: 'and', items: five }, event({ tags: ['a', 'b', 'c', 'd'] }))).toBe(false);
  });

  it('list tests iterate the items: any, all, none', () => {
    const item = cmp('item', 'starts_with', 'wholesale');
    const any = { kind: 'list', field: 'order.tags', quantifier: 'any', item } as const;
    const all = { kind: 'list', field: 'order.tags', quantifier: 'all', item } as const;
    const none = { kind: 'list', field: 'order.tags', quantifier: 'none', item } as const;
    const data = event({ tags: ['wholesale-eu', 'new'] });
    expect([check(any, data), check(all, data), check(none, data)]).toEqual([true, false, false]);
    const wholesale = event({ tags: ['wholesale-eu', 'wholesale-us'] });
    expect([check(any, wholesale), check(all, wholesale), check(none, wholesale)]).toEqual([true, true, false]);
    expect([check(any, event({ tags: [] })), check(none, event({ tags: [] }))]).toEqual([false, true]);
  });

  it('list tests over objects read the items’ keys', () => {
    const fields: FieldShapes = {};
    const expr = { kind: 'list', field: 'line_items', quantifier: 'any', item: cmp('quantity', 'greater_than', 5) } as const;
    expect(check(expr, { line_items: [{ quantity: 1 }, { quantity: 9 }] }, fields)).toBe(true);
    expect(check(expr, { line_items: [{ quantity: 1 }] }, fields)).toBe(false);
  });

  it('in a list test, `item` is the element itself, an object element’s own `item` key wins, and items are not changed', () => {
    const lineItems = [
      { sku: 'GIFT-1', quantity: 2 },
      { sku: 'A', quantity: 0 },
    ];
    const data = { order: { lineItems } };
    const bySku = { kind: 'list', field: 'order.lineItems', quantifier: 'any', item: cmp('item.sku', 'starts_with', 'GIFT-') } as const;
    const allKept = { kind: 'list', field: 'order.lineItems', quantifier: 'all', item: cmp('quantity', 'greater_than', 0) } as const;
    expect([check(bySku, data, {}), check(allKept, data, {})]).toEqual([true, false]);
    expect(lineItems).toEqual([
      { sku: 'GIFT-1', quantity: 2 },
      { sku: 'A', quantity: 0 },
    ]);
    const wrapped = { kind: 'list', field: 'rows', quantifier: 'any', item: cmp('item', 'equals', 'x') } as const;
    expect(check(wrapped, { rows: [{ item: 'x' }] }, {})).toBe(true);
    // A list of lists: the inner list is the item; it has no keys to read.
    const nested = { kind: 'list', field: 'rows', quantifier: 'any', item: cmp('length', 'is_not_empty') } as const;
    expect(check(nested, { rows: [['a']] }, {})).toBe(false);
  });

  it('reads dotted paths, and never the prototype', () => {
    expect(check(cmp('customer.email', 'equals', 'a@b.no'), { customer: { email: 'a@b.no' } }, {})).toBe(true);
    expect(check(cmp('constructor', 'is_not_empty'), {}, {})).toBe(false);
    expect(check(cmp('toString', 'is_not_empty'), { a: 1 }, {})).toBe(false);
  });

  it('without field types, guesses the kind from the literal', () => {
    expect(check(cmp('amount', 'greater_than', 9), { amount: '10' }, {})).toBe(true);
    expect(check(cmp('when', 'less_than', '2024-01-02'), { when: '2024-01-01T23:00:00Z' }, {})).toBe(true);
    expect(check(cmp('name', 'greater_than', 'b'), { name: 'c' }, {})).toBe(true);
  });

  it('refuses, with where, a literal that does not fit or an operator that does not apply', () => {
    const compile = (expr: ConditionExpression) => () => compileCondition(expr, shapes(expr));
    expect(compile(cmp(TOTAL, 'greater_than', 'lots'))).toThrow(new ConditionCompileError('condition.value', '"lots" is not a number'));
    expect(compile(cmp('order.createdAt', 'less_than', 'yesterday'))).toThrow(/condition\.value: "yesterday" is not a date/);
    expect(compile(cmp(TOTAL, 'contains', 5))).toThrow(/condition\.operator: "contains" does not apply to number values/);
    const nested: ConditionExpression = {
      kind: 'group',
      operator: 'or',
      items: [cmp('order.test', 'is_true'), cmp('order.test', 'equals', 'maybe')],
    };
    expect(compile(nested)).toThrow(/^condition\.items\[1\]\.value: "maybe" is not true or false$/);
  });

  it('only the structure becomes code: any field name or text is data, never code', () => {
    const hostile = ['"]; process.exit(1); //', "'); throw 1; ('", '\\', '\u2028', '${1}', '`', '__proto__', 'constructor', 'a.b'];
    for (const s of hostile) {
      expect(check(cmp('order.note', 'equals', s), event({ note: s }))).toBe(true);
      expect(check(cmp(s, 'is_not_empty'), JSON.parse(JSON.stringify({ [s]: 'x' })), {})).toBe(!s.includes('.'));
    }
    fc.assert(
      fc.property(fc.string(), fc.string(), (field, text) => {
        const fields: FieldShapes = { [field]: { kind: 'text', list: false } };
        const data = JSON.parse(JSON.stringify({ [field]: text }));
        const dotted = field.includes('.');
        expect(compileCondition(cmp(field, 'equals', text), fields)(data)).toBe(!dotted);
        expect(compileCondition(cmp(field, 'not_equals', text), fields)(data)).toBe(dotted);
      }),
    );
  });
});
