import { i18n } from './i18n/i18n.svelte';

/** The kinds of change the API records, for the Activity screen's filter: the contract's own list. */
export { auditActions, type AuditAction } from '$shared/api/contract/audit-actions';

/** The words for an audit action in the current language; an unknown one is made readable ("store.flow_added" → "Store flow added"). */
export function auditActionLabel(action: string): string {
  const key = `activity.action.${action}`;
  const text = i18n.t(key);
  if (text !== key) return text;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
