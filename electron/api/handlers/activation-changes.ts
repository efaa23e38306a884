import type { HandlerContext } from '../handler-context';
import { DomainError } from '../../domain/domain-error';
import { pairOutcome, type ActivationAction, type NotAllowed } from '../../domain/status/pair-actions';
import type { Change } from '../mutation';
import type { ActivationRow } from '../../store/activation-store';
import type { StoreRow } from '../../store/store-store';

/** Activation changes as rules: each says what changed and what to record; the handlers choose the pairs. */

export type StoreBrief = Pick<StoreRow, 'id' | 'name' | 'flowInstalled'>;

/**
 * Pairs a change held back by the domain's rule (pair-actions.ts), by reason, with the stores they are in:
 * what a bulk change reports as skipped instead of changing.
 */
export class HeldBack {
  private readonly byReason = new Map<NotAllowed, { pairs: number; storeIds: Set<string> }>();
  /** A pair met by a row and by a column is counted once. */
  private readonly seen = new Set<string>();

  add(reason: NotAllowed, workflowId: string, storeId: string): void {
    const key = `${workflowId}|${storeId}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let entry = this.byReason.get(reason);
    if (!entry) this.byReason.set(reason, (entry = { pairs: 0, storeIds: new Set() }));
    entry.pairs++;
    entry.storeIds.add(storeId);
  }

  list(): { reason: NotAllowed; pairs: number; storeIds: string[] }[] {
    return [...this.byReason].map(([reason, { pairs, storeIds }]) => ({ reason, pairs, storeIds: [...storeIds] }));
  }
}

/**
 * Sorts pairs by the domain's rule for the action: those it changes, how many already are as asked; the ones
 * held back for another reason are noted in `held`.
 */
function sortPairs<T>(
  items: readonly T[],
  action: ActivationAction,
  pairOf: (item: T) => { activation: ActivationRow | undefined; workflowId: string; storeId: string; flowInstalled: boolean },
  held: HeldBack | undefined,
): { change: T[]; unchanged: number } {
  const change: T[] = [];
  let unchanged = 0;
  for (const item of items) {
    const { activation, workflowId, storeId, flowInstalled } = pairOf(item);
    const outcome = pairOutcome(action, activation, flowInstalled);
    if (outcome.change) change.push(item);
    else if (outcome.asAsked) unchanged++;
    else held?.add(outcome.reason, workflowId, storeId);
  }
  return { change, unchanged };
}

/**
 * The organization's workflows among the ids (all when 'all'), refusing unknown ones and those of another organization.
 * `known`: the organization's workflow ids when the caller has read them already in this transaction.
 */
export function requireWorkflowsOf(
  ctx: HandlerContext,
  organizationId: string,
  ids: readonly string[] | 'all',
  field: string,
  known: readonly string[] = ctx.workflows.names(organizationId).map((w) => w.id),
): string[] {
  if (ids === 'all') return [...known];
  const mine = new Set(known);
  const unique = [...new Set(ids)];
  const strangers = unique.filter((id) => !mine.has(id));
  if (strangers.length > 0) {
    throw new DomainError(
      'not_found',
      `${field}: ${strangers.join(', ')} ${strangers.length === 1 ? 'is not a workflow' : 'are not workflows'} of this organization`,
      {
        what: 'Workflow',
        ids: strangers,
        path: [field],
      },
    );
  }
  return unique;
}

/** The changed pairs' previous states, compactly: the ids that were off, enabled, or deactivated by R8. */
function previously(ids: readonly string[], current: ReadonlyMap<string, ActivationRow>) {
  const out: { off: string[]; enabled: string[]; deactivated: string[] } = { off: [], enabled: [], deactivated: [] };
  for (const id of ids) {
    const a = current.get(id);
    (a?.enabled ? out.enabled : a?.deactivatedAt ? out.deactivated : out.off).push(id);
  }
  return out;
}

/** Pairs as { storeId: workflowIds }: the exact list, without repeating each store id. */
function byStore(pairs: readonly { workflowId: string; storeId: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of pairs) (out[p.storeId] ??= []).push(p.workflowId);
  return out;
}

function verb(enabled: boolean) {
  return enabled ? 'Enabled' : 'Disabled';
}

/** What one activation change did (the contract's activationSummary). */
export interface ActivationSummary {
  enabled: boolean;
  changed: number;
  unchanged: number;
  changedStoreIds: string[];
  changedWorkflowIds: string[];
  withoutFlowApp: number;
}
type Summary = ActivationSummary;
type ActivationChange = Change<Summary, 'activation.enabled' | 'activation.disabled'>;

const actionOf = (enabled: boolean): ActivationAction => (enabled ? 'enable' : 'disable');

/** Enables or disables one workflow in the given stores (all checked to be its organization's). */
export function setForWorkflow(
  ctx: HandlerContext,
  workflow: { id: string; name: string; organizationId: string },
  stores: readonly StoreBrief[],
  enabled: boolean,
  held?: HeldBack,
): ActivationChange {
  const workflowId = workflow.id;
  const current = new Map(ctx.activations.ofWorkflow(workflowId).map((a) => [a.storeId, a]));
  const { change: changed, unchanged } = sortPairs(
    stores,
    actionOf(enabled),
    (s) => ({ activation: current.get(s.id), workflowId, storeId: s.id, flowInstalled: s.flowInstalled }),
    held,
  );
  const changedIds = changed.map((s) => s.id);
  if (changed.length > 0) ctx.activations.setForWorkflow(workflowId, changedIds, enabled, ctx.now().toISOString(), current);
  const value = {
    enabled,
    changed: changed.length,
    unchanged,
    changedStoreIds: changedIds,
    changedWorkflowIds: changed.length > 0 ? [workflowId] : [],
    withoutFlowApp: enabled ? changed.filter((s) => !s.flowInstalled).length : 0,
  };
  if (changed.length === 0) return { value, audit: null };
  return {
    value,
    audit: {
      action: enabled ? 'activation.enabled' : 'activation.disabled',
      organizationId: workflow.organizationId,
      workflowId,
      storeId: changed.length === 1 ? changedIds[0]! : null,
      summary: `${verb(enabled)} "${workflow.name}" in ${changed.length === 1 ? `"${changed[0]!.name}"` : `${changed.length} stores`}`,
      before: previously(changedIds, current),
      // Names, so the log reads the same after a rename or deletion (the ids alone say little).
      after: { enabled, workflowName: workflow.name, ...(changed.length === 1 ? { storeName: changed[0]!.name } : {}) },
      subjects: { storeIds: changedIds },
    },
  };
}

/** Enables or disables the given workflows (all checked to be the store's organization's) in one store. */
export function setInStore(
  ctx: HandlerContext,
  store: StoreRow,
  ids: readonly string[],
  enabled: boolean,
  held?: HeldBack,
): ActivationChange {
  const storeId = store.id;
  const current = new Map(ctx.activations.ofStore(storeId).map((a) => [a.workflowId, a]));
  const { change: changed, unchanged } = sortPairs(
    ids,
    actionOf(enabled),
    (id) => ({ activation: current.get(id), workflowId: id, storeId, flowInstalled: store.flowInstalled }),
    held,
  );
  if (changed.length > 0) ctx.activations.setForStore(storeId, changed, enabled, ctx.now().toISOString(), current);
  const value = {
    enabled,
    changed: changed.length,
    unchanged,
    changedStoreIds: changed.length > 0 ? [storeId] : [],
    changedWorkflowIds: changed,
    withoutFlowApp: enabled && !store.flowInstalled ? changed.length : 0,
  };
  if (changed.length === 0) return { value, audit: null };
  return {
    value,
    audit: {
      action: enabled ? 'activation.enabled' : 'activation.disabled',
      organizationId: store.organizationId,
      storeId,
      workflowId: changed.length === 1 ? changed[0]! : null,
      summary: `${verb(enabled)} ${changed.length === 1 ? '1 workflow' : `${changed.length} workflows`} in "${store.name}"`,
      before: previously(changed, current),
      after: { enabled, storeName: store.name },
      subjects: { workflowIds: changed },
    },
  };
}

/**
 * R8 undone: enables again the deactivated pairs of the stores (only these workflows, when given), by the
 * matrix's own rule (pair-actions.ts): re-enabling waits for the Flow app, so pairs in stores without it are
 * held back and noted in `held` ("Re-enable all" and the matrix's bulk report them as skipped).
 */
export function reenableDeactivated(
  ctx: HandlerContext,
  organization: { id: string; name: string },
  stores: readonly StoreBrief[],
  workflows: readonly string[] | undefined,
  held: HeldBack,
): Change<Summary, 'activation.reenabled'> {
  const flowIn = new Map(stores.map((s) => [s.id, s.flowInstalled]));
  const deactivated = ctx.activations.deactivatedIn([...flowIn.keys()], workflows);
  const pairs = sortPairs(
    deactivated,
    'reenable',
    (a) => ({ activation: a, workflowId: a.workflowId, storeId: a.storeId, flowInstalled: flowIn.get(a.storeId)! }),
    held,
  ).change;
  ctx.activations.reenable(pairs, ctx.now().toISOString());
  const changedStoreIds = [...new Set(pairs.map((p) => p.storeId))];
  const changedWorkflowIds = [...new Set(pairs.map((p) => p.workflowId))];
  const withoutFlow = new Set(stores.filter((s) => !s.flowInstalled).map((s) => s.id));
  const value = {
    enabled: true,
    changed: pairs.length,
    unchanged: 0,
    changedStoreIds,
    changedWorkflowIds,
    withoutFlowApp: pairs.filter((p) => withoutFlow.has(p.storeId)).length,
  };
  if (pairs.length === 0) return { value, audit: null };
  return {
    value,
    audit: {
      action: 'activation.reenabled',
      organizationId: organization.id,
      storeId: changedStoreIds.length === 1 ? changedStoreIds[0]! : null,
      workflowId: changedWorkflowIds.length === 1 ? changedWorkflowIds[0]! : null,
      summary: `Re-enabled ${pairs.length} workflow activations deactivated by uninstalling the Flow app, in ${changedStoreIds.length} stores of "${organization.name}" (R8)`,
      before: { deactivated: byStore(pairs) },
      after: { enabled: true },
      subjects: { storeIds: changedStoreIds, workflowIds: changedWorkflowIds },
    },
  };
}
