import type { ActionFlags } from '$shared/domain/status/pair-actions';
import type { CellActions, MatrixRow, MatrixStore } from '$shared/domain/status/status-matrix';
import type { StatusState } from '$shared/domain/status/workflow-status';
import { api, type ApiInput, type ApiOutput } from '../api/client';
import { blocksOf, tilesToFetch, type Heading, type Span } from '../../components/matrix/grid-window';
import { TileBoard } from './matrix-tiles.svelte';
import { TileQueue } from './tile-queue';
import { splitPage } from './tile-split';

type Page = ApiOutput<'status.matrix'>;
export type { ActionFlags, MatrixRow, MatrixStore };
export type BlockReasonItem = Page['reasonSets'][number][number];

export interface MatrixFilter {
  states: StatusState[];
  appId: string;
  search: string;
  /** Store ids to show; null for every store. */
  storeIds: string[] | null;
}

export const stateByLetter: Record<string, StatusState> = { r: 'running', o: 'off', d: 'deactivated', b: 'blocked', i: 'invalid' };

/** The grid loads tiles of this many rows (workflows) × columns (stores) as it scrolls, only those in view. */
/** Two views with no row or no column in common: the grid jumped from one to the other. */
const apart = (a: { rows: Span; columns: Span }, b: { rows: Span; columns: Span }) =>
  a.rows.first > b.rows.last || b.rows.first > a.rows.last || a.columns.first > b.columns.last || b.columns.first > a.columns.last;

export const ROW_BLOCK = 40;
export const COLUMN_BLOCK = 24;
/** Tiles kept beyond those in view; the oldest go first. 2,000 × 1,000 is 50 × 42 tiles. */
const KEPT_TILES = 400;

/**
 * The workflow × store matrix as the grid scrolls through it: only the tiles (rows × columns) in view, and then
 * their neighbours, are fetched from `status.matrix`, in its compact form (a letter per cell, each distinct
 * reason list once), through a queue that drops the views scrolled past. Each tile and header block is its own
 * reactive value (TileBoard): a tile that arrives re-renders the cells that read it, not the grid. API data is
 * kept raw (never made deeply reactive).
 */
export class MatrixState {
  organizationId = $state<string | null>(null);
  filter = $state.raw<MatrixFilter>({ states: [], appId: '', search: '', storeIds: null });
  totalWorkflows = $state(0);
  totalStores = $state(0);
  loading = $state(false);
  error = $state('');
  /** What a cell can do, by its state letter, as the API says (with and without the Flow app). */
  private cellActions = $state.raw<CellActions>({ flow: {}, noFlow: {} });
  private readonly board = new TileBoard(ROW_BLOCK, COLUMN_BLOCK);
  private readonly queue = new TileQueue(
    (keys) => this.loadTiles(keys),
    (key) => this.requested.has(key),
    2,
  );
  private generation = 0;
  /** Tiles loading or loaded in this generation, by key: a range selection can wait for the ones it needs. */
  private requested = new Map<number, Promise<void>>();
  /** The generation each header block was last set in: set once per generation, not once per tile. */
  private headerGeneration = new Map<string, number>();
  private inFlight = 0;
  /** The rows and columns the grid draws now. */
  /** Which way the view moved last: the prefetch looks ahead that way. */
  private heading: Heading = { rows: 1, columns: 0 };
  private view: { rows: Span; columns: Span } = { rows: { first: 0, last: ROW_BLOCK - 1 }, columns: { first: 0, last: COLUMN_BLOCK - 1 } };

  async reset(organizationId: string): Promise<void> {
    this.organizationId = organizationId;
    this.generation++;
    this.requested = new Map();
    this.queue.clear();
    this.board.clear();
    this.headerGeneration.clear();
    this.error = '';
    await this.loadTile(0, 0);
  }

  setFilter(change: Partial<MatrixFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    return this.organizationId ? this.reset(this.organizationId) : Promise.resolve();
  }

  /**
   * The grid draws these rows and columns now: their tiles are fetched first, then the tiles around them (so a
   * wheel scroll finds its next rows loaded). Tiles wanted for an earlier view and not started are dropped.
   */
  ensureWindow(rows: Span, columns: Span): void {
    const was = this.view;
    this.view = { rows, columns };
    const heading = { rows: Math.sign(rows.first - was.rows.first), columns: Math.sign(columns.first - was.columns.first) };
    if (heading.rows !== 0 || heading.columns !== 0) this.heading = heading;
    if (this.board.rowBlocks === 0) return;
    if (apart(was, this.view)) {
      // A jump (a scrollbar dragged, a far spot): fetched only if the grid is still there on the next frame, so the
      // frames of a drag spend nothing on requests and their answers, and the tiles come for where it stops.
      this.queue.want([]);
      const view = this.view;
      requestAnimationFrame(() => requestAnimationFrame(() => this.view === view && this.fetchView()));
    } else this.fetchView();
  }

