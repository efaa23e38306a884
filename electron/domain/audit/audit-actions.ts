/**
 * Every kind of change the audit log records: the one list the server records from (typed, so a new kind is
 * added here first), the contract offers as an enum, and the renderer's Activity filter shows.
 */
export const auditActions = [
  'organization.created',
  'organization.renamed',
  'organization.deleted',
  'organization.backup_exported',
  'organization.restored',
  'database.restored',
  'store.added',
  'store.renamed',
  'store.removed',
  'store.flow_installed',
  'store.flow_uninstalled',
  'app.installed',
  'app.uninstalled',
  'app.setup_changed',
  'connection.created',
  'connection.changed',
  'connection.removed',
  'workflow.created',
  'workflow.saved',
  'workflow.reverted',
  'workflow.published',
  'workflow.rolled_back',
  'workflow.duplicated',
  'workflow.deleted',
  'workflow.imported',
  'workflow.copied',
  'activation.enabled',
  'activation.disabled',
  'activation.reenabled',
  'activation.bulk_undone',
  'settings.updated',
  'settings.backup_schedule_changed',
  'runtime.settings_updated',
  'runtime.test_event_sent',
  'runtime.app_endpoint_set',
  'run.replayed',
] as const;

export type AuditAction = (typeof auditActions)[number];
