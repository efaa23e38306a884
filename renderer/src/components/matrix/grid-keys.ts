/**
 * Where a key moves the matrix grid's one tab stop (row -1 is the column header, column -1 the row header),
 * or what else it does: Space selects (Shift+Space a range), Enter opens a cell. Null: not the grid's key.
 * The grid clamps the cell to its edges and scrolls it into view.
 */
export type GridKeyAction = { do: 'move'; row: number; column: number } | { do: 'select'; range: boolean } | { do: 'open' } | null;

export interface GridKeyPress {
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
}

export function gridKeyAction(
  press: GridKeyPress,
  at: { row: number; column: number },
  size: { rows: number; columns: number; page: number },
): GridKeyAction {
  const { row, column } = at;
  const move = (r: number, c: number): GridKeyAction => ({ do: 'move', row: r, column: c });
  switch (press.key) {
    case 'ArrowUp':
      return move(row - 1, column);
    case 'ArrowDown':
      return move(row + 1, column);
    case 'ArrowLeft':
      return move(row, column - 1);
    case 'ArrowRight':
      return move(row, column + 1);
    case 'PageUp':
      return move(row - size.page, column);
    case 'PageDown':
      return move(row + size.page, column);
    case 'Home':
      return press.ctrlKey ? move(0, -1) : move(row, -1);
    case 'End':
      return press.ctrlKey ? move(size.rows - 1, size.columns - 1) : move(row, size.columns - 1);
    case ' ':
      return { do: 'select', range: press.shiftKey };
    case 'Enter':
      // Only a cell opens; Enter on a header is taken (nothing to open) as before.
      return { do: 'open' };
    default:
      return null;
  }
}
