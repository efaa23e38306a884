import { describe, expect, it } from 'vitest';
import { packRows, rowsFromSnapshot, unpackRows } from '../../../electron/domain/status/activation-snapshot';

describe('activation snapshots', () => {
  it('pack four activation bytes per byte and unpack to the same rows; a value of another size or code is refused', () => {
    const rows = [Uint8Array.of(0, 1, 2, 1, 0), Uint8Array.of(2, 2, 0, 0, 1), Uint8Array.of(1, 0, 0, 0, 0)];
    const packed = packRows(rows, 5);
    expect(packed.length).toBe(4);
    expect(unpackRows(packed, 3, 5)).toEqual(rows);
    expect(unpackRows(packed, 3, 6)).toBeNull();
    expect(unpackRows(Uint8Array.of(0xff, 0, 0, 0), 3, 5)).toBeNull();
  });

  it('take rows to the stores and workflows asked for, by id: reordered, gone, and unknown ones listed to be read', () => {
    const snapshot = {
      generation: 3,
      storeIds: ['a', 'b', 'c'],
      workflowIds: ['w1', 'w2'],
      rows: [Uint8Array.of(1, 0, 2), Uint8Array.of(0, 1, 1)],
    };
    const same = rowsFromSnapshot(snapshot, ['a', 'b', 'c'], ['w2', 'w1']);
    expect(same).toEqual({ rows: [Uint8Array.of(0, 1, 1), Uint8Array.of(1, 0, 2)], unknownWorkflows: [], unknownStores: [] });
    expect(same.rows[0]).toBe(snapshot.rows[1]);
    expect(rowsFromSnapshot(snapshot, ['c', 'new', 'a'], ['w1', 'w3'])).toEqual({
      rows: [Uint8Array.of(2, 0, 1), Uint8Array.of(0, 0, 0)],
      unknownWorkflows: [1],
      unknownStores: [1],
    });
  });
});
