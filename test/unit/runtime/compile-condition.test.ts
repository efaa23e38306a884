import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionCompileError, type FieldShapes } from '../../../electron/domain/conditions/compile-condition';
import { fieldShapesOf } from '../../../electron/domain/conditions/field-shapes';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import type { ConditionExpression } from '../../../electron/domain/workflow/workflow-definition';

const orderFields = fieldShapesOf(loadCatalog().trigger('shopify', 'order_created'));
const cmp = (field: string, operator: string, value?: unknown) => ({ kind: 'compare', field, operator, value }) as ConditionExpression;
const check = (expr: ConditionExpression, data: unknown, fields: FieldShapes = orderFields) => compileCondition(expr, fields)(data);

describe('compileCondition', () => {
  it('compares numbers numerically, not as text', () => {
    expect(check(cmp('total_price', 'greater_than', 100), { total_price: 99.5 })).toBe(false);
    expect(check(cmp('total_price', 'greater_than', 100), { total_price: 1000 })).toBe(true);
    // "1000" > "200" is false as text; numbers compare by value even when the app sent a numeric string.
    expect(check(cmp('total_price', 'greater_than', '200'), { total_price: '1000' })).toBe(true);
    expect(check(cmp('line_item_count', 'equals', 3), { line_item_count: 3 })).toBe(true);
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
        expect(check(cmp('total_price', op, b), { total_price: a })).toBe(js(a, b));
      }),
    );
  });

  it('compares dates as instants, whatever the offset they are written with', () => {
    const at = cmp('created_at', 'equals', '2024-05-01T12:00:00Z');
    expect(check(at, { created_at: '2024-05-01T14:00:00+02:00' })).toBe(true);
    const after = cmp('created_at', 'greater_than', '2024-05-01T12:00:00Z');
    expect(check(after, { created_at: '2024-05-01T13:30:00+02:00' })).toBe(false);
    expect(check(after, { created_at: '2024-05-01T12:00:01Z' })).toBe(true);
    expect(check(after, { created_at: 'not a date' })).toBe(false);
  });

  it('compares text case-sensitively, as Flow does', () => {
    expect(check(cmp('customer_email', 'ends_with', '@example.com'), { customer_email: 'kari@example.com' })).toBe(true);
    expect(check(cmp('customer_email', 'ends_with', '@example.com'), { customer_email: 'kari@EXAMPLE.com' })).toBe(false);
    expect(check(cmp('order_name', 'starts_with', '#10'), { order_name: '#1001' })).toBe(true);
    expect(check(cmp('note', 'contains', 'gift'), { note: 'a gift for mum' })).toBe(true);
    expect(check(cmp('note', 'not_contains', 'gift'), { note: 'a Gift for mum' })).toBe(true);
  });

  it('tests booleans and emptiness', () => {
    expect(check(cmp('test', 'is_true'), { test: true })).toBe(true);
    expect(check(cmp('test', 'is_false'), { test: true })).toBe(false);
    expect(check(cmp('test', 'is_false'), {})).toBe(false);
    expect(check(cmp('note', 'is_empty'), { note: '' })).toBe(true);
    expect(check(cmp('note', 'is_empty'), {})).toBe(true);
    expect(check(cmp('tags', 'is_empty'), { tags: [] })).toBe(true);
    expect(check(cmp('tags', 'is_not_empty'), { tags: ['vip'] })).toBe(true);
  });

  it('includes: a list holding a value, and a value in a list', () => {
    expect(check(cmp('tags', 'includes', 'vip'), { tags: ['new', 'vip'] })).toBe(true);
    expect(check(cmp('tags', 'includes', 'VIP'), { tags: ['vip'] })).toBe(false);
    expect(check(cmp('tags', 'not_includes', 'vip'), { tags: ['new'] })).toBe(true);
    expect(check(cmp('tags', 'includes', ['gold', 'vip']), { tags: ['vip'] })).toBe(true);
    expect(check(cmp('financial_status', 'includes', ['paid', 'partially_paid']), { financial_status: 'paid' })).toBe(true);
    expect(check(cmp('financial_status', 'includes', ['paid', 'partially_paid']), { financial_status: 'pending' })).toBe(false);
  });

  it('a missing field makes a test false and its negation true', () => {
    expect(check(cmp('total_price', 'greater_than', 1), {})).toBe(false);
    expect(check(cmp('order_name', 'equals', '#1'), {})).toBe(false);
    expect(check(cmp('order_name', 'not_equals', '#1'), {})).toBe(true);
    expect(check(cmp('order_name', 'equals', '#1'), null)).toBe(false);
  });

  it('AND, OR and nesting', () => {
    const expr: ConditionExpression = {
      kind: 'group',
      operator: 'and',
      items: [
        cmp('total_price', 'greater_or_equal', 500),
        { kind: 'group', operator: 'or', items: [cmp('tags', 'includes', 'vip'), cmp('customer_email', 'ends_with', '@corp.no')] },
      ],
    };
    expect(check(expr, { total_price: 600, tags: ['vip'] })).toBe(true);
    expect(check(expr, { total_price: 600, tags: [], customer_email: 'a@corp.no' })).toBe(true);
    expect(check(expr, { total_price: 600, tags: [], customer_email: 'a@b.no' })).toBe(false);
    expect(check(expr, { total_price: 10, tags: ['vip'] })).toBe(false);
    expect(check({ kind: 'group', operator: 'and', items: [] }, {})).toBe(true);
    expect(check({ kind: 'group', operator: 'or', items: [] }, {})).toBe(false);
    const five = ['a', 'b', 'c', 'd', 'e'].map((t) => cmp('tags', 'includes', t));
    expect(check({ kind: 'group', operator: 'or', items: five }, { tags: ['e'] })).toBe(true);
    expect(check({ kind: 'group', operator: 'and', items: five }, { tags: ['a', 'b', 'c', 'd'] })).toBe(false);
  });

  it('list tests iterate the items: any, all, none', () => {
    const item = cmp('item', 'starts_with', 'wholesale');
    const any = { kind: 'list', field: 'tags', quantifier: 'any', item } as const;
    const all = { kind: 'list', field: 'tags', quantifier: 'all', item } as const;
    const none = { kind: 'list', field: 'tags', quantifier: 'none', item } as const;
    const data = { tags: ['wholesale-eu', 'new'] };
    expect([check(any, data), check(all, data), check(none, data)]).toEqual([true, false, false]);
    const wholesale = { tags: ['wholesale-eu', 'wholesale-us'] };
    expect([check(any, wholesale), check(all, wholesale), check(none, wholesale)]).toEqual([true, true, false]);
    expect([check(any, { tags: [] }), check(none, { tags: [] })]).toEqual([false, true]);
  });

  it('list tests over objects read the items’ keys', () => {
    const fields: FieldShapes = {};
    const expr = { kind: 'list', field: 'line_items', quantifier: 'any', item: cmp('quantity', 'greater_than', 5) } as const;
    expect(check(expr, { line_items: [{ quantity: 1 }, { quantity: 9 }] }, fields)).toBe(true);
    expect(check(expr, { line_items: [{ quantity: 1 }] }, fields)).toBe(false);
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
    expect(() => compileCondition(cmp('total_price', 'greater_than', 'lots'), orderFields)).toThrow(
      new ConditionCompileError('condition.value', '"lots" is not a number'),
    );
    expect(() => compileCondition(cmp('created_at', 'less_than', 'yesterday'), orderFields)).toThrow(
      /condition\.value: "yesterday" is not a date/,
    );
    expect(() => compileCondition(cmp('total_price', 'contains', 5), orderFields)).toThrow(
      /condition\.operator: "contains" does not apply to number values/,
    );
    const nested: ConditionExpression = { kind: 'group', operator: 'or', items: [cmp('test', 'is_true'), cmp('test', 'equals', 'maybe')] };
    expect(() => compileCondition(nested, orderFields)).toThrow(/^condition\.items\[1\]\.value: "maybe" is not true or false$/);
  });

  it('only the structure becomes code: any field name or text is data, never code', () => {
    const hostile = ['"]; process.exit(1); //', "'); throw 1; ('", '\\', '\u2028', '${1}', '`', '__proto__', 'constructor', 'a.b'];
    for (const s of hostile) {
      expect(check(cmp('note', 'equals', s), { note: s })).toBe(true);
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
