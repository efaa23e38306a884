import type { Catalog } from '../domain/catalog/catalog';
import * as codes from '../domain/status/state-grid';
import { storedTriggerKey, tryParseStoredDefinition } from '../domain/workflow/stored-definition';
import type { RoutingStore } from '../store/routing-store';
import type { OrganizationStatus, StatusFactsStore } from '../store/status-facts-store';
import { compileWorkflow, type CompiledWorkflow } from './compile-workflow';

export interface StoreInfo {
  id: string;
  organizationId: string;
  name: string;
  domain: string;
  timeZone: string;
  flowInstalled: boolean;
}

export interface RoutedWorkflow {
  workflowId: string;
  organizationId: string;
  name: string;
  version: number;
  compiled: CompiledWorkflow;
}

export interface RoutingSnapshot {
  readonly generation: number;
  readonly stores: ReadonlyMap<string, StoreInfo>;
  /** By myshopify domain, lower case. */
  readonly storesByDomain: ReadonlyMap<string, StoreInfo>;
  /** The workflows whose status in the store is `running` and that start on this trigger. */
  running(storeId: string, appId: string, handle: string): readonly RoutedWorkflow[];
  /** Whether the app is installed in the store (set up or not). */
  installed(storeId: string, appId: string): boolean;
  /**
   * Per store, a text naming what runs there on these triggers (`app:handle=workflow@version`, with the
   * store's zone and Flow app): where two snapshots give a store the same text, `running` answers the same
   * for it on those triggers. Read off the grid's rows of the workflows on those triggers only, so a
   * caller can tell which stores a change touched without asking every store.
   */
  runningSignatures(triggerKeys: readonly string[]): ReadonlyMap<string, string>;
}

/** One workflow version as routing knows it: its trigger at once, its checked and compiled form when first routed to. */
interface VersionCode {
  text: string;
  triggerKey: string | null;
  /** undefined: not compiled yet; null: unreadable, never runs (it cannot pass validation either). */
  compiled: CompiledWorkflow | null | undefined;
  /** The snapshot that last asked for it: versions no snapshot asked for lately are let go. */
  seen: number;
}

/** One organization's routes within a snapshot, filled in as events ask for them. */
interface OrganizationRoutes {
  status: OrganizationStatus;
  /** Trigger key → indexes of the workflows on that trigger running in at least one store. */
  byTrigger: Map<string, number[]>;
  routed: Map<number, RoutedWorkflow | null>;
  /** Stores running another version than the published one: store index → trigger key → pair keys (w * S + s). */
  storeVersions: Map<number, Map<string, number[]>>;
}

// A plain local number: a module's exported constants can be getters (esbuild).
const { RUNNING } = codes;
const NONE: readonly RoutedWorkflow[] = Object.freeze([]);

/**
 * Which workflows run where: read off the status grid's running cells, never worked out again here. The
 * facts and the grid come from the one loader the status API uses (StatusFactsStore), so routing and what
 * the admin sees cannot disagree. A snapshot stands while the database's routing generation is unchanged
 * (any change to stores, installations, connections, workflows or activations, by anyone); within it an
 * organization's routes are built on the first event for it, and a workflow version is compiled on the
 * first event it runs for (and kept across snapshots while that version is current).
 */
export class Routing {
  private snapshot: RoutingSnapshot | null = null;
  private checkedIn: number | null = null;
  private turnSnapshot: RoutingSnapshot | null = null;
  private serial = 0;
  private readonly code = new Map<string, VersionCode>();

  constructor(
    private readonly source: RoutingStore,
    private readonly facts: StatusFactsStore,
    private readonly catalog: Catalog,
    /** The group commit's flush: within one, the generation is read once, not once per event. */
    private readonly flush: () => number | null = () => null,
  ) {}

  current(): RoutingSnapshot {
    const flush = this.flush();
    if (flush !== null && flush === this.checkedIn && this.snapshot) return this.snapshot;
    const generation = this.source.generation();
    if (this.snapshot?.generation !== generation) this.snapshot = this.build(generation);
    this.checkedIn = flush;
    return this.snapshot;
  }

