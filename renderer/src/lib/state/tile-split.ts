/** What splitting needs of a matrix row (MatrixRow): its letters and reason references, by column of the page. */
interface SplitRow {
  states: string;
  reasonRefs: [number, number][];
}

/** One tile's share of a page that covered several: its rows (with their letters for its columns) and stores. */
export interface TilePart<R, S> {
  rowBlock: number;
  columnBlock: number;
  rows: readonly R[];
  stores: readonly S[];
}

/**
 * Splits a `status.matrix` page that covered a rectangle of tiles (rows from `rowBlock0`, stores from
 * `columnBlock0`) into its tiles: a jump's tiles are fetched in one request and arrive in one frame. A row's
 * letters and reason references are cut to each tile's columns (references counted from the tile's first
 * column); the reason lists stay shared. A page of one tile's width keeps its row objects.
 */
export function splitPage<R extends SplitRow, S>(
  page: { rows: readonly R[]; stores: readonly S[] },
  at: { rowBlock0: number; columnBlock0: number },
  size: { rowBlock: number; columnBlock: number },
): TilePart<R, S>[] {
  const parts: TilePart<R, S>[] = [];
  const rowBlocks = Math.ceil(page.rows.length / size.rowBlock);
  const columnBlocks = Math.max(1, Math.ceil(page.stores.length / size.columnBlock));
  for (let i = 0; i < rowBlocks; i++) {
    const rows = page.rows.slice(i * size.rowBlock, (i + 1) * size.rowBlock);
    for (let j = 0; j < columnBlocks; j++) {
      const [from, to] = [j * size.columnBlock, (j + 1) * size.columnBlock];
      parts.push({
        rowBlock: at.rowBlock0 + i,
        columnBlock: at.columnBlock0 + j,
        stores: page.stores.slice(from, to),
        rows:
          columnBlocks === 1
            ? rows
            : rows.map((row) => ({
                ...row,
                states: row.states.slice(from, to),
                reasonRefs: row.reasonRefs.filter(([c]) => c >= from && c < to).map(([c, set]): [number, number] => [c - from, set]),
              })),
      });
    }
  }
  return parts;
}
