import { describe, expect, it } from 'vitest';
import {
  blocksOf,
  indexes,
  indexOfSlot,
  poolSize,
  slotOf,
  tilesToFetch,
  visibleSpan,
  type Axis,
} from '../../../renderer/src/components/matrix/grid-window';

/** The matrix's rows at 2,000 workflows: 40 px each under a 64 px header, in a 560 px tall grid. */
const rows = (offset: number, overrides: Partial<Axis> = {}): Axis => ({
  offset,
  viewport: 560,
  header: 64,
  item: 40,
  count: 2000,
  overscan: 2,
  ...overrides,
});

describe('the matrix grid draws only the rows and columns in view', () => {
  it('draws the rows under the viewport past its sticky header, plus the overscan on either side', () => {
    // At the top: rows 0–12 show (496 px below the header), and 2 more below.
    expect(visibleSpan(rows(0))).toEqual({ first: 0, last: 14 });
    // Scrolled by 10 rows and a half: row 10 is half under the header, rows 10–22 show.
    expect(visibleSpan(rows(420))).toEqual({ first: 8, last: 24 });
  });

  it('stops at the edges of the grid', () => {
    expect(visibleSpan(rows(2000 * 40 + 64 - 560))).toEqual({ first: 1985, last: 1999 });
    expect(visibleSpan(rows(0, { count: 3 }))).toEqual({ first: 0, last: 2 });
    expect(visibleSpan(rows(0, { count: 0 }))).toEqual({ first: 0, last: -1 });
  });

  it('never needs more slots than its pool, wherever it is scrolled: no two rows drawn share an element', () => {
    for (const viewport of [200, 560, 901])
      for (let offset = 0; offset < 3000; offset += 7) {
        const axis = rows(offset, { viewport });
        const span = visibleSpan(axis);
        const pool = poolSize(axis);
        const slots = indexes(span).map((i) => slotOf(i, pool));
        expect(new Set(slots).size).toBe(slots.length);
      }
  });

  it('draws every row in view in exactly one element of the fixed pool; the elements left over draw nothing', () => {
    for (const offset of [0, 7, 420, 2000 * 40 + 64 - 560]) {
      const axis = rows(offset);
      const span = visibleSpan(axis);
      const pool = poolSize(axis);
      const drawn = Array.from({ length: pool }, (_, slot) => indexOfSlot(slot, span, pool));
      expect(drawn.filter((i) => i >= 0).sort((a, b) => a - b)).toEqual(indexes(span));
      drawn.forEach((i, slot) => {
        if (i >= 0) expect(slotOf(i, pool)).toBe(slot);
      });
    }
    expect(indexOfSlot(0, { first: 0, last: -1 }, 18)).toBe(-1);
  });

  it('keeps the slot of a row that stays in view while the grid scrolls, so its element is left alone', () => {
    const pool = poolSize(rows(0));
    const before = new Map(indexes(visibleSpan(rows(400))).map((i) => [i, slotOf(i, pool)]));
    const after = indexes(visibleSpan(rows(520)));
    for (const i of after) if (before.has(i)) expect(slotOf(i, pool)).toBe(before.get(i));
  });
});

describe('which tiles the matrix fetches for a view', () => {
  const grid = { rows: 2000, columns: 1000, rowBlock: 40, columnBlock: 24 };

  it('names the tiles a span of rows or columns covers', () => {
    expect(blocksOf({ first: 38, last: 45 }, 40)).toEqual({ first: 0, last: 1 });
    expect(blocksOf({ first: 0, last: -1 }, 40)).toEqual({ first: 0, last: -1 });
  });

  it('fetches the tiles under the view first, then the next view in the direction it moves', () => {
    const view = { rows: { first: 30, last: 45 }, columns: { first: 0, last: 9 } };
    const tiles = tilesToFetch(view, { rows: 1, columns: 0 }, grid);
    const inView = tiles.filter((t) => t.inView).map((t) => [t.row, t.column]);
    expect(inView).toEqual([
      [0, 0],
      [1, 0],
    ]);
    // The tiles under the view come first, whatever their distance.
    expect(tiles.slice(0, 2).every((t) => t.inView)).toBe(true);
    // Moving down: rows up to one view below (row 61, block 1) and half a view of columns either side.
    expect(Math.max(...tiles.map((t) => t.row))).toBe(1);
    expect(tiles.some((t) => t.row < 0 || t.column < 0)).toBe(false);
  });

  it('looks ahead up and left when the view moves that way, never past the grid', () => {
    const view = { rows: { first: 1990, last: 1999 }, columns: { first: 990, last: 999 } };
    const tiles = tilesToFetch(view, { rows: -1, columns: -1 }, grid);
    expect(tiles.filter((t) => t.inView).map((t) => [t.row, t.column])).toEqual([[49, 41]]);
    expect(tiles.map((t) => [t.row, t.column])).toContainEqual([49, 40]);
    expect(Math.max(...tiles.map((t) => t.column))).toBe(41);
    expect(Math.max(...tiles.map((t) => t.row))).toBe(49);
  });

  it('fetches nothing for an empty view', () => {
    expect(tilesToFetch({ rows: { first: 0, last: -1 }, columns: { first: 0, last: 5 } }, { rows: 0, columns: 0 }, grid)).toEqual([]);
  });
});
