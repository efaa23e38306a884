import { describe, expect, it } from 'vitest';
import { gridKeyAction } from '../../renderer/src/components/matrix/grid-keys';

const press = (key: string, more: { ctrlKey?: boolean; shiftKey?: boolean } = {}) => ({ key, ctrlKey: false, shiftKey: false, ...more });
const size = { rows: 100, columns: 12, page: 10 };

describe('keys in the matrix grid', () => {
  it('arrows and Page Up/Down move the tab stop by a cell or a page', () => {
    expect(gridKeyAction(press('ArrowDown'), { row: 3, column: 2 }, size)).toEqual({ do: 'move', row: 4, column: 2 });
    expect(gridKeyAction(press('ArrowLeft'), { row: 3, column: 0 }, size)).toEqual({ do: 'move', row: 3, column: -1 });
    expect(gridKeyAction(press('PageDown'), { row: 3, column: 2 }, size)).toEqual({ do: 'move', row: 13, column: 2 });
  });

  it('Home and End go to the row’s ends; with Ctrl to the grid’s corners', () => {
    expect(gridKeyAction(press('Home'), { row: 5, column: 4 }, size)).toEqual({ do: 'move', row: 5, column: -1 });
    expect(gridKeyAction(press('End'), { row: 5, column: 4 }, size)).toEqual({ do: 'move', row: 5, column: 11 });
    expect(gridKeyAction(press('Home', { ctrlKey: true }), { row: 5, column: 4 }, size)).toEqual({ do: 'move', row: 0, column: -1 });
    expect(gridKeyAction(press('End', { ctrlKey: true }), { row: 5, column: 4 }, size)).toEqual({ do: 'move', row: 99, column: 11 });
  });

  it('Space selects (Shift+Space a range), Enter opens, other keys are not the grid’s', () => {
    expect(gridKeyAction(press(' '), { row: 1, column: 1 }, size)).toEqual({ do: 'select', range: false });
    expect(gridKeyAction(press(' ', { shiftKey: true }), { row: 1, column: 1 }, size)).toEqual({ do: 'select', range: true });
    expect(gridKeyAction(press('Enter'), { row: 1, column: 1 }, size)).toEqual({ do: 'open' });
    expect(gridKeyAction(press('a'), { row: 1, column: 1 }, size)).toBeNull();
  });
});
