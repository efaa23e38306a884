import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../../electron/domain/schema/closest-names.js';

const orderFields = ['name', 'note', 'number', 'email', 'lineItems', 'totalPrice', 'totalPriceSet', 'totalTax', 'tags', 'customer'];

describe('did you mean', () => {
  it('offers the field one typo away first', () => {
    expect(closestNames(orderFields, 'nme')[0]).toBe('name');
    expect(closestNames(orderFields, 'emial')).toEqual(['email']); // two letters swapped
    expect(closestNames(orderFields, 'custmer')).toEqual(['customer']);
  });

  it('offers the same name in another case before anything else', () => {
    expect(closestNames(orderFields, 'Name')[0]).toBe('name');
    expect(closestNames(orderFields, 'LINEITEMS')).toEqual(['lineItems']);
  });

  it('completes a beginning, shortest first', () => {
    expect(closestNames(orderFields, 'totalp')).toEqual(['totalPrice', 'totalPriceSet']);
  });

  it('finds a name containing what was written', () => {
    expect(closestNames(orderFields, 'price')).toEqual(['totalPrice', 'totalPriceSet']);
  });

  it('offers nothing far off, and no more than asked', () => {
    expect(closestNames(orderFields, 'warehouse')).toEqual([]);
    expect(closestNames(orderFields, '')).toEqual([]);
    expect(closestNames(orderFields, 'tota', { max: 2 })).toHaveLength(2);
  });

  it('puts demoted names after others of the same rank', () => {
    expect(closestNames(['totalPrice', 'totalTax'], 'total')).toEqual(['totalTax', 'totalPrice']);
    expect(closestNames(['totalPrice', 'totalTax'], 'total', { demoted: new Set(['totalTax']) })).toEqual(['totalPrice', 'totalTax']);
  });

  it('counts insertions, deletions, replacements and swaps', () => {
    expect(editDistance('name', 'name')).toBe(0);
    expect(editDistance('nme', 'name')).toBe(1);
    expect(editDistance('nmae', 'name')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3); // gave up past the limit
  });
});