  /**
   * For the trigger endpoint's checks before a request is recorded (its store, installation and secret): read
   * once per turn of the event loop, so the requests read in one turn are checked against one reading of the
   * generation instead of one query each. The flush that records them calls `current()` and reads it again.
   */
  currentThisTurn(): RoutingSnapshot {
    if (this.turnSnapshot) return this.turnSnapshot;
    this.turnSnapshot = this.current();
    setImmediate(() => (this.turnSnapshot = null));
    return this.turnSnapshot;
  }

  /** A given version, compiled (for replays of runs made with an older version). */
  compiledVersion(workflowId: string, _name: string, version: number): CompiledWorkflow | null {
    const code = this.versionCode(workflowId, version);
    return code ? this.compiledOf(code) : null;
  }

  private versionCode(workflowId: string, version: number): VersionCode | null {
    const key = `${workflowId}@${version}`;
    let code = this.code.get(key);
    if (!code) {
      const text = this.source.versionDefinition(workflowId, version);
      if (text === undefined) return null;
      code = { text, triggerKey: storedTriggerKey(text), compiled: undefined, seen: this.serial };
      this.code.set(key, code);
    }
    code.seen = this.serial;
    return code;
  }

  private compiledOf(code: VersionCode): CompiledWorkflow | null {
    if (code.compiled === undefined) {
      const parsed = tryParseStoredDefinition(code.text);
      code.compiled = parsed.ok ? compileWorkflow(parsed.definition, this.catalog) : null;
    }
    return code.compiled;
  }

  private build(generation: number): RoutingSnapshot {
    const serial = ++this.serial;
    for (const [key, code] of this.code) if (code.seen < serial - 2) this.code.delete(key);
    const stores = new Map<string, StoreInfo>();
    const storesByDomain = new Map<string, StoreInfo>();
    for (const s of this.source.stores()) {
      const info: StoreInfo = {
        id: s.id,
        organizationId: s.organizationId,
        name: s.name,
        domain: s.domain,
        timeZone: s.timeZone,
        flowInstalled: s.flowInstalled === 1,
      };
      stores.set(s.id, info);
      storesByDomain.set(s.domain.toLowerCase(), info);
    }

    const organizations = new Map<string, OrganizationRoutes>();
    const organizationOf = (storeId: string): { routes: OrganizationRoutes; s: number } | null => {
      const info = stores.get(storeId);
      if (!info) return null;
      let routes = organizations.get(info.organizationId);
      if (!routes) organizations.set(info.organizationId, (routes = this.organizationRoutes(this.facts.organization(info.organizationId))));
      const s = routes.status.storeIndex.get(storeId);
      return s === undefined ? null : { routes, s };
    };
    const found = new Map<string, readonly RoutedWorkflow[]>();

    return {
      generation,
      stores,
      storesByDomain,
      running: (storeId, appId, handle) => {
        const key = `${storeId}|${appId}:${handle}`;
        let list = found.get(key);
        if (list) return list;
        const at = organizationOf(storeId);
        if (!at) return NONE;
        const candidates = at.routes.byTrigger.get(`${appId}:${handle}`) ?? [];
        const own = at.routes.storeVersions.get(at.s)?.get(`${appId}:${handle}`) ?? [];
        const { cells, stores: S } = at.routes.status.grid;
        const others = at.routes.status.facts.storeVersions;
        const out: RoutedWorkflow[] = [];
        for (const w of candidates) {
          // A store running another version of this workflow routes by that version (below), not this one.
          if (cells[w * S + at.s] !== RUNNING || others?.has(w * S + at.s)) continue;
          const routed = this.routed(at.routes, w);
          if (routed) out.push(routed);
        }
        for (const cell of own) {
          if (cells[cell] !== RUNNING) continue;
          const routed = this.routed(at.routes, cell, true);
          if (routed) out.push(routed);
        }
        list = out.length > 0 ? out : NONE;
        found.set(key, list);
        return list;
      },
      installed: (storeId, appId) => {
        const at = organizationOf(storeId);
        return at?.routes.status.facts.stores[at.s]!.installations.has(appId) ?? false;
      },
      runningSignatures: (triggerKeys) => {
        const parts = new Map<string, string[]>();
        const add = (storeId: string, part: string) => {
          const list = parts.get(storeId);
          if (list) list.push(part);
          else parts.set(storeId, [part]);
        };
        const seenOrganizations = new Set<string>();
        for (const info of stores.values()) {
          if (seenOrganizations.has(info.organizationId)) continue;
          seenOrganizations.add(info.organizationId);
          const routes = organizationOf(info.id)?.routes;
          if (!routes) continue;
          const { cells, stores: S } = routes.status.grid;
          const { facts } = routes.status;
          const storeIds = [...routes.status.storeIndex.keys()];
          const idAt = new Array<string>(S);
          for (const id of storeIds) idAt[routes.status.storeIndex.get(id)!] = id;
          for (const key of triggerKeys) {
            for (const w of routes.byTrigger.get(key) ?? []) {
              const { id, version } = facts.workflows[w]!;
              for (let s = 0; s < S; s++) {
                const cell = w * S + s;
                const storeId = idAt[s];
                if (storeId && cells[cell] === RUNNING && !facts.storeVersions?.has(cell)) add(storeId, `${key}=${id}@${version}`);
              }
            }
            for (const [s, byKey] of routes.storeVersions) {
              const storeId = idAt[s];
              for (const cell of storeId ? (byKey.get(key) ?? []) : []) {
                const other = facts.storeVersions!.get(cell)!;
                add(storeId!, `${key}=${other.id}@${other.version}`);
              }
            }
          }
        }
        const out = new Map<string, string>();
        for (const info of stores.values())
          out.set(info.id, `${info.timeZone}|${info.flowInstalled}|${(parts.get(info.id) ?? []).sort().join(',')}`);
        return out;
      },
    };
  }

