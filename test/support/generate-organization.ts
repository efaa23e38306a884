import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CatalogApp } from '../../electron/domain/catalog/catalog-schema';
import type { Catalog } from '../../electron/domain/catalog/catalog';
import { connectionSecretContext } from '../../electron/domain/organization/connection-rules';
import { sampleDefinition } from '../../electron/domain/organization/sample-definition';

/**
 * A large organization for benchmarks and demos, written directly with prepared statements in one
 * transaction (about a million rows in seconds), deterministic for a seed. The spread tries to look like
 * a real Plus organization: a few apps almost everywhere, a long tail in a few stores, some apps nowhere;
 * most workflows rolled out to every store, others to a region or a handful of stores; a few stores
 * without the Flow app (their workflows deactivated, R8); a few installations not set up, a few
 * connections missing, a few workflows invalid.
 */
export interface GenerateOptions {
  seed?: number;
  name?: string;
  stores?: number;
  workflows?: number;
  now?: Date;
  /** Seals connection secrets as the app does; secrets are skipped (no connections) without it. */
  seal?: (plain: string, context: string) => Buffer;
}

export interface GeneratedOrganization {
  organizationId: string;
  storeIds: string[];
  workflowIds: string[];
  rows: { installations: number; connections: number; activations: number };
}

const CITIES = ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Tromsø', 'Stockholm', 'Göteborg', 'Malmö', 'København', 'Aarhus', 'Helsinki', 'Tampere', 'Reykjavík', 'Berlin', 'Hamburg', 'Amsterdam', 'London', 'Manchester', 'Dublin', 'Paris'];
const ZONES = ['Europe/Oslo', 'Europe/Stockholm', 'Europe/Copenhagen', 'Europe/Helsinki', 'Atlantic/Reykjavik', 'Europe/Berlin', 'Europe/Amsterdam', 'Europe/London', 'Europe/Dublin', 'Europe/Paris'];

