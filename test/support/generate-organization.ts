import type { Database } from 'better-sqlite3';
import type { Catalog } from '../../electron/domain/catalog/catalog';
import { planLargeOrganization } from '../../electron/domain/organization/demo-organization';
import { DemoOrganizationWriter, type Seal } from '../../electron/store/demo-organization-writer';

/**
 * A large organization for benchmarks and tests, in one transaction: the product's demo plan
 * (electron/domain/organization/demo-organization.ts) written by its store-layer writer, deterministic for a seed.
 */
export interface GenerateOptions {
  seed?: number;
  name?: string;
  stores?: number;
  workflows?: number;
  now?: Date;
  /** Seals connection secrets as the app does; secrets are skipped (no connections) without it. */
  seal?: Seal;
}

export interface GeneratedOrganization {
  organizationId: string;
  storeIds: string[];
  workflowIds: string[];
  rows: { installations: number; connections: number; activations: number };
}

export function generateOrganization(db: Database, catalog: Catalog, options: GenerateOptions = {}): GeneratedOrganization {
  const plan = planLargeOrganization(catalog, options);
  const writer = new DemoOrganizationWriter(db);
  const workflowIds: string[] = [];
  let activations = 0;
  let rows = { installations: 0, connections: 0 };
  db.transaction(() => {
    rows = writer.writeOrganization(plan, options.seal);
    for (const chunk of plan.workflowChunks(plan.workflowCount || 1)) {
      activations += writer.writeWorkflows(plan.organization.id, chunk, plan.at);
      workflowIds.push(...chunk.map((w) => w.id));
    }
  })();
  return { organizationId: plan.organization.id, storeIds: plan.stores.map((s) => s.id), workflowIds, rows: { ...rows, activations } };
}
