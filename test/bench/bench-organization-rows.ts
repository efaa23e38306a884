import type { Database } from 'better-sqlite3';

/**
 * An organization "Bench" with bare stores (UTC, the Flow app installed) and workflows at version 1, written
 * straight into the tables, for the benches that fill runs by the million around them. Call it inside the
 * caller's transaction.
 */
export function insertBenchOrganization(
  db: Database,
  organizationId: string,
  storeIds: readonly string[],
  workflowIds: readonly string[],
  at: string,
): void {
  db.prepare(`INSERT INTO organizations VALUES (?, 'Bench', ?, ?)`).run(organizationId, at, at);
  const store = db.prepare(
    `INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, created_at, updated_at) VALUES (?, ?, ?, ?, 'UTC', 1, ?, ?)`,
  );
  storeIds.forEach((id, i) => store.run(id, organizationId, `Store ${i}`, `s${i}.myshopify.com`, at, at));
  const workflow = db.prepare(
    `INSERT INTO workflows (id, organization_id, name, current_version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`,
  );
  workflowIds.forEach((id, i) => workflow.run(id, organizationId, `Workflow ${i}`, at, at));
}
