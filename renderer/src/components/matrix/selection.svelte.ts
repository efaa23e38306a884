import { SvelteMap } from 'svelte/reactivity';
import type { ActionFlags, MatrixState } from '../../lib/state/matrix.svelte';

export function cellKey(workflowId: string, storeId: string): string {
  return `${workflowId}|${storeId}`;
}

const ACTIONS = ['enable', 'disable', 'reenable'] as const;
const NOTHING: ActionFlags = { enable: 'nothing_selected', disable: 'nothing_selected', reenable: 'nothing_selected' };

/**
 * What is selected in the matrix: whole rows (workflows), whole columns (stores) and single cells, each with
 * what the API said it can do when it was selected (enable, disable, re-enable, or why not).
 */
export class GridSelection {
  rows = new SvelteMap<string, ActionFlags>();
  columns = new SvelteMap<string, ActionFlags>();
  cells = new SvelteMap<string, ActionFlags>();
  size = $derived(this.rows.size + this.columns.size + this.cells.size);
  /**
   * What the bulk buttons offer: an action the API allows for at least one selected item; otherwise the
   * API's reason for the first item (the server decides each item, this only puts them side by side).
   */
  actions = $derived.by((): ActionFlags => {
    let out: ActionFlags | null = null;
    for (const flags of [...this.rows.values(), ...this.columns.values(), ...this.cells.values()]) {
      if (!out) out = { ...flags };
      else for (const a of ACTIONS) if (flags[a] === null) out[a] = null;
    }
    return out ?? NOTHING;
  });

  private static set(map: SvelteMap<string, ActionFlags>, key: string, flags: ActionFlags, on: boolean): void {
    if (on) map.set(key, flags);
    else map.delete(key);
  }
  setRow(workflowId: string, flags: ActionFlags, on: boolean): void {
    GridSelection.set(this.rows, workflowId, flags, on);
  }
  setColumn(storeId: string, flags: ActionFlags, on: boolean): void {
    GridSelection.set(this.columns, storeId, flags, on);
  }
  setCell(workflowId: string, storeId: string, flags: ActionFlags, on: boolean): void {
    GridSelection.set(this.cells, cellKey(workflowId, storeId), flags, on);
  }
  toggleRow(workflowId: string, flags: ActionFlags): void {
    this.setRow(workflowId, flags, !this.rows.has(workflowId));
  }
  toggleColumn(storeId: string, flags: ActionFlags): void {
    this.setColumn(storeId, flags, !this.columns.has(storeId));
  }
  toggleCell(workflowId: string, storeId: string, flags: ActionFlags): void {
    this.setCell(workflowId, storeId, flags, !this.cells.has(cellKey(workflowId, storeId)));
  }
  isSelected(workflowId: string, storeId: string): boolean {
    return this.rows.has(workflowId) || this.columns.has(storeId) || this.cells.has(cellKey(workflowId, storeId));
  }
  clear(): void {
    this.rows.clear();
    this.columns.clear();
    this.cells.clear();
  }
}

/** Where a selection click was: a row header (column -1), a column header (row -1) or a cell. */
interface Spot {
  row: number;
  column: number;
}
type Kind = 'row' | 'column' | 'cell';
const kindOf = ({ row, column }: Spot): Kind | null =>
  row === -1 && column === -1 ? null : row === -1 ? 'column' : column === -1 ? 'row' : 'cell';

/**
 * Selecting in the grid by click or Space: one item toggles; with Shift, everything from the last item
 * clicked to this one (of the same kind: rows, columns, or the rectangle of cells) is selected, loading
 * the rows and stores between that are not loaded yet.
 */
export class RangeSelect {
  private anchor: Spot | null = null;

  constructor(
    private readonly matrixOf: () => MatrixState,
    private readonly selectionOf: () => GridSelection,
  ) {}

  isSelected(row: number, column: number): boolean {
    const matrix = this.matrixOf();
    const selection = this.selectionOf();
    const workflow = matrix.row(row);
    const store = matrix.store(column);
    if (column === -1) return !!workflow && selection.rows.has(workflow.workflowId);
    if (row === -1) return !!store && selection.columns.has(store.id);
    return !!workflow && !!store && selection.isSelected(workflow.workflowId, store.id);
  }

  async select(row: number, column: number, extend: boolean): Promise<void> {
    const here = { row, column };
    const kind = kindOf(here);
    if (!kind) return;
    const matrix = this.matrixOf();
    const selection = this.selectionOf();
    const from = this.anchor;
    if (!extend || !from || kindOf(from) !== kind) {
      this.toggle(here, kind);
      this.anchor = here;
      return;
    }
    if (kind === 'row') for (const r of await matrix.rowsBetween(from.row, row)) selection.setRow(r.workflowId, r.actions, true);
    else if (kind === 'column') for (const s of await matrix.storesBetween(from.column, column)) selection.setColumn(s.id, s.actions, true);
    else for (const c of await matrix.cellsBetween(from, here)) selection.setCell(c.workflowId, c.storeId, c.actions, true);
    this.anchor = here;
  }

  private toggle({ row, column }: Spot, kind: Kind): void {
    const matrix = this.matrixOf();
    const selection = this.selectionOf();
    const workflow = matrix.row(row);
    const store = matrix.store(column);
    if (kind === 'row' && workflow) selection.toggleRow(workflow.workflowId, workflow.actions);
    else if (kind === 'column' && store) selection.toggleColumn(store.id, store.actions);
    else if (kind === 'cell' && workflow && store) {
      const flags = matrix.cellActionsAt(row, column);
      if (flags) selection.toggleCell(workflow.workflowId, store.id, flags);
    }
  }
}
