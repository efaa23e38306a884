import { migrateLegacyFieldPaths } from '../../domain/workflow/legacy-field-paths';
import type { WorkflowDefinition } from '../../domain/workflow/workflow-definition';
import type { Migration } from './migration';

/**
 * Shopify's own triggers now give Flow's data objects (`order`, `product`) instead of flat fields of our own
 * invention. Every saved version of a workflow on one of the old triggers is rewritten in Flow's paths
 * (`{{ customer_email }}` → `{{ order.customer.email }}`), so what was valid stays valid and runs the same.
 * Versions are rewritten in place: they are the same workflow, written as Flow writes it.
 */
export const migration006: Migration = {
  version: 6,
  name: 'workflows: Flow’s data paths instead of flat trigger fields',
  up(db) {
    const rows = db.prepare('SELECT workflow_id, version, definition FROM workflow_versions').all() as {
      workflow_id: string;
      version: number;
      definition: string;
    }[];
    const update = db.prepare('UPDATE workflow_versions SET definition = ? WHERE workflow_id = ? AND version = ?');
    for (const row of rows) {
      let definition: WorkflowDefinition;
      try {
        definition = JSON.parse(row.definition) as WorkflowDefinition;
      } catch {
        continue; // not ours to judge here: the version is shown as it is, and validation says what is wrong
      }
      const migrated = migrateLegacyFieldPaths(definition);
      if (migrated !== definition) update.run(JSON.stringify(migrated), row.workflow_id, row.version);
    }
  },
};
