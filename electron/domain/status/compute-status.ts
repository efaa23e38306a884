import type { Catalog } from '../catalog/catalog';
import type { ActivationFacts, StoreFacts, WorkflowFacts } from './status-facts';
import type { BlockReason, StatusState, WorkflowStoreStatus } from './workflow-status';

/**
 * Why a workflow cannot run in a store, every reason at once, so the admin sees the whole list of what to
 * do: the Flow app itself (R8), then per connector app it uses: not installed (R6), not set up (R2), no
 * connection where Flow keeps the app's authentication (R7). Empty when nothing stands in the way.
 */
export function blockReasons(workflow: WorkflowFacts, store: StoreFacts, catalog: Catalog): BlockReason[] {
  const reasons: BlockReason[] = [];
  if (!store.flowInstalled) {
    reasons.push({ code: 'flow_app_not_installed', appId: null, missingSetup: [], message: 'The Flow app is not installed in this store' });
  }
  for (const appId of workflow.appsUsed) {
    if (store.ready.has(appId)) continue;
    const app = catalog.app(appId);
    const name = app?.name.en ?? appId;
    const missing = store.installations.get(appId);
    if (missing === undefined) {
      reasons.push({ code: 'app_not_installed', appId, missingSetup: [], message: `${name} is not installed in this store` });
      continue;
    }
    if (missing.length > 0) {
      const steps = missing.map((key) => app?.setup.find((s) => s.key === key)?.name.en ?? key);
      reasons.push({ code: 'app_not_set_up', appId, missingSetup: [...missing], message: `${name} is installed but not set up: ${steps.join('; ')}` });
    }
    if (app?.flowConnection && !store.connections.has(appId)) {
      reasons.push({ code: 'connection_missing', appId, missingSetup: [], message: `Flow has no ${name} connection in this store` });
    }
  }
  return reasons;
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

/** The full status of one (workflow, store) pair, with every reason and validation error. */
export function computeStatus(
  workflow: WorkflowFacts,
  store: StoreFacts,
  activation: ActivationFacts | null,
  catalog: Catalog,
): WorkflowStoreStatus {
  const state = stateOf(workflow, store, activation);
  const enabled = state === 'running' || state === 'blocked' || state === 'invalid';
  return {
    workflowId: workflow.id,
    storeId: store.id,
    state,
    // An invalid workflow also lists what the store lacks, so both can be fixed in one go.
    reasons: enabled ? blockReasons(workflow, store, catalog) : [],
    problems: state === 'invalid' ? [...workflow.errors] : [],
    since: state === 'deactivated' ? activation!.deactivatedAt : null,
  };
}
