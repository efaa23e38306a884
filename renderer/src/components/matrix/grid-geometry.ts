/** The matrix grid's fixed sizes (px): every position follows from an index by arithmetic, never from layout. */
export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 64;
export const ROW_HEADER_WIDTH = 300;
/** Columns are at least this wide, and share the room there is when few stores are shown. */
export const MIN_COLUMN_WIDTH = 136;
export const MAX_COLUMN_WIDTH = 240;

export interface GridGeometry {
  columnWidth: number;
  rowTop(row: number): number;
  columnLeft(column: number): number;
}

export function gridGeometry(gridWidth: number, columns: number): GridGeometry {
  const columnWidth = Math.floor(
    Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, (gridWidth - ROW_HEADER_WIDTH - 2) / Math.max(1, columns))),
  );
  return {
    columnWidth,
    rowTop: (row) => HEADER_HEIGHT + row * ROW_HEIGHT,
    columnLeft: (column) => ROW_HEADER_WIDTH + column * columnWidth,
  };
}

/** A cell's element id; row -1 is the column header row, column -1 the row header column. */
export function cellId(row: number, column: number): string {
  return `matrix-cell-${row}-${column}`;
}

/** The cell an element id names, or null. */
export function cellAt(id: string): { row: number; column: number } | null {
  const match = /^matrix-cell-(-?\d+)-(-?\d+)$/.exec(id);
  return match ? { row: Number(match[1]), column: Number(match[2]) } : null;
}
