import type { Database } from 'better-sqlite3';

/**
 * Which rows of which tables belong to an organization, and which of their columns are ids that a restore
 * gives new values (old → new, the same new id for the same old id everywhere). Derived tables
 * (workflow_checks) and the runtime's history (events, runs, outbox) are not part of a backup.
 */
export type IdKind = 'organization' | 'store' | 'workflow';

export interface TableSpec {
  table: string;
  /** SQL condition on the table's rows, with `@org` the organization id. */
  where: string;
  order: string;
  ids: Record<string, IdKind>;
  /** A column holding a sealed secret, and the context it was sealed with. */
  secret?: { column: string; context: (row: Record<string, unknown>) => string };
}

const storesOf = `store_id IN (SELECT id FROM stores WHERE organization_id = @org)`;
const workflowsOf = `workflow_id IN (SELECT id FROM workflows WHERE organization_id = @org)`;

/** In insertion order (parents before children). */
export const tableSpecs: readonly TableSpec[] = [
  { table: 'stores', where: 'organization_id = @org', order: 'name, id', ids: { id: 'store', organization_id: 'organization' } },
  { table: 'installations', where: storesOf, order: 'store_id, app_id', ids: { store_id: 'store' } },
  {
    table: 'connections',
    where: storesOf,
    order: 'store_id, app_id',
    ids: { store_id: 'store' },
    // The same context as the connections handler seals with.
    secret: { column: 'secret_encrypted', context: (r) => `connection:${String(r.store_id)}:${String(r.app_id)}` },
  },
  {
    table: 'app_endpoints',
    where: storesOf,
    order: 'store_id, app_id',
    ids: { store_id: 'store' },
    // The same context as the runtime's app endpoints seal with.
    secret: { column: 'secret_encrypted', context: (r) => `app-endpoint:${String(r.store_id)}:${String(r.app_id)}` },
  },
  { table: 'workflows', where: 'organization_id = @org', order: 'name, id', ids: { id: 'workflow', organization_id: 'organization' } },
  { table: 'workflow_versions', where: workflowsOf, order: 'workflow_id, version', ids: { workflow_id: 'workflow' } },
  { table: 'activations', where: workflowsOf, order: 'workflow_id, store_id', ids: { workflow_id: 'workflow', store_id: 'store' } },
  { table: 'store_versions', where: workflowsOf, order: 'workflow_id, store_id', ids: { workflow_id: 'workflow', store_id: 'store' } },
  {
    table: 'audit_log',
    where: 'organization_id = @org',
    order: 'seq',
    ids: { organization_id: 'organization', store_id: 'store', workflow_id: 'workflow' },
  },
  {
    table: 'audit_subjects',
    where: 'seq IN (SELECT seq FROM audit_log WHERE organization_id = @org)',
    order: 'seq, workflow_id, store_id',
    ids: { store_id: 'store', workflow_id: 'workflow' },
  },
];

export function tableExists(db: Database, table: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
}

export function columnsOf(db: Database, table: string): { name: string; notNull: boolean; hasDefault: boolean; primaryKey: boolean }[] {
  return db
    .prepare<[string], { name: string; nn: number; d: unknown; pk: number }>(
      `SELECT name, "notnull" AS nn, dflt_value AS d, pk FROM pragma_table_info(?)`,
    )
    .all(table)
    .map((c) => ({ name: c.name, notNull: c.nn === 1, hasDefault: c.d !== null, primaryKey: c.pk > 0 }));
}
