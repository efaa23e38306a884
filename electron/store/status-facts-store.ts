import type { Database } from 'better-sqlite3';
import type { Catalog } from '../domain/catalog/catalog';
import { byName } from '../domain/organization/names';
import {
  buildStoreFacts,
  buildWorkflowFacts,
  type ActivationFacts,
  type StoreFacts,
  type WorkflowFacts,
} from '../domain/status/status-facts';
import { computeStateGrid, type OrganizationFacts, type StateGrid } from '../domain/status/state-grid';
import { checkFingerprint, checkWorkflow } from '../domain/status/workflow-check';
import { parseStoredDefinition } from '../domain/workflow/stored-definition';
import { ActivationGrids } from './activation-grids';
import { KeptOverviews } from './kept-overviews';
import { statusGeneration } from './status-generation';
import { checkFromRow, factsVersion, WorkflowCheckStore } from './workflow-check-store';

interface StoreRaw {
  id: string;
  name: string;
  flowInstalled: number;
  flowUninstalledAt: string | null;
}

/** An organization's facts and state grid, with the index of each workflow and store in them. */
export interface OrganizationStatus {
  stamp: string;
  facts: OrganizationFacts;
  grid: StateGrid;
  workflowIndex: ReadonlyMap<string, number>;
  storeIndex: ReadonlyMap<string, number>;
}

/**
 * The one loader of the facts statuses are computed from, for the status API and the runtime's routing
 * alike: stores with their installations and connections, workflows with their stored checks (validated
 * once per version, see workflow_checks), activations. Each organization's facts and whole grid are kept
 * while the status generation is unchanged, so a UI paging through the matrix (or routing an event) pays
 * for the 2,000,000 pairs once per change, not once per page. Reads never write: the last overview is kept
 * in the database only when asked (keepOverviews, at close), so the app opens on it when nothing changed.
 */
