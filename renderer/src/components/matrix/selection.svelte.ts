import { SvelteMap } from 'svelte/reactivity';
import type { ActionFlags } from '../../lib/state/matrix.svelte';

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