  private fetchView(): void {
    const grid = { rows: this.totalWorkflows, columns: this.totalStores, rowBlock: ROW_BLOCK, columnBlock: COLUMN_BLOCK };
    const tiles = tilesToFetch(this.view, this.heading, grid);
    // The tiles in view in one request (they arrive together, one frame patches them), then each neighbour.
    const inView = tiles.filter((t) => t.inView).map((t) => this.board.key(t.row, t.column));
    this.queue.want([inView, ...tiles.filter((t) => !t.inView).map((t) => [this.board.key(t.row, t.column)])]);
  }

  /** The rows [from, to] (either order), loading those not loaded yet: what a Shift-click range selects. */
  async rowsBetween(a: number, b: number): Promise<MatrixRow[]> {
    const [from, to] = [Math.min(a, b), Math.max(a, b)];
    await this.tilesFor(from, to, 0, 0);
    return this.collect(from, to, (i) => this.row(i));
  }

  /** The stores (columns) [from, to] (either order), loading those not loaded yet. */
  async storesBetween(a: number, b: number): Promise<MatrixStore[]> {
    const [from, to] = [Math.min(a, b), Math.max(a, b)];
    await this.tilesFor(0, 0, from, to);
    return this.collect(from, to, (i) => this.store(i));
  }

  /** Every cell of the rectangle between two cells, with what it can do, loading the tiles it spans. */
  async cellsBetween(
    a: { row: number; column: number },
    b: { row: number; column: number },
  ): Promise<{ workflowId: string; storeId: string; actions: ActionFlags }[]> {
    const [r0, r1] = [Math.min(a.row, b.row), Math.max(a.row, b.row)];
    const [c0, c1] = [Math.min(a.column, b.column), Math.max(a.column, b.column)];
    await this.tilesFor(r0, r1, c0, c1);
    const out: { workflowId: string; storeId: string; actions: ActionFlags }[] = [];
    for (let r = r0; r <= r1; r++) {
      const row = this.row(r);
      for (let c = c0; c <= c1; c++) {
        const store = this.store(c);
        const actions = this.cellActionsAt(r, c);
        if (row && store && actions) out.push({ workflowId: row.workflowId, storeId: store.id, actions });
      }
    }
    return out;
  }

  private async tilesFor(r0: number, r1: number, c0: number, c1: number): Promise<void> {
    const waits: Promise<void>[] = [];
    for (let r = Math.floor(r0 / ROW_BLOCK); r <= Math.floor(r1 / ROW_BLOCK); r++)
      for (let c = Math.floor(c0 / COLUMN_BLOCK); c <= Math.floor(c1 / COLUMN_BLOCK); c++)
        waits.push(this.board.has(r, c) ? Promise.resolve() : (this.requested.get(this.board.key(r, c)) ?? this.loadTile(r, c)));
    await Promise.all(waits);
  }

  private collect<T>(from: number, to: number, at: (i: number) => T | undefined): T[] {
    const out: T[] = [];
    for (let i = from; i <= to; i++) {
      const item = at(i);
      if (item) out.push(item);
    }
    return out;
  }

  /** Whether a tile is one of those the grid draws now. */
  private inView(key: number): boolean {
    const { row, column } = this.board.blockOf(key);
    const rows = blocksOf(this.view.rows, ROW_BLOCK);
    const columns = blocksOf(this.view.columns, COLUMN_BLOCK);
    return row >= rows.first && row <= rows.last && column >= columns.first && column <= columns.last;
  }

  /** Everything in view loaded again (after a change); what is out of view is dropped and fetched when seen. */
  async refresh(): Promise<void> {
    this.generation++;
    this.requested = new Map();
    this.queue.clear();
    this.board.forget(0, (key) => this.inView(key));
    const rows = blocksOf(this.view.rows, ROW_BLOCK);
    const columns = blocksOf(this.view.columns, COLUMN_BLOCK);
    const keys: number[] = [];
    for (let r = rows.first; r <= rows.last; r++) for (let c = columns.first; c <= columns.last; c++) keys.push(this.board.key(r, c));
    await this.loadTiles(keys.length > 0 ? keys : [this.board.key(0, 0)]);
  }

  /** The workflow of a row, once a tile of its rows has arrived. */
  row(row: number): MatrixRow | undefined {
    return this.board.rows(Math.floor(row / ROW_BLOCK))?.[row % ROW_BLOCK];
  }

  /** The store of a column, once a tile of its columns has arrived. */
  store(column: number): MatrixStore | undefined {
    return this.board.columns(Math.floor(column / COLUMN_BLOCK))?.[column % COLUMN_BLOCK];
  }

  state(row: number, column: number): StatusState | null {
    const letter = this.letter(row, column);
    return letter ? (stateByLetter[letter] ?? null) : null;
  }

  /** Why a blocked or invalid cell is in its state, as the API's shared reason list. */
  reasons(row: number, column: number): readonly BlockReasonItem[] | undefined {
    const tile = this.board.tile(Math.floor(row / ROW_BLOCK), Math.floor(column / COLUMN_BLOCK));
    const ref = tile?.rows[row % ROW_BLOCK]?.reasonRefs.find(([c]) => c === column % COLUMN_BLOCK);
    return ref ? (tile!.reasonSets[ref[1]] as readonly BlockReasonItem[]) : undefined;
  }

