import type { Catalog } from '../catalog/catalog';
import { blockCauses } from './compute-status';
import * as codes from './state-grid';
import { toCounts, type OrganizationFacts, type StateCounts, type StateGrid } from './state-grid';
import type { BlockReasonCode } from './workflow-status';

// Plain local numbers: a module's exported constants can be getters (esbuild), too slow for 2,000,000 cells.
const { BLOCKED, DEACTIVATED, INVALID, RUNNING } = codes;

export interface BlockedGroup {
  code: BlockReasonCode;
  appId: string | null;
  message: string;
  /** Enabled (workflow, store) pairs this reason blocks, and how many workflows and stores they span. */
  pairs: number;
  workflows: number;
  stores: number;
}

export interface StatusOverview {
  counts: {
    stores: number;
    storesWithoutFlow: number;
    workflows: number;
    appsInstalled: number;
    appsNotInstalled: number;
    pairs: StateCounts;
  };
  running: {
    workflowsRunningSomewhere: number;
    workflowsRunningEverywhere: number;
    storesRunningSomething: number;
  };
  attention: {
    deactivated: { storeId: string; storeName: string; flowInstalled: boolean; since: string | null; workflows: number }[];
    blocked: BlockedGroup[];
    invalid: { workflowId: string; name: string; errorCount: number; firstError: string; enabledStores: number }[];
    invalidTotal: number;
  };
}

/**
 * What needs attention in an organization, and how much runs where: derived from the state grid in one pass
 * (states are never worked out here), with block reasons grouped from the one rule, {@link blockCauses}.
 */
export function statusOverview(facts: OrganizationFacts, grid: StateGrid, catalog: Catalog, invalidLimit = 100): StatusOverview {
  const S = grid.stores;
  const tally = new Uint32Array(5);
  const runningPerStore = new Uint32Array(S);
  const deactivatedPerStore = new Uint32Array(S);
  // Block reasons depend only on the workflow's apps and the store: worked out once per (signature, store).
  const groups: {
    code: BlockReasonCode;
    appId: string | null;
    pairs: number;
    workflows: number;
    lastWorkflow: number;
    stores: Uint8Array;
  }[] = [];
  // By code, then app (null for the Flow app): no key string made per cause.
  const groupIndex = new Map<BlockReasonCode, Map<string | null, number>>();
  const group = (code: BlockReasonCode, appId: string | null) => {
    let byApp = groupIndex.get(code);
    if (!byApp) groupIndex.set(code, (byApp = new Map()));
    let g = byApp.get(appId);
    if (g === undefined) {
      g = groups.push({ code, appId, pairs: 0, workflows: 0, lastWorkflow: -1, stores: new Uint8Array(S) }) - 1;
      byApp.set(appId, g);
    }
    return g;
  };
  // What blocks a cell depends only on the workflow's apps (its signature) and the store: the one rule
  // (blockCauses) is asked once per (signature, store) met, and each blocked cell then costs an array read.
  const causesAt = new Int32Array(grid.signatures.length * S).fill(-1);
  const causeLists: number[][] = [];
  const groupsAt = (w: number, s: number): number[] => {
    const key = grid.signatureOf[w]! * S + s;
    let at = causesAt[key]!;
    if (at < 0) {
      const list: number[] = [];
      for (const cause of blockCauses(grid.signatures[grid.signatureOf[w]!]!, facts.stores[s]!, catalog))
        list.push(group(cause.code, cause.appId));
      at = causesAt[key] = causeLists.push(list) - 1;
    }
    return causeLists[at]!;
  };
  const count = (g: number, w: number, s: number) => {
    const entry = groups[g]!;
    entry.pairs++;
    entry.stores[s] = 1;
    if (entry.lastWorkflow !== w) {
      entry.lastWorkflow = w;
      entry.workflows++;
    }
  };
  let somewhere = 0;
  let everywhere = 0;
  const invalid: StatusOverview['attention']['invalid'] = [];

  const cells = grid.cells;
  for (let w = 0; w < facts.workflows.length; w++) {
    const row = w * S;
    let running = 0;
    let enabledInvalid = 0;
    for (let s = 0; s < S; s++) {
      const code = cells[row + s]!;
      tally[code]!++;
      if (code === RUNNING) {
        running++;
        runningPerStore[s]!++;
      } else if (code === DEACTIVATED) deactivatedPerStore[s]!++;
      else if (code === INVALID) enabledInvalid++;
      else if (code === BLOCKED) for (const g of groupsAt(w, s)) count(g, w, s);
    }
    if (running > 0) somewhere++;
    if (S > 0 && running === S) everywhere++;
    if (enabledInvalid > 0) {
      const workflow = facts.workflows[w]!;
      invalid.push({
        workflowId: workflow.id,
        name: workflow.name,
        errorCount: workflow.errors.length,
        firstError: workflow.errors[0]!.message,
        enabledStores: enabledInvalid,
      });
    }
  }

  const installed = new Set<string>();
  for (const store of facts.stores) for (const appId of store.installations.keys()) installed.add(appId);
  const connectorApps = catalog.apps.filter((a) => !a.builtIn).length;

  return {
    counts: {
      stores: S,
      storesWithoutFlow: facts.stores.filter((s) => !s.flowInstalled).length,
      workflows: facts.workflows.length,
      appsInstalled: installed.size,
      appsNotInstalled: connectorApps - [...installed].filter((id) => catalog.app(id) && !catalog.app(id)!.builtIn).length,
      pairs: toCounts(tally),
    },
    running: {
      workflowsRunningSomewhere: somewhere,
      workflowsRunningEverywhere: everywhere,
      storesRunningSomething: runningPerStore.filter((n) => n > 0).length,
    },
    attention: {
      deactivated: facts.stores.flatMap((store, s) =>
        deactivatedPerStore[s]! > 0
          ? [
              {
                storeId: store.id,
                storeName: store.name,
                flowInstalled: store.flowInstalled,
                since: store.flowUninstalledAt,
                workflows: deactivatedPerStore[s]!,
              },
            ]
          : [],
      ),
      blocked: groups
        .filter((g) => g.pairs > 0)
        .map((g) => {
          const stores = g.stores.reduce((n, hit) => n + hit, 0);
          return {
            code: g.code,
            appId: g.appId,
            message: groupMessage(g.code, g.appId, catalog, stores),
            pairs: g.pairs,
            workflows: g.workflows,
            stores,
          };
        })
        .sort((a, b) => b.pairs - a.pairs || a.message.localeCompare(b.message)),
      invalid: invalid.sort((a, b) => b.enabledStores - a.enabledStores).slice(0, invalidLimit),
      invalidTotal: invalid.length,
    },
  };
}

function groupMessage(code: BlockReasonCode, appId: string | null, catalog: Catalog, stores: number): string {
  const name = appId ? (catalog.app(appId)?.name.en ?? appId) : '';
  const where = stores === 1 ? '1 store' : `${stores} stores`;
  switch (code) {
    case 'flow_app_not_installed':
      return `The Flow app is not installed in ${where} where workflows are enabled`;
    case 'app_not_installed':
      return `${name} is not installed in ${where} where workflows using it are enabled`;
    case 'app_not_set_up':
      return `${name} is installed but not set up in ${where}`;
    case 'connection_missing':
      return `Flow has no ${name} connection in ${where}`;
  }
}
