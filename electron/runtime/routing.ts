import type { Catalog } from '../domain/catalog/catalog';
import { stateOf } from '../domain/status/compute-status';
import { buildStoreFacts, buildWorkflowFacts, type StoreFacts, type WorkflowFacts } from '../domain/status/status-facts';
import { checkWorkflow } from '../domain/status/workflow-check';
import { workflowDefinition } from '../domain/workflow/workflow-definition';
import type { RoutingStore } from '../store/routing-store';
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
}

interface Compiled {
  compiled: CompiledWorkflow;
  facts: WorkflowFacts;
}

const NONE: readonly RoutedWorkflow[] = Object.freeze([]);

/**
 * Which workflows run where, precomputed: per store, per trigger, the running workflows with their
 * current version compiled. Rebuilt only when the database's routing generation moved (any change to
 * stores, installations, connections, workflows or activations, by anyone); compiled versions are kept
 * across rebuilds, so a rebuild recompiles only versions it has not seen.
 */
export class Routing {
  private snapshot: RoutingSnapshot | null = null;
  private checkedIn: number | null = null;
  private readonly compiled = new Map<string, Compiled>();

  constructor(
    private readonly source: RoutingStore,
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

  /** A given version, compiled (for replays of runs made with an older version). */
  compiledVersion(workflowId: string, name: string, version: number): CompiledWorkflow | null {
    const key = `${workflowId}@${version}`;
    const known = this.compiled.get(key);
    if (known) return known.compiled;
    const text = this.source.versionDefinition(workflowId, version);
    if (text === undefined) return null;
    const made = this.compile(workflowId, name, text);
    return made?.compiled ?? null;
  }

  private compile(id: string, name: string, text: string): Compiled | null {
    const parsed = workflowDefinition.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const check = checkWorkflow(parsed.data, this.catalog);
    return { compiled: compileWorkflow(parsed.data, this.catalog), facts: buildWorkflowFacts(id, name, check.appsUsed, check.problems) };
  }

  private build(generation: number): RoutingSnapshot {
    const stores = new Map<string, StoreInfo>();
    const storesByDomain = new Map<string, StoreInfo>();
    for (const s of this.source.stores()) {
      const info: StoreInfo = { id: s.id, organizationId: s.organizationId, name: s.name, domain: s.domain, timeZone: s.timeZone, flowInstalled: s.flowInstalled === 1 };
      stores.set(s.id, info);
      storesByDomain.set(s.domain.toLowerCase(), info);
    }

    const installations = new Map<string, { appId: string; setupDone: string[] }[]>();
    for (const [storeId, appId, setupDone] of this.source.installations()) {
      let list = installations.get(storeId);
      if (!list) installations.set(storeId, (list = []));
      list.push({ appId, setupDone: JSON.parse(setupDone) as string[] });
    }
    const connections = new Map<string, string[]>();
    for (const [storeId, appId] of this.source.connections()) {
      let list = connections.get(storeId);
      if (!list) connections.set(storeId, (list = []));
      list.push(appId);
    }
    const storeFacts = new Map<string, StoreFacts>();
    for (const s of stores.values()) {
      storeFacts.set(
        s.id,
        buildStoreFacts(
          { id: s.id, name: s.name, flowInstalled: s.flowInstalled, flowUninstalledAt: null, installations: installations.get(s.id) ?? [], connections: connections.get(s.id) ?? [] },
          this.catalog,
        ),
      );
    }

    const workflows = new Map<string, { routed: RoutedWorkflow; facts: WorkflowFacts; triggerKey: string }>();
    const seen = new Set<string>();
    for (const w of this.source.enabledWorkflows()) {
      const key = `${w.id}@${w.version}`;
      seen.add(key);
      let made = this.compiled.get(key);
      if (!made) {
        const compiled = this.compile(w.id, w.name, w.definition);
        if (!compiled) continue;
        this.compiled.set(key, (made = compiled));
      }
      const trigger = made.compiled.trigger;
      if (!trigger) continue;
      workflows.set(w.id, {
        routed: { workflowId: w.id, organizationId: w.organizationId, name: w.name, version: w.version, compiled: made.compiled },
        facts: made.facts,
        triggerKey: `${trigger.app}:${trigger.handle}`,
      });
    }
    for (const key of this.compiled.keys()) if (!seen.has(key)) this.compiled.delete(key);

    const routes = new Map<string, Map<string, RoutedWorkflow[]>>();
    const enabled = { enabled: true, deactivatedAt: null };
    for (const [workflowId, storeId] of this.source.enabledActivations()) {
      const w = workflows.get(workflowId);
      const store = storeFacts.get(storeId);
      if (!w || !store) continue;
      // The one rule of what runs where lives in the status domain; routing only asks it.
      if (stateOf(w.facts, store, enabled) !== 'running') continue;
      let byTrigger = routes.get(storeId);
      if (!byTrigger) routes.set(storeId, (byTrigger = new Map()));
      let list = byTrigger.get(w.triggerKey);
      if (!list) byTrigger.set(w.triggerKey, (list = []));
      list.push(w.routed);
    }

    return {
      generation,
      stores,
      storesByDomain,
      running: (storeId, appId, handle) => routes.get(storeId)?.get(`${appId}:${handle}`) ?? NONE,
      installed: (storeId, appId) => storeFacts.get(storeId)?.installations.has(appId) ?? false,
    };
  }
}
