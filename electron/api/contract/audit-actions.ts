/**
 * The audit log's kinds of change as the contract offers them: the list the server records from (kept in the
 * domain, where the store and the handlers type their entries) is the `action` enum of `audit.query`, and the
 * renderer's Activity filter. The one value the renderer takes from the main process's code (eslint.config.mjs):
 * a plain list, so the filter offers exactly what the server records.
 */
export { auditActions, type AuditAction } from '../../domain/audit/audit-actions';
