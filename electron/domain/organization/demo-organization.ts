import { createHash } from 'node:crypto';
import type { CatalogApp } from '../catalog/catalog-schema';
import type { Catalog } from '../catalog/catalog';
import { offeredTriggers } from '../catalog/offered-triggers';
import type { WorkflowDefinition } from '../workflow/workflow-definition';
import { sampleDefinition } from './sample-definition';

/**
 * A large organization to look at the app at scale: a plan, deterministic for a seed, that the store layer
 * writes (electron/store/demo-organization-writer.ts). No SQL here. The spread tries to look like a real
 * Plus organization: a few apps almost everywhere, a long tail in a few stores, some apps nowhere; most
 * workflows rolled out to every store, others to a region or a handful of stores; a few stores without the
 * Flow app (their workflows deactivated, R8); a few installations not set up, a few connections missing, a
 * few workflows invalid. Workflows come in chunks, so a writer can show progress between them.
 */
export interface DemoPlanOptions {
  seed?: number;
  name?: string;
  stores?: number;
  workflows?: number;
  now?: Date;
}

export interface PlannedStore {
  id: string;
  name: string;
  domain: string;
  timeZone: string;
  flowInstalled: boolean;
  flowUninstalledAt: string | null;
  installations: { appId: string; setupDone: string[] }[];
  /** Where Flow keeps the app's authentication (R7); the writer seals the secret. */
  connections: { appId: string; account: string; secret: string }[];
}

export interface PlannedActivation {
  storeId: string;
  enabled: boolean;
  deactivatedAt: string | null;
}

export interface PlannedWorkflow {
  id: string;
  name: string;
  definition: WorkflowDefinition;
  activations: PlannedActivation[];
}

export interface DemoPlan {
  organization: { id: string; name: string };
  /** When everything in it was made. */
  at: string;
  stores: PlannedStore[];
  workflowCount: number;
  /** The workflows, `size` at a time, in order; the random stream continues where the stores left it. */
  workflowChunks(size: number): Generator<PlannedWorkflow[]>;
}

const CITIES = [
  'Oslo',
  'Bergen',
  'Trondheim',
  'Stavanger',
  'Tromsø',
  'Stockholm',
  'Göteborg',
  'Malmö',
  'København',
  'Aarhus',
  'Helsinki',
  'Tampere',
  'Reykjavík',
  'Berlin',
  'Hamburg',
  'Amsterdam',
  'London',
  'Manchester',
  'Dublin',
  'Paris',
];
const ZONES = [
  'Europe/Oslo',
  'Europe/Stockholm',
  'Europe/Copenhagen',
  'Europe/Helsinki',
  'Atlantic/Reykjavik',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
];

