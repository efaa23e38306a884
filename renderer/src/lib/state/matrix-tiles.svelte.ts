import type { MatrixRow, MatrixStore } from '$shared/domain/status/status-matrix';

/** One tile as the API sent it: its rows' letters for its columns, and the reason lists they refer to. */
export interface Tile {
  rows: readonly MatrixRow[];
  reasonSets: readonly (readonly unknown[])[];
}

/** One reactive value: whoever reads it re-renders when it is set, and nobody else. */
class Holder<T> {
  value = $state.raw<T | undefined>(undefined);
}

interface Layout {
  rowBlocks: number;
  columnBlocks: number;
  tiles: Holder<Tile>[];
  rows: Holder<readonly MatrixRow[]>[];
  columns: Holder<readonly MatrixStore[]>[];
}

const NONE: Layout = { rowBlocks: 0, columnBlocks: 0, tiles: [], rows: [], columns: [] };

const holders = <T>(n: number): Holder<T>[] => Array.from({ length: n }, () => new Holder<T>());

/**
 * The matrix's tiles and header blocks as they arrive, each its own reactive value. A cell waiting for its tile
 * re-renders when that tile arrives, not when any other does: a reactive map (SvelteMap) makes every read of a
 * missing key depend on the whole map, so each of the many tiles arriving while the admin scrolls re-ran every
 * cell still waiting. The holders are made when the grid's size is known (after a fetch, outside any render),
 * one per tile: 2,000 × 1,000 is 50 × 42 tiles.
 */
export class TileBoard {
  private layout = $state.raw<Layout>(NONE);
  /** Loaded tiles by key, oldest first: what `forget` lets go of first. */
  private readonly loaded = new Map<number, true>();

  constructor(
    readonly rowBlock: number,
    readonly columnBlock: number,
  ) {}

  /** Sizes the board for a grid of this many rows and columns; a new size forgets everything. */
  size(rows: number, columns: number): void {
    const rowBlocks = Math.ceil(rows / this.rowBlock);
    const columnBlocks = Math.ceil(columns / this.columnBlock);
    if (rowBlocks === this.layout.rowBlocks && columnBlocks === this.layout.columnBlocks) return;
    this.loaded.clear();
    this.layout = {
      rowBlocks,
      columnBlocks,
      tiles: holders(rowBlocks * columnBlocks),
      rows: holders(rowBlocks),
      columns: holders(columnBlocks),
    };
  }

  clear(): void {
    this.loaded.clear();
    this.layout = NONE;
  }

  get rowBlocks(): number {
    return this.layout.rowBlocks;
  }

  get columnBlocks(): number {
    return this.layout.columnBlocks;
  }

  /** The key the queue and the requests use for a tile. */
  key(rowBlock: number, columnBlock: number): number {
    return rowBlock * 100_000 + columnBlock;
  }

  blockOf(key: number): { row: number; column: number } {
    return { row: Math.floor(key / 100_000), column: key % 100_000 };
  }

  private holder(rowBlock: number, columnBlock: number): Holder<Tile> | undefined {
    const layout = this.layout;
    if (rowBlock >= layout.rowBlocks || columnBlock >= layout.columnBlocks) return undefined;
    return layout.tiles[rowBlock * layout.columnBlocks + columnBlock];
  }

  tile(rowBlock: number, columnBlock: number): Tile | undefined {
    return this.holder(rowBlock, columnBlock)?.value;
  }

  has(rowBlock: number, columnBlock: number): boolean {
    return this.loaded.has(this.key(rowBlock, columnBlock));
  }

  setTile(rowBlock: number, columnBlock: number, tile: Tile): void {
    const holder = this.holder(rowBlock, columnBlock);
    if (!holder) return;
    const key = this.key(rowBlock, columnBlock);
    this.loaded.delete(key);
    this.loaded.set(key, true);
    holder.value = tile;
  }

  rows(rowBlock: number): readonly MatrixRow[] | undefined {
    return this.layout.rows[rowBlock]?.value;
  }

  setRows(rowBlock: number, rows: readonly MatrixRow[]): void {
    const holder = this.layout.rows[rowBlock];
    if (holder) holder.value = rows;
  }

  columns(columnBlock: number): readonly MatrixStore[] | undefined {
    return this.layout.columns[columnBlock]?.value;
  }

  setColumns(columnBlock: number, stores: readonly MatrixStore[]): void {
    const holder = this.layout.columns[columnBlock];
    if (holder) holder.value = stores;
  }

  /** Lets go of the oldest tiles beyond `keep` that `stays` does not hold on to; returns their keys. */
  forget(keep: number, stays: (key: number) => boolean): number[] {
    const gone: number[] = [];
    for (const key of this.loaded.keys()) {
      if (this.loaded.size <= keep) break;
      if (stays(key)) continue;
      const { row, column } = this.blockOf(key);
      this.loaded.delete(key);
      const holder = this.holder(row, column);
      if (holder) holder.value = undefined;
      gone.push(key);
    }
    return gone;
  }

  /** The keys of every loaded tile. */
  keys(): number[] {
    return [...this.loaded.keys()];
  }
}
