/**
 * The status rule written plainly, one pair at a time: the tested reference the state grid (the only
 * computation the app uses, state-grid.ts) must agree with; see the property test in test/unit/rules.
 * Pure: plain facts in, a status out.
 */
import type { Catalog } from '../catalog/catalog';
import { readinessWarnings, type StoreReadiness } from './readiness';
import type { ActivationFacts, StoreFacts, WorkflowFacts } from './status-facts';
import type { BlockReason, BlockReasonCode, StatusState, WorkflowStoreStatus } from './workflow-status';

/** One thing standing in a workflow's way in a store, without its sentence: what the overview groups by. */
export interface BlockCause {
  code: BlockReasonCode;
  appId: string | null;
  missingSetup: readonly string[];
}

/**
 * The one rule of what stands in a workflow's way in a store, every cause at once: the Flow app itself (R8),
 * then per connector app it uses: not installed (R6), not set up (R2), no connection where Flow keeps the
 * app's authentication (R7). Empty when nothing stands in the way. Depends only on the apps and the store.
 */
export function blockCauses(appsUsed: readonly string[], store: StoreFacts, catalog: Catalog): BlockCause[] {
  const causes: BlockCause[] = [];
  if (!store.flowInstalled) causes.push({ code: 'flow_app_not_installed', appId: null, missingSetup: [] });
  for (const appId of appsUsed) {
    if (store.ready.has(appId)) continue;
    const missing = store.installations.get(appId);
    if (missing === undefined) {
      causes.push({ code: 'app_not_installed', appId, missingSetup: [] });
      continue;
    }
    if (missing.length > 0) causes.push({ code: 'app_not_set_up', appId, missingSetup: missing });
    if (catalog.app(appId)?.flowConnection && !store.connections.has(appId))
      causes.push({ code: 'connection_missing', appId, missingSetup: [] });
  }
  return causes;
}

/** Why a workflow cannot run in a store, every reason with its sentence, so the admin sees the whole list of what to do. */
export function blockReasons(workflow: Pick<WorkflowFacts, 'appsUsed'>, store: StoreFacts, catalog: Catalog): BlockReason[] {
  return blockCauses(workflow.appsUsed, store, catalog).map((cause) => ({
    ...cause,
    missingSetup: [...cause.missingSetup],
    message: reasonMessage(cause, catalog),
  }));
}

function reasonMessage({ code, appId, missingSetup }: BlockCause, catalog: Catalog): string {
  const app = appId === null ? undefined : catalog.app(appId);
  const name = app?.name.en ?? appId ?? '';
  switch (code) {
    case 'flow_app_not_installed':
      return 'The Flow app is not installed in this store';
    case 'app_not_installed':
      return `${name} is not installed in this store`;
    case 'app_not_set_up':
      return `${name} is installed but not set up: ${missingSetup.map((key) => app?.setup.find((s) => s.key === key)?.name.en ?? key).join('; ')}`;
    case 'connection_missing':
      return `Flow has no ${name} connection in this store`;
  }
}

/** True when nothing in the store stands in the workflow's way: the fast path of {@link blockReasons}. */
export function canRunIn(workflow: WorkflowFacts, store: StoreFacts): boolean {
  if (!store.flowInstalled) return false;
  for (const appId of workflow.appsUsed) if (!store.ready.has(appId)) return false;
  return true;
}

/**
 * The state alone, without building reasons: off and deactivated follow the activation; an enabled
 * workflow is invalid when it has validation errors, blocked when the store stands in its way, else running.
 */
export function stateOf(workflow: WorkflowFacts, store: StoreFacts, activation: ActivationFacts | null): StatusState {
  if (!activation?.enabled) return activation?.deactivatedAt ? 'deactivated' : 'off';
  if (workflow.errors.length > 0) return 'invalid';
  return canRunIn(workflow, store) ? 'running' : 'blocked';
}

/**
 * The full status of one (workflow, store) pair, with every reason and validation error, and for a running
 * pair the readiness warnings when the store's readiness is given.
 */
export function computeStatus(
  workflow: WorkflowFacts,
  store: StoreFacts,
  activation: ActivationFacts | null,
  catalog: Catalog,
  readiness?: StoreReadiness,
): WorkflowStoreStatus {
  const state = stateOf(workflow, store, activation);
  return statusInState(state, workflow, store, state === 'deactivated' ? activation!.deactivatedAt : null, catalog, readiness);
}

/**
 * What a pair in a known state shows: the reasons and problems of the enabled states, and a running pair's
 * readiness warnings. Shared by computeStatus and the state grid (grid-status.ts), which know the state apart.
 */
export function statusInState(
  state: WorkflowStoreStatus['state'],
  workflow: WorkflowFacts,
  store: StoreFacts,
  deactivatedAt: string | null,
  catalog: Catalog,
  readiness?: StoreReadiness,
): WorkflowStoreStatus {
  const enabled = state === 'running' || state === 'blocked' || state === 'invalid';
  return {
    workflowId: workflow.id,
    storeId: store.id,
    state,
    // An invalid workflow also lists what the store lacks, so both can be fixed in one go.
    reasons: enabled ? blockReasons(workflow, store, catalog) : [],
    problems: state === 'invalid' ? [...workflow.errors] : [],
    // Readiness never changes the state: a running cell carries what stands in the way of its deliveries.
    warnings: state === 'running' ? readinessWarnings(workflow.appsUsed, readiness, catalog) : [],
    since: state === 'deactivated' ? deactivatedAt : null,
  };
}