/** mulberry32: small, fast, good enough to spread demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped id derived from the seed and a label, so the same seed gives the same ids. */
export function stableId(seed: number, label: string): string {
  const h = createHash('sha1').update(`${seed}:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function planLargeOrganization(catalog: Catalog, options: DemoPlanOptions = {}): DemoPlan {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const storeCount = options.stores ?? 1000;
  const workflowCount = options.workflows ?? 2000;
  const name = options.name ?? 'Nordic Goods Group';
  const at = (options.now ?? new Date('2025-06-01T08:00:00Z')).toISOString();
  // Ids and addresses depend on the name too, so a second demo of another name never clashes with the first.
  const idOf = (label: string) => stableId(seed, options.name === undefined ? label : `${name}:${label}`);

  // App popularity: a shuffled catalog, the first apps nearly everywhere, a long tail, three nowhere.
  const connectors = catalog.apps.filter((a) => !a.builtIn);
  const shuffled = connectors
    .map((app) => ({ app, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.app);
  const popularity = new Map<string, number>(
    shuffled.map((app, k) => [app.id, k >= shuffled.length - 3 ? 0 : Math.min(0.95, 0.95 * (k + 1) ** -0.6)]),
  );
  const usable = shuffled.filter((app) => popularity.get(app.id)! > 0);
  const weighted = (apps: readonly CatalogApp[]) => {
    const total = apps.reduce((sum, a) => sum + popularity.get(a.id)!, 0);
    return () => {
      let r = random() * total;
      for (const app of apps) if ((r -= popularity.get(app.id)!) <= 0) return app;
      return apps[apps.length - 1]!;
    };
  };
  const actionApp = weighted(usable.filter((a) => a.actions.some((x) => x.constraints.length === 0)));
  const triggerApp = weighted(usable.filter((a) => offeredTriggers(a, null).length > 0));
  const shopify = catalog.app('shopify')!;

  const stores: PlannedStore[] = [];
  const installedIn: Set<string>[] = [];
  for (let s = 0; s < storeCount; s++) {
    const city = CITIES[s % CITIES.length]!;
    const number = String(Math.floor(s / CITIES.length) + 1).padStart(3, '0');
    const flow = random() >= 0.03;
    const store: PlannedStore = {
      id: idOf(`store:${s}`),
      name: `${city} ${number}`,
      domain: `${slugOf(name)}-${s}.myshopify.com`,
      timeZone: ZONES[s % ZONES.length]!,
      flowInstalled: flow,
      flowUninstalledAt: flow ? null : at,
      installations: [],
      connections: [],
    };
    const installed = new Set<string>();
    for (const app of connectors) {
      if (random() >= popularity.get(app.id)!) continue;
      installed.add(app.id);
      const steps = app.setup.map((x) => x.key);
      const done = random() < 0.95 ? steps : steps.slice(0, Math.floor(random() * steps.length));
      store.installations.push({ appId: app.id, setupDone: done });
      if (app.flowConnection && random() < 0.95)
        store.connections.push({ appId: app.id, account: `ops+${s}@example.com`, secret: `token-${seed}-${s}-${app.id}` });
    }
    stores.push(store);
    installedIn.push(installed);
  }
  const storeIds = stores.map((s) => s.id);
  const flowless = new Set(stores.filter((s) => !s.flowInstalled).map((s) => s.id));

  function planWorkflow(w: number): PlannedWorkflow {
    const triggerFrom = random() < 0.75 ? shopify : triggerApp();
    const trigger = pick(offeredTriggers(triggerFrom, null));
    const actions: string[] = [];
    const steps = 1 + Math.floor(random() * 3);
    for (let i = 0; i < steps; i++) {
      // Now and then a workflow uses an app no store has: blocked everywhere until it is installed (R6).
      const app = random() < 0.45 ? shopify : random() < 0.01 ? pick(connectors) : actionApp();
      const choices = app.actions.filter((a) => a.constraints.length === 0);
      if (choices.length > 0) actions.push(`${app.id}:${pick(choices).handle}`);
    }
    const definition = sampleDefinition(catalog, `${triggerFrom.id}:${trigger.handle}`, actions, { missingRequired: random() < 0.01 });
    const workflow: PlannedWorkflow = {
      id: idOf(`workflow:${w}`),
      name: `${trigger.name.en} → ${actions.length} actions #${w + 1}`,
      definition,
      activations: [],
    };

    // Rolled out mostly where its apps are installed; sometimes regardless (blocked in some stores, R6).
    const apps = [...new Set([triggerFrom.id, ...actions.map((a) => a.split(':')[0]!)])].filter((a) => a !== 'shopify');
    const candidates = apps.length > 0 && random() < 0.85 ? storeIds.filter((_, s) => apps.every((a) => installedIn[s]!.has(a))) : storeIds;
    if (candidates.length === 0) return workflow;
    // Half to every candidate store, a third to a region (a run of stores), the rest to a handful.
    const scope = random();
    const start = Math.floor(random() * candidates.length);
    const span =
      scope < 0.5 ? candidates.length : scope < 0.8 ? Math.ceil(candidates.length * (0.1 + random() * 0.3)) : 1 + Math.floor(random() * 20);
    const chosen = new Set<string>();
    for (let k = 0; k < span; k++)
      chosen.add(candidates[(start + (scope < 0.8 ? k : Math.floor(random() * candidates.length))) % candidates.length]!);
    for (const storeId of chosen) {
      const deactivated = flowless.has(storeId);
      const off = !deactivated && random() < 0.05;
      workflow.activations.push({ storeId, enabled: !deactivated && !off, deactivatedAt: deactivated ? at : null });
    }
    return workflow;
  }

  let next = 0;
  return {
    organization: { id: idOf('organization'), name },
    at,
    stores,
    workflowCount,
    *workflowChunks(size) {
      while (next < workflowCount) {
        const chunk: PlannedWorkflow[] = [];
        for (const end = Math.min(workflowCount, next + size); next < end; next++) chunk.push(planWorkflow(next));
        yield chunk;
      }
    },
  };
}
