import type { HandlerContext } from '../handler-context';
import { DomainError } from '../../domain/domain-error';
import type { Change } from '../mutation';
import type { ActivationRow } from '../../store/activation-store';
import type { StoreRow } from '../../store/store-store';

/** Activation changes as rules: each says what changed and what to record; the handlers choose the pairs. */

export type StoreBrief = Pick<StoreRow, 'id' | 'name' | 'flowInstalled'>;

/** Whether a change to `enabled` would alter the pair: enabling anything not enabled, disabling anything not plainly off. */
function changes(current: ActivationRow | undefined, enabled: boolean): boolean {
  if (enabled) return !current?.enabled;
  return current !== undefined && (current.enabled || current.deactivatedAt !== null);
}

/** The organization's workflows among the ids (all when 'all'), refusing unknown ones and those of another organization. */
export function requireWorkflowsOf(ctx: HandlerContext, organizationId: string, ids: readonly string[] | 'all', field: string): string[] {
  const known = ctx.workflows.names(organizationId).map((w) => w.id);
  if (ids === 'all') return known;
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

/** Enables or disables one workflow in the given stores (all checked to be its organization's). */
export function setForWorkflow(
  ctx: HandlerContext,
  workflow: { id: string; name: string; organizationId: string },
  stores: readonly StoreBrief[],
  enabled: boolean,
): ActivationChange {
  const workflowId = workflow.id;
  const current = new Map(ctx.activations.ofWorkflow(workflowId).map((a) => [a.storeId, a]));
  const changed = stores.filter((s) => changes(current.get(s.id), enabled));
  const changedIds = changed.map((s) => s.id);
  if (changed.length > 0) ctx.activations.setForWorkflow(workflowId, changedIds, enabled, ctx.now().toISOString());
  const value = {
    enabled,
    changed: changed.length,
    unchanged: stores.length - changed.length,
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
export function setInStore(ctx: HandlerContext, store: StoreRow, ids: readonly string[], enabled: boolean): ActivationChange {
  const storeId = store.id;
  const current = new Map(ctx.activations.ofStore(storeId).map((a) => [a.workflowId, a]));
  const changed = ids.filter((id) => changes(current.get(id), enabled));
  if (changed.length > 0) ctx.activations.setForStore(storeId, changed, enabled, ctx.now().toISOString());
  const value = {
    enabled,
    changed: changed.length,
    unchanged: ids.length - changed.length,
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

/** R8 undone: enables again the deactivated pairs of the stores (only these workflows, when given). */
export function reenableDeactivated(
  ctx: HandlerContext,
  organization: { id: string; name: string },
  stores: readonly StoreBrief[],
  workflows: readonly string[] | undefined,
): Change<Summary, 'activation.reenabled'> {
  const pairs = ctx.activations.reenableDeactivated(
    stores.map((s) => s.id),
    workflows,
    ctx.now().toISOString(),
  );
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
