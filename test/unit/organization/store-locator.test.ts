import { describe, expect, it } from 'vitest';
import { storeLocator } from '../../../electron/store/store-locator';

const stores = ['c3', 'a1', 'b22', 'd4'].map((id) => ({ id }));

/** The indexes marked, in index order. */
function locate(list: string): number[] {
  const row = new Uint8Array(stores.length);
  storeLocator(stores)(list, row, 1);
  return [...row.keys()].filter((i) => row[i] === 1);
}

describe('reading a comma-joined list of store ids', () => {
  it('finds each id in key order, in any other order, and skips ids it does not know', () => {
    expect(locate('a1,b22,c3,d4')).toEqual([0, 1, 2, 3]);
    expect(locate('d4,a1,c3')).toEqual([0, 1, 3]);
    expect(locate('a1,zz,b2,b22')).toEqual([1, 2]);
    expect(locate('b22')).toEqual([2]);
    expect(locate('')).toEqual([]);
  });
});
