import type { Catalog } from '../catalog/catalog';
import { nothingSet, readinessWarnings, type ReadinessCode, type StoreReadiness } from './readiness';
import * as codes from './state-grid';
import { type OrganizationFacts, type StateGrid } from './state-grid';

// A plain local number: a module's exported constants can be getters (esbuild), too slow for 2,000,000 cells.
const { RUNNING } = codes;

/** Running pairs one readiness warning applies to, grouped by warning and app, with the stores it is in. */
export interface ReadinessGroup {
  code: ReadinessCode;
  appId: string;
  message: string;
  pairs: number;
  workflows: number;
  /** Every store concerned, by name: the fix (an endpoint, a look at the deliveries) is made per store. */
  stores: { storeId: string; storeName: string }[];
}

/**
 * The running pairs whose deliveries something stands in the way of, grouped for the Overview's "Needs
 * attention". Read off the state grid (only running cells count) with the one readiness rule
 * ({@link readinessWarnings}), asked once per (version's apps, store). Apart from statusOverview because
 * readiness moves with every delivery while the grid's overview is kept until the organization changes.
 */
export function readinessOverview(
  facts: OrganizationFacts,
  grid: StateGrid,
  /** By store id; a store missing here has nothing set. */
  readiness: ReadonlyMap<string, StoreReadiness>,
  catalog: Catalog,
): ReadinessGroup[] {
  const S = grid.stores;
  const groups: { code: ReadinessCode; appId: string; pairs: number; workflows: number; last: number; stores: Uint8Array }[] = [];
  const groupIndex = new Map<string, number>();
  /** The groups a running pair with these apps in a store of this readiness counts in, as indexes into `groups`. */
  const groupsOf = (apps: readonly string[], storeReadiness: StoreReadiness): number[] =>
    readinessWarnings(apps, storeReadiness, catalog).map((warning) => {
      const key = `${warning.code}:${warning.appId}`;
      let g = groupIndex.get(key);
      if (g === undefined) {
        g = groups.push({ code: warning.code, appId: warning.appId, pairs: 0, workflows: 0, last: -1, stores: new Uint8Array(S) }) - 1;
        groupIndex.set(key, g);
      }
      return g;
    });
  const readinessAt = facts.stores.map((store) => readiness.get(store.id) ?? nothingSet);
  // Warnings depend only on the apps of the version that runs and the store's readiness: once per (signature,
  // readiness) met (the stores with nothing set share one), and per pair only where a store runs another
  // version than the published one (a staged publish).
  const at = new Int32Array(grid.signatures.length * S).fill(-1);
  const lists: number[][] = [];
  const bySignature = grid.signatures.map(() => new Map<StoreReadiness, number>());
  const storeVersions = facts.storeVersions?.size ? facts.storeVersions : null;
  const groupsAt = (w: number, s: number): number[] => {
    const own = storeVersions?.get(w * S + s);
    if (own) return groupsOf(own.appsUsed, readinessAt[s]!);
    const sig = grid.signatureOf[w]!;
    let i = at[sig * S + s]!;
    if (i < 0) {
      const shared = bySignature[sig]!;
      i = shared.get(readinessAt[s]!) ?? -1;
      if (i < 0) shared.set(readinessAt[s]!, (i = lists.push(groupsOf(grid.signatures[sig]!, readinessAt[s]!)) - 1));
      at[sig * S + s] = i;
    }
    return lists[i]!;
  };
  const cells = grid.cells;
  for (let w = 0; w < grid.workflows; w++) {
    const row = w * S;
    for (let s = 0; s < S; s++) {
      if (cells[row + s] !== RUNNING) continue;
      for (const g of groupsAt(w, s)) {
        const group = groups[g]!;
        group.pairs++;
        group.stores[s] = 1;
        if (group.last !== w) {
          group.last = w;
          group.workflows++;
        }
      }
    }
  }
  return groups
    .filter((g) => g.pairs > 0)
    .map((g) => {
      const stores = facts.stores.flatMap((store, s) => (g.stores[s] ? [{ storeId: store.id, storeName: store.name }] : []));
      return {
        code: g.code,
        appId: g.appId,
        message: groupMessage(g.code, g.appId, stores.length, catalog),
        pairs: g.pairs,
        workflows: g.workflows,
        stores,
      };
    })
    .sort((a, b) => b.pairs - a.pairs || a.message.localeCompare(b.message));
}

function groupMessage(code: ReadinessCode, appId: string, stores: number, catalog: Catalog): string {
  const name = catalog.app(appId)?.name.en ?? appId;
  const where = stores === 1 ? '1 store' : `${stores} stores`;
  return code === 'endpoint_missing'
    ? `No endpoint is set for ${name} in ${where} where workflows using it run`
    : `Deliveries to ${name} are failing in ${where}`;
}