/** mulberry32: small, fast, good enough to spread test data. */
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
function stableId(seed: number, label: string): string {
  const h = createHash('sha1').update(`${seed}:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function generateOrganization(db: Database, catalog: Catalog, options: GenerateOptions = {}): GeneratedOrganization {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const storeCount = options.stores ?? 1000;
  const workflowCount = options.workflows ?? 2000;
  const name = options.name ?? 'Nordic Goods Group';
  const at = (options.now ?? new Date('2025-06-01T08:00:00Z')).toISOString();
  const organizationId = stableId(seed, 'organization');

  // App popularity: a shuffled catalog, the first apps nearly everywhere, a long tail, three nowhere.
  const connectors = catalog.apps.filter((a) => !a.builtIn);
  const shuffled = connectors.map((app) => ({ app, key: random() })).sort((a, b) => a.key - b.key).map((x) => x.app);
  const popularity = new Map<string, number>(shuffled.map((app, k) => [app.id, k >= shuffled.length - 3 ? 0 : Math.min(0.95, 0.95 * (k + 1) ** -0.6)]));
  const usable = shuffled.filter((app) => popularity.get(app.id)! > 0);
  const weighted = (apps: readonly CatalogApp[]) => {
    const total = apps.reduce((sum, a) => sum + popularity.get(a.id)!, 0);
    return () => {
      let r = random() * total;
      for (const app of apps) if ((r -= popularity.get(app.id)!) <= 0) return app;
      return apps[apps.length - 1]!;
    };
  };
  const withActions = usable.filter((a) => a.actions.some((x) => x.constraints.length === 0));
  const withTriggers = usable.filter((a) => a.triggers.some((t) => !t.deprecated));
  const actionApp = weighted(withActions);
  const triggerApp = weighted(withTriggers);
  const shopify = catalog.app('shopify')!;

  const insert = {
    organization: db.prepare(`INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`),
    store: db.prepare(
      `INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, flow_uninstalled_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    installation: db.prepare(`INSERT INTO installations (store_id, app_id, installed_at, setup_done) VALUES (?, ?, ?, ?)`),
    connection: db.prepare(`INSERT INTO connections (store_id, app_id, account, secret_encrypted, updated_at) VALUES (?, ?, ?, ?, ?)`),
    workflow: db.prepare(`INSERT INTO workflows (id, organization_id, name, description, current_version, created_at, updated_at) VALUES (?, ?, ?, '', 1, ?, ?)`),
    version: db.prepare(
      `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by, note) VALUES (?, 1, ?, '', ?, ?, 'generator', '')`,
    ),
    activation: db.prepare(`INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
  };
  const rows = { installations: 0, connections: 0, activations: 0 };
  const storeIds: string[] = [];
  const workflowIds: string[] = [];

  db.transaction(() => {
    insert.organization.run(organizationId, name, at, at);
    const uninstalledAt = new Map<string, string>();
    const installedIn: Set<string>[] = [];
    for (let s = 0; s < storeCount; s++) {
      const id = stableId(seed, `store:${s}`);
      storeIds.push(id);
      const city = CITIES[s % CITIES.length]!;
      const number = String(Math.floor(s / CITIES.length) + 1).padStart(3, '0');
      const flow = random() >= 0.03;
      if (!flow) uninstalledAt.set(id, at);
      insert.store.run(id, organizationId, `${city} ${number}`, `${slugOf(name)}-${s}.myshopify.com`, ZONES[s % ZONES.length]!, flow ? 1 : 0, flow ? null : at, at, at);
      const installed = new Set<string>();
      installedIn.push(installed);
      for (const app of connectors) {
        if (random() >= popularity.get(app.id)!) continue;
        installed.add(app.id);
        const steps = app.setup.map((x) => x.key);
        const done = random() < 0.95 ? steps : steps.slice(0, Math.floor(random() * steps.length));
        insert.installation.run(id, app.id, at, JSON.stringify(done));
        rows.installations++;
        if (app.flowConnection && options.seal && random() < 0.95) {
          insert.connection.run(id, app.id, `ops+${s}@example.com`, options.seal(`token-${seed}-${s}-${app.id}`, connectionSecretContext(id, app.id)), at);
          rows.connections++;
        }
      }
    }

    const activations: [workflowId: string, storeId: string, enabled: number, deactivatedAt: string | null][] = [];
    for (let w = 0; w < workflowCount; w++) {
      const id = stableId(seed, `workflow:${w}`);
      workflowIds.push(id);
      const triggerFrom = random() < 0.75 ? shopify : triggerApp();
      const trigger = pick(triggerFrom.triggers.filter((t) => !t.deprecated));
      const actions: string[] = [];
      const steps = 1 + Math.floor(random() * 3);
      for (let i = 0; i < steps; i++) {
        // Now and then a workflow uses an app no store has: blocked everywhere until it is installed (R6).
        const app = random() < 0.45 ? shopify : random() < 0.01 ? pick(connectors) : actionApp();
        const choices = app.actions.filter((a) => a.constraints.length === 0);
        if (choices.length > 0) actions.push(`${app.id}:${pick(choices).handle}`);
      }
      const definition = sampleDefinition(catalog, `${triggerFrom.id}:${trigger.handle}`, actions, { missingRequired: random() < 0.01 });
      const title = `${trigger.name.en} → ${actions.length} actions #${w + 1}`;
      insert.workflow.run(id, organizationId, title, at, at);
      insert.version.run(id, title, JSON.stringify(definition), at);

      // Rolled out mostly where its apps are installed; sometimes regardless (blocked in some stores, R6).
      const apps = [...new Set([triggerFrom.id, ...actions.map((a) => a.split(':')[0]!)])].filter((a) => a !== 'shopify');
      const candidates = apps.length > 0 && random() < 0.85 ? storeIds.filter((_, s) => apps.every((a) => installedIn[s]!.has(a))) : storeIds;
      if (candidates.length === 0) continue;
      // Half to every candidate store, a third to a region (a run of stores), the rest to a handful.
      const scope = random();
      const start = Math.floor(random() * candidates.length);
      const span = scope < 0.5 ? candidates.length : scope < 0.8 ? Math.ceil(candidates.length * (0.1 + random() * 0.3)) : 1 + Math.floor(random() * 20);
      const chosen = new Set<string>();
      for (let k = 0; k < span; k++) chosen.add(candidates[(start + (scope < 0.8 ? k : Math.floor(random() * candidates.length))) % candidates.length]!);
      for (const storeId of chosen) {
        const deactivated = uninstalledAt.get(storeId);
        const off = !deactivated && random() < 0.05;
        activations.push([id, storeId, deactivated || off ? 0 : 1, deactivated ?? null]);
      }
    }
    // In key order: appending to the table's B-tree is several times faster than inserting at random places.
    activations.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const [workflowId, storeId, enabled, deactivatedAt] of activations) insert.activation.run(workflowId, storeId, enabled, deactivatedAt, at);
    rows.activations = activations.length;
  })();
  return { organizationId, storeIds, workflowIds, rows };
}

function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
