import type { Catalog } from '../catalog/catalog';
import { blockReasons } from './compute-status';
import * as codes from './state-grid';
import { rowCounts, STATE_CODES, type OrganizationFacts, type StateCounts, type StateGrid } from './state-grid';
import { groupActions, pairActions, type ActionFlags } from './pair-actions';
import type { BlockReason, StatusState } from './workflow-status';

const { BLOCKED, INVALID } = codes;

/** One letter per state in a matrix row. */
export const STATE_LETTERS: Record<StatusState, string> = { running: 'r', off: 'o', deactivated: 'd', blocked: 'b', invalid: 'i' };
const LETTER_BY_CODE = STATE_CODES.map((state) => STATE_LETTERS[state]);

export interface MatrixQuery {
  workflowIds?: readonly string[];
  workflowOffset: number;
  workflowLimit: number;
  storeIds?: readonly string[];
  storeOffset: number;
  storeLimit: number;
  /** Keep workflows (rows) and stores (columns) with at least one pair in one of these states. */
  states?: readonly StatusState[];
  /** Keep workflows that use this app. */
  appId?: string;
  /** Keep workflows whose name contains this, ignoring case. */
  search?: string;
}

export interface MatrixRow {
  workflowId: string;
  name: string;
  appsUsed: string[];
  errorCount: number;
  /** One letter per column of the page (see STATE_LETTERS). */
  states: string;
  /** [column, index into reasonSets] for each blocked or invalid cell of the page that has reasons. */
  reasonRefs: [number, number][];
  /** Across every store selected by id (all by default), not only the page's columns nor only the states filtered. */
  counts: StateCounts;
  /** What a bulk change of the whole row (across the stores the query shows) can do, and why not. */
  actions: ActionFlags;
}

/** A store (column) of a matrix page. */
export interface MatrixStore {
  id: string;
  name: string;
  flowInstalled: boolean;
  /** What a bulk change of the whole column (across the workflows the query shows) can do, and why not. */
  actions: ActionFlags;
}

/** What can be done to one cell, by its state letter, in a store with and without the Flow app. */
export interface CellActions {
  flow: Record<string, ActionFlags>;
  noFlow: Record<string, ActionFlags>;
}

export interface MatrixPage {
  totalWorkflows: number;
  totalStores: number;
  workflowOffset: number;
  storeOffset: number;
  stores: MatrixStore[];
  rows: MatrixRow[];
  cellActions: CellActions;
  /** Distinct lists of block reasons, referred to by index from the rows. */
  reasonSets: BlockReason[][];
}

/** The workflows (rows) and stores (columns) a matrix query shows, as indexes into the facts, in order. */
export interface MatrixAxes {
  workflows: number[];
  stores: number[];
  /** The stores selected by id before the states filter (all by default): what a row's counts are over. */
  selected: number[];
  allStores: boolean;
}

/** Which rows and columns the query's ids and filters keep: the matrix's pages and bulk changes agree on it. */
export function matrixAxes(
  facts: OrganizationFacts,
  grid: StateGrid,
  q: Omit<MatrixQuery, 'workflowOffset' | 'workflowLimit' | 'storeOffset' | 'storeLimit'>,
): MatrixAxes {
  let workflows = selectIndexes(facts.workflows, q.workflowIds);
  if (q.appId !== undefined) workflows = workflows.filter((w) => facts.workflows[w]!.appsUsed.includes(q.appId!));
  if (q.search) {
    const needle = q.search.toLocaleLowerCase();
    workflows = workflows.filter((w) => facts.workflows[w]!.name.toLocaleLowerCase().includes(needle));
  }
  let stores = selectIndexes(facts.stores, q.storeIds);
  const selected = stores;
  const allStores = stores.length === grid.stores;
  if (q.states && q.states.length > 0) {
    const wanted = new Uint8Array(STATE_CODES.length);
    for (const state of q.states) wanted[STATE_CODES.indexOf(state)] = 1;
    const keptStores = new Uint8Array(grid.stores);
    const cells = grid.cells;
    const S = grid.stores;
    workflows = workflows.filter((w) => {
      let hit = false;
      const row = w * S;
      const check = (s: number) => {
        if (wanted[cells[row + s]!]) {
          hit = true;
          keptStores[s] = 1;
        }
      };
      if (allStores) for (let s = 0; s < S; s++) check(s);
      else for (const s of stores) check(s);
      return hit;
    });
    stores = stores.filter((s) => keptStores[s] === 1);
  }
  return { workflows, stores, selected, allStores };
}

/**
 * One page of the (workflow × store) status matrix in a compact form a virtualized grid can page
 * through: a string of state letters per row and each distinct list of reasons once.
 */
