import { i18n } from './i18n/i18n.svelte';

/**
 * The kinds of change the API records in the audit log, for the Activity screen's filter. A kind missing
 * here is still shown (its name made readable); adding it gives it words in both languages.
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
  'workflow.duplicated',
  'workflow.deleted',
  'workflow.imported',
  'workflow.copied',
  'activation.enabled',
  'activation.disabled',
  'activation.reenabled',
  'settings.updated',
  'settings.backup_schedule_changed',
  'runtime.settings_updated',
  'runtime.test_event_sent',
  'runtime.app_endpoint_set',
  'run.replayed',
] as const;

/** The words for an audit action in the current language; an unknown one is made readable ("store.flow_added" → "Store flow added"). */
export function auditActionLabel(action: string): string {
  const key = `activity.action.${action}`;
  const text = i18n.t(key);
  if (text !== key) return text;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