  /** What the cell can do, and why not, as the API says. */
  cellActionsAt(row: number, column: number): ActionFlags | undefined {
    const letter = this.letter(row, column);
    const store = this.store(column);
    if (!letter || !store) return undefined;
    return (store.flowInstalled ? this.cellActions.flow : this.cellActions.noFlow)[letter];
  }

  private letter(row: number, column: number): string | undefined {
    const tile = this.board.tile(Math.floor(row / ROW_BLOCK), Math.floor(column / COLUMN_BLOCK));
    return tile?.rows[row % ROW_BLOCK]?.states[column % COLUMN_BLOCK];
  }

  /** The page covering the rectangle of tiles from (rowBlock, columnBlock), `rowBlocks` × `columnBlocks` tiles. */
  private query(rowBlock: number, columnBlock: number, rowBlocks: number, columnBlocks: number): ApiInput<'status.matrix'> {
    const f = this.filter;
    return {
      organizationId: this.organizationId!,
      workflows: { offset: rowBlock * ROW_BLOCK, limit: rowBlocks * ROW_BLOCK },
      stores: { offset: columnBlock * COLUMN_BLOCK, limit: columnBlocks * COLUMN_BLOCK, ...(f.storeIds ? { ids: f.storeIds } : {}) },
      filter: {
        ...(f.states.length > 0 ? { states: f.states } : {}),
        ...(f.appId ? { appId: f.appId } : {}),
        ...(f.search.trim() ? { search: f.search.trim() } : {}),
      },
    };
  }

  private loadTile(rowBlock: number, columnBlock: number): Promise<void> {
    return this.loadTiles([this.board.key(rowBlock, columnBlock)]);
  }

  /** Fetches these tiles in one request (the rectangle around them); each is loading until it arrives. */
  private loadTiles(keys: readonly number[]): Promise<void> {
    const loading = this.fetchTiles(keys);
    for (const key of keys) this.requested.set(key, loading);
    return loading;
  }

  private async fetchTiles(keys: readonly number[]): Promise<void> {
    if (!this.organizationId || keys.length === 0) return;
    if (this.filter.storeIds && this.filter.storeIds.length === 0) {
      this.totalWorkflows = 0;
      this.totalStores = 0;
      return;
    }
    const blocks = keys.map((key) => this.board.blockOf(key));
    const [r0, r1] = [Math.min(...blocks.map((b) => b.row)), Math.max(...blocks.map((b) => b.row))];
    const [c0, c1] = [Math.min(...blocks.map((b) => b.column)), Math.max(...blocks.map((b) => b.column))];
    const generation = this.generation;
    this.inFlight++;
    if (!this.loading) this.loading = true;
    try {
      const page = await api.call('status.matrix', this.query(r0, c0, r1 - r0 + 1, c1 - c0 + 1));
      if (generation !== this.generation) return;
      if (this.totalWorkflows !== page.totalWorkflows) this.totalWorkflows = page.totalWorkflows;
      if (this.totalStores !== page.totalStores) this.totalStores = page.totalStores;
      if (this.cellActions.flow['o'] === undefined) this.cellActions = page.cellActions;
      // The holders are made here, after an await: never inside a render (see TileBoard).
      this.board.size(page.totalWorkflows, page.totalStores);
      // Patched in place: one value per tile and header block, so only what reads it re-renders; all in this
      // microtask, so the tiles of one request are drawn in one frame. Only the tiles asked for are set (a tile of
      // the rectangle loaded already keeps its values and its cells are left alone).
      const asked = new Set(keys);
      for (const part of splitPage(page, { rowBlock0: r0, columnBlock0: c0 }, { rowBlock: ROW_BLOCK, columnBlock: COLUMN_BLOCK })) {
        if (!asked.has(this.board.key(part.rowBlock, part.columnBlock))) continue;
        if (this.headerGeneration.get(`r${part.rowBlock}`) !== generation) {
          this.headerGeneration.set(`r${part.rowBlock}`, generation);
          this.board.setRows(part.rowBlock, part.rows);
        }
        if (this.headerGeneration.get(`c${part.columnBlock}`) !== generation && part.stores.length > 0) {
          this.headerGeneration.set(`c${part.columnBlock}`, generation);
          this.board.setColumns(part.columnBlock, part.stores);
        }
        this.board.setTile(part.rowBlock, part.columnBlock, { rows: part.rows, reasonSets: page.reasonSets });
      }
      // Keeps memory flat however far the admin scrolls: the oldest tiles out of view go (fetched again when seen).
      for (const gone of this.board.forget(KEPT_TILES, (k) => this.inView(k))) this.requested.delete(gone);
    } catch (error) {
      if (generation === this.generation) {
        for (const key of keys) this.requested.delete(key);
        this.error = (error as Error).message;
      }
    } finally {
      this.inFlight--;
      if (generation === this.generation && this.inFlight <= 0) this.loading = false;
    }
  }
}
