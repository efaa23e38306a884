import { SvelteSet } from 'svelte/reactivity';

export function cellKey(workflowId: string, storeId: string): string {
  return `${workflowId}|${storeId}`;
}

/** What is selected in the matrix: whole rows (workflows), whole columns (stores) and single cells. */
export class GridSelection {
  rows = new SvelteSet<string>();
  columns = new SvelteSet<string>();
  cells = new SvelteSet<string>();
  size = $derived(this.rows.size + this.columns.size + this.cells.size);

  private static flip(set: SvelteSet<string>, key: string): void {
    if (set.has(key)) set.delete(key);
    else set.add(key);
  }
  toggleRow(workflowId: string): void {
    GridSelection.flip(this.rows, workflowId);
  }
  toggleColumn(storeId: string): void {
    GridSelection.flip(this.columns, storeId);
  }
  toggleCell(workflowId: string, storeId: string): void {
    GridSelection.flip(this.cells, cellKey(workflowId, storeId));
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