export function matrixPage(facts: OrganizationFacts, grid: StateGrid, catalog: Catalog, q: MatrixQuery): MatrixPage {
  const { workflows, stores, selected, allStores } = matrixAxes(facts, grid, q);
  const pageStores = stores.slice(q.storeOffset, q.storeOffset + q.storeLimit);
  const reasonSets: BlockReason[][] = [];
  const reasonIndex = new Map<string, number>();
  // Reasons depend on the workflow's apps and the store only: worked out once per (signature, store).
  const refOf = new Map<number, number>();
  const reasonRef = (w: number, s: number): number => {
    const key = grid.signatureOf[w]! * grid.stores + s;
    let ref = refOf.get(key);
    if (ref === undefined) {
      const reasons = blockReasons(facts.workflows[w]!, facts.stores[s]!, catalog);
      const text = reasonKey(reasons);
      ref = reasons.length === 0 ? -1 : (reasonIndex.get(text) ?? reasonSets.push(reasons) - 1);
      if (ref >= 0) reasonIndex.set(text, ref);
      refOf.set(key, ref);
    }
    return ref;
  };
  const flowOf = Uint8Array.from(facts.stores, (s) => (s.flowInstalled ? 1 : 0));
  const rows = workflows.slice(q.workflowOffset, q.workflowOffset + q.workflowLimit).map((w): MatrixRow => {
    const workflow = facts.workflows[w]!;
    const row = w * grid.stores;
    let letters = '';
    const reasonRefs: [number, number][] = [];
    pageStores.forEach((s, column) => {
      const code = grid.cells[row + s]!;
      letters += LETTER_BY_CODE[code];
      if (code !== BLOCKED && code !== INVALID) return;
      const ref = reasonRef(w, s);
      if (ref >= 0) reasonRefs.push([column, ref]);
    });
    return {
      workflowId: workflow.id,
      name: workflow.name,
      appsUsed: [...workflow.appsUsed],
      errorCount: workflow.errors.length,
      states: letters,
      reasonRefs,
      counts: rowCounts(grid, w, allStores ? undefined : selected),
      actions: axisActions(grid, flowOf, stores, (s) => w * grid.stores + s),
    };
  });

  return {
    totalWorkflows: workflows.length,
    totalStores: stores.length,
    workflowOffset: q.workflowOffset,
    storeOffset: q.storeOffset,
    stores: pageStores.map((s) => {
      const store = facts.stores[s]!;
      const actions = axisActions(grid, flowOf, workflows, (w) => w * grid.stores + s, store.flowInstalled);
      return { id: store.id, name: store.name, flowInstalled: store.flowInstalled, actions };
    }),
    rows,
    reasonSets,
    cellActions: CELL_ACTIONS,
  };
}

const CELL_ACTIONS: CellActions = {
  flow: Object.fromEntries(STATE_CODES.map((state) => [STATE_LETTERS[state], pairActions(state, true)])),
  noFlow: Object.fromEntries(STATE_CODES.map((state) => [STATE_LETTERS[state], pairActions(state, false)])),
};

/**
 * What a whole row or column can do: the group of its cells' actions (pair-actions.ts), worked out from which
 * (state, Flow app) combinations occur among them rather than cell by cell.
 */
function axisActions(
  grid: StateGrid,
  flowOf: Uint8Array,
  along: readonly number[],
  cellAt: (i: number) => number,
  columnFlow?: boolean,
): ActionFlags {
  // seen[code * 2 + flow]
  const seen = new Uint8Array(STATE_CODES.length * 2);
  for (const i of along) {
    const flow = columnFlow === undefined ? flowOf[i]! : columnFlow ? 1 : 0;
    seen[grid.cells[cellAt(i)]! * 2 + flow] = 1;
  }
  const present: ActionFlags[] = [];
  STATE_CODES.forEach((state, code) => {
    if (seen[code * 2]) present.push(pairActions(state, false));
    if (seen[code * 2 + 1]) present.push(pairActions(state, true));
  });
  return groupActions(present);
}

/** Indexes of the items, all or those with the given ids (in the items' order; unknown ids are ignored). */
function selectIndexes(items: readonly { id: string }[], ids: readonly string[] | undefined): number[] {
  if (!ids) return items.map((_, i) => i);
  const wanted = new Set(ids);
  const out: number[] = [];
  items.forEach((item, i) => wanted.has(item.id) && out.push(i));
  return out;
}

function reasonKey(reasons: readonly BlockReason[]): string {
  return reasons.map((r) => `${r.code}:${r.appId ?? ''}:${r.missingSetup.join('+')}`).join('|');
}