  /** Groups by trigger the workflows that run in at least one store: only their definitions are read. */
  private organizationRoutes(status: OrganizationStatus): OrganizationRoutes {
    const byTrigger = new Map<string, number[]>();
    const { cells, stores: S } = status.grid;
    status.facts.workflows.forEach((workflow, w) => {
      const row = w * S;
      let runs = false;
      for (let s = 0; s < S && !runs; s++) runs = cells[row + s] === RUNNING;
      if (!runs) return;
      const triggerKey = this.versionCode(workflow.id, workflow.version)?.triggerKey;
      if (!triggerKey) return;
      let list = byTrigger.get(triggerKey);
      if (!list) byTrigger.set(triggerKey, (list = []));
      list.push(w);
    });
    // The few pairs whose store runs another version: routed by that version's own trigger.
    const storeVersions = new Map<number, Map<string, number[]>>();
    for (const [cell, version] of status.facts.storeVersions ?? []) {
      if (cells[cell] !== RUNNING) continue;
      const triggerKey = this.versionCode(version.id, version.version)?.triggerKey;
      if (!triggerKey) continue;
      const s = cell % S;
      let byKey = storeVersions.get(s);
      if (!byKey) storeVersions.set(s, (byKey = new Map()));
      let list = byKey.get(triggerKey);
      if (!list) byKey.set(triggerKey, (list = []));
      list.push(cell);
    }
    return { status, byTrigger, routed: new Map(), storeVersions };
  }

  /** The routed form of workflow `w`'s published version, or (`pair`) of the version a store runs at pair key `key`. */
  private routed(routes: OrganizationRoutes, key: number, pair = false): RoutedWorkflow | null {
    // Pair keys are kept apart from workflow indexes by sign.
    const memo = pair ? -1 - key : key;
    if (routes.routed.has(memo)) return routes.routed.get(memo)!;
    const workflow = pair ? routes.status.facts.storeVersions!.get(key)! : routes.status.facts.workflows[key]!;
    const code = this.versionCode(workflow.id, workflow.version);
    const compiled = code ? this.compiledOf(code) : null;
    const routed = compiled?.trigger
      ? {
          workflowId: workflow.id,
          organizationId: routes.status.facts.organizationId,
          name: workflow.name,
          version: workflow.version,
          compiled,
        }
      : null;
    routes.routed.set(memo, routed);
    return routed;
  }
}