export class StatusFactsStore {
  private readonly grids = new Map<string, OrganizationStatus>();
  /** Checks of versions stores run instead of the published one, by `workflow@version:fingerprint`. */
  private readonly versionChecks = new Map<string, WorkflowFacts>();
  private workflowCache: { organizationId: string; stamp: string; list: WorkflowFacts[]; byId: Map<string, WorkflowFacts> } | null = null;
  private readonly generation: () => string;
  private readonly checks: WorkflowCheckStore;
  private readonly overviews: KeptOverviews;
  private readonly activations: ActivationGrids;

  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
  ) {
    this.generation = statusGeneration(db);
    this.checks = new WorkflowCheckStore(db, catalog);
    this.overviews = new KeptOverviews(db, catalog);
    this.activations = new ActivationGrids(db);
  }

  /** The stamp caches are keyed on; see status-generation.ts. */
  stamp(): string {
    return this.generation();
  }

  /** Stores of the organization (or the one given), by name. With `apps`, only those installations are read. */
  stores(scope: { organizationId: string } | { storeId: string }, apps?: readonly string[]): StoreFacts[] {
    const [where, key] = 'storeId' in scope ? ['s.id = ?', scope.storeId] : ['s.organization_id = ?', scope.organizationId];
    const appFilter = apps ? ` AND x.app_id IN (SELECT value FROM json_each(?))` : '';
    const args = apps ? [key, JSON.stringify(apps)] : [key];
    const rows = this.db
      .prepare<[string], StoreRaw>(
        `SELECT s.id, s.name, s.flow_installed AS flowInstalled, s.flow_uninstalled_at AS flowUninstalledAt FROM stores s WHERE ${where}`,
      )
      .all(key);
    const installs = this.db
      .prepare<string[], [string, string, string]>(
        `SELECT x.store_id, x.app_id, x.setup_done FROM installations x JOIN stores s ON s.id = x.store_id WHERE ${where}${appFilter}`,
      )
      .raw()
      .all(...args);
    const connections = this.db
      .prepare<string[], [string, string]>(
        `SELECT x.store_id, x.app_id FROM connections x JOIN stores s ON s.id = x.store_id WHERE ${where}${appFilter}`,
      )
      .raw()
      .all(...args);

    const parsed = new Map<string, string[]>();
    const installsOf = groupBy(installs, (r) => r[0]);
    const connectionsOf = groupBy(connections, (r) => r[0]);
    return rows
      .map((row) =>
        buildStoreFacts(
          {
            id: row.id,
            name: row.name,
            flowInstalled: row.flowInstalled === 1,
            flowUninstalledAt: row.flowUninstalledAt,
            installations: (installsOf.get(row.id) ?? []).map(([, appId, done]) => ({ appId, setupDone: parseOnce(parsed, done) })),
            connections: (connectionsOf.get(row.id) ?? []).map(([, appId]) => appId),
          },
          this.catalog,
        ),
      )
      .sort(byName);
  }

  /** Workflows of the organization (or the one given), by name, with their checks brought up to date. */
  workflows(scope: { organizationId: string } | { workflowId: string }): WorkflowFacts[] {
    const stamp = this.stamp();
    const cache = this.workflowCache?.stamp === stamp ? this.workflowCache : null;
    if ('workflowId' in scope) {
      const known = cache?.byId.get(scope.workflowId);
      return known ? [known] : this.readWorkflows('w.id = ?', scope.workflowId);
    }
    if (cache?.organizationId === scope.organizationId) return cache.list;
    const list = this.readWorkflows('w.organization_id = ?', scope.organizationId);
    this.workflowCache = { organizationId: scope.organizationId, stamp, list, byId: new Map(list.map((w) => [w.id, w])) };
    return list;
  }

  private readWorkflows(where: string, key: string): WorkflowFacts[] {
    // A read never writes: checks not stored yet (or stale) are worked out here and kept by the next write.
    const fresh = new Map(this.checks.stale(where, key).map((c) => [c.id, c.check]));
    const rows = this.db
      .prepare<[string], [string, string, number, string | null, string | null]>(
        `SELECT w.id, w.name, ${factsVersion}, c.apps_used, c.problems FROM workflows w LEFT JOIN workflow_checks c ON c.workflow_id = w.id WHERE ${where}`,
      )
      .raw()
      .all(key);
    return rows
      .map(([id, name, version, apps, problems]) => {
        const check = fresh.get(id) ?? checkFromRow(apps, problems);
        return buildWorkflowFacts(id, name, check.appsUsed, check.problems, version);
      })
      .sort(byName);
  }

  activationsOfStore(storeId: string): Map<string, ActivationFacts> {
    const rows = this.db
      .prepare<[string], [string, number, string | null]>(`SELECT workflow_id, enabled, deactivated_at FROM activations WHERE store_id = ?`)
      .raw()
      .all(storeId);
    return new Map(rows.map(([id, enabled, at]) => [id, { enabled: enabled === 1, deactivatedAt: at }]));
  }

  activationsOfWorkflow(workflowId: string): Map<string, ActivationFacts> {
    const rows = this.db
      .prepare<[string], [string, number, string | null]>(`SELECT store_id, enabled, deactivated_at FROM activations WHERE workflow_id = ?`)
      .raw()
      .all(workflowId);
    return new Map(rows.map(([id, enabled, at]) => [id, { enabled: enabled === 1, deactivatedAt: at }]));
  }

  /** The whole organization's facts and state grid; reused while the status generation is unchanged. */
  organization(organizationId: string): OrganizationStatus {
    const stamp = this.stamp();
    const known = this.grids.get(organizationId);
    if (known?.stamp === stamp) return known;
    const workflows = this.workflows({ organizationId });
    for (const [id, entry] of this.grids) if (entry.stamp !== stamp) this.grids.delete(id);
    const stores = this.stores({ organizationId });
    const facts: OrganizationFacts = {
      organizationId,
      stores,
      workflows,
      activations: this.activations.rows(organizationId, stores, workflows),
      storeVersions: this.storeVersionFacts(organizationId, stores, workflows),
    };
    const made: OrganizationStatus = {
      stamp,
      facts,
      grid: computeStateGrid(facts),
      workflowIndex: new Map(workflows.map((w, i) => [w.id, i])),
      storeIndex: new Map(stores.map((s, i) => [s.id, i])),
    };
    this.grids.set(organizationId, made);
    return made;
  }

  /**
   * The organization's overview: kept in memory while nothing changed, else the one kept in the database if
   * it is still current (a fresh start), else derived anew from the grid by `derive`. Never writes.
   */
  overview<T>(organizationId: string, derive: (status: OrganizationStatus) => T): T {
    return this.overviews.get(organizationId, this.stamp(), () => derive(this.organization(organizationId)));
  }

  /** Writes the overviews derived since the last call that are still current (at close); how many. */
  keepOverviews(): number {
    return this.overviews.keep(this.stamp());
  }

  /** Writes the activation grids read since the last call that are still current (at close); how many. */
  keepActivationGrids(): number {
    return this.activations.keep();
  }

  /**
   * Facts of the versions stores run instead of the published one, keyed by pair (see OrganizationFacts).
   * Few (a staged publish, a rollback); each version is checked once while the catalog is the same.
   */
  private storeVersionFacts(
    organizationId: string,
    stores: readonly StoreFacts[],
    workflows: readonly WorkflowFacts[],
  ): Map<number, WorkflowFacts> {
    const rows = this.db
      .prepare<[string], [string, string, number, string]>(
        `SELECT sv.workflow_id, sv.store_id, sv.version, v.definition FROM store_versions sv
           JOIN workflows w ON w.id = sv.workflow_id
           JOIN workflow_versions v ON v.workflow_id = sv.workflow_id AND v.version = sv.version
         WHERE w.organization_id = ?`,
      )
      .raw()
      .all(organizationId);
    const out = new Map<number, WorkflowFacts>();
    if (rows.length === 0) return out;
    const w = new Map(workflows.map((x, i) => [x.id, i]));
    const s = new Map(stores.map((x, i) => [x.id, i]));
    const fingerprint = checkFingerprint(this.catalog);
    for (const [workflowId, storeId, version, definition] of rows) {
      const wi = w.get(workflowId);
      const si = s.get(storeId);
      if (wi === undefined || si === undefined) continue;
      const key = `${workflowId}@${version}:${fingerprint}`;
      let made = this.versionChecks.get(key);
      if (!made) {
        const check = checkWorkflow(parseStoredDefinition(definition, `workflow ${workflowId} version ${version}`), this.catalog);
        this.versionChecks.set(key, (made = buildWorkflowFacts(workflowId, workflows[wi]!.name, check.appsUsed, check.problems, version)));
      }
      out.set(wi * stores.length + si, made);
    }
    return out;
  }

  /**
   * Stores the checks of workflows whose check is missing or stale. Called by every change (the mutation
   * wrapper) and once when the database is opened (a new catalog makes every check stale); never by a read.
   */
  refreshChecks(): number {
    return this.checks.refresh();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Most installations share the same few setup lists: parse each distinct text once. */
function parseOnce(cache: Map<string, string[]>, json: string): string[] {
  let value = cache.get(json);
  if (!value) cache.set(json, (value = JSON.parse(json) as string[]));
  return value;
}
