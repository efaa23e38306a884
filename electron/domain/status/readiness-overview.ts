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
  const groups = new Map<
    string,
    { code: ReadinessCode; appId: string; pairs: number; workflows: number; last: number; stores: Uint8Array }
  >();
  const keysOf = (apps: readonly string[], s: number): string[] =>
    readinessWarnings(apps, readiness.get(facts.stores[s]!.id) ?? nothingSet, catalog).map((warning) => {
      const key = `${warning.code}:${warning.appId}`;
      if (!groups.has(key))
        groups.set(key, { code: warning.code, appId: warning.appId, pairs: 0, workflows: 0, last: -1, stores: new Uint8Array(S) });
      return key;
    });
  // Warnings depend only on the apps of the version that runs and the store: once per (signature, store),
  // and per pair only where a store runs another version than the published one (a staged publish).
  const at = new Int32Array(grid.signatures.length * S).fill(-1);
  const lists: string[][] = [];
  const keysAt = (w: number, s: number): string[] => {
    const own = facts.storeVersions?.get(w * S + s);
    if (own) return keysOf(own.appsUsed, s);
    const sig = grid.signatureOf[w]!;
    let i = at[sig * S + s]!;
    if (i < 0) i = at[sig * S + s] = lists.push(keysOf(grid.signatures[sig]!, s)) - 1;
    return lists[i]!;
  };
  for (let w = 0; w < grid.workflows; w++) {
    const row = w * S;
    for (let s = 0; s < S; s++) {
      if (grid.cells[row + s] !== RUNNING) continue;
      for (const key of keysAt(w, s)) {
        const group = groups.get(key)!;
        group.pairs++;
        group.stores[s] = 1;
        if (group.last !== w) {
          group.last = w;
          group.workflows++;
        }
      }
    }
  }
  return [...groups.values()]
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
