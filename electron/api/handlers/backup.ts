import { backupContract } from '../contract/transfer';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { exportOrganization } from '../../transfer/backup/export-organization';
import { readBackup, restoreOrganization } from '../../transfer/backup/restore-organization';
import type { BackupBody } from '../../transfer/backup/backup-format';
import { mutation, recordAudit } from '../mutation';

function listing(ctx: HandlerContext) {
  const backups = ctx.databaseBackups;
  return { folder: backups.available ? backups.folder() : '', schedule: backups.schedule(), backups: backups.list() };
}

const restoreRead = mutation(
  'organization.restored',
  ({ backup, newName }: { backup: BackupBody; newName?: string }, ctx: HandlerContext) => {
    const result = restoreOrganization(ctx.db, backup, { newName, now: ctx.now(), newId: ctx.newId, secrets: ctx.secrets });
    return {
      value: { organization: { id: result.organizationId, name: result.name }, counts: result.counts, withoutSecret: result.withoutSecret },
      audit: {
        organizationId: result.organizationId,
        summary: `Restored organization "${result.name}" from a backup (${result.counts.stores ?? 0} stores, ${result.counts.workflows ?? 0} workflows)`,
        after: { name: result.name, counts: result.counts, withoutSecret: result.withoutSecret.length },
      },
    };
  },
);

/** Exporting is a read, but a file with secrets leaving the app is worth a line in the log. */
const recordExport = mutation(
  'organization.backup_exported',
  (
    {
      organizationId,
      includeSecrets,
      backup,
    }: { organizationId: string; includeSecrets: boolean; backup: Awaited<ReturnType<typeof exportOrganization>> },
    _ctx: HandlerContext,
  ) => ({
    value: undefined,
    audit: {
      organizationId,
      summary: `Exported a backup of the organization${includeSecrets ? ` with ${backup.secrets} secrets (encrypted)` : backup.encrypted ? ' (encrypted, without secrets)' : ' (without secrets)'}`,
      after: { includeSecrets, encrypted: backup.encrypted, counts: backup.counts },
    },
  }),
);

export const backupHandlers: Handlers<typeof backupContract> = {
  'backup.exportOrganization': async ({ organizationId, includeSecrets, passphrase }, ctx) => {
    const backup = await exportOrganization(ctx.db, organizationId, {
      includeSecrets,
      passphrase,
      now: ctx.now(),
      actor: ctx.actor(),
      secrets: ctx.secrets,
    });
    recordExport({ organizationId, includeSecrets, backup }, ctx);
    return backup;
  },

  // The passphrase's key is derived off the main thread first; the restore itself is one transaction.
  'backup.restoreOrganization': async ({ content, passphrase, newName }, ctx) =>
    restoreRead({ backup: await readBackup(content, passphrase), newName }, ctx),

  'backup.listDatabaseBackups': (_input, ctx) => listing(ctx),

  'backup.createDatabaseBackup': async (_input, ctx) => ctx.databaseBackups.create('manual'),

  'backup.setSchedule': mutation('settings.backup_schedule_changed', (input, ctx) => {
    const before = ctx.databaseBackups.schedule();
    const after = ctx.databaseBackups.setSchedule(input);
    const summary =
      after.everyHours === 0
        ? 'Turned automatic database backups off'
        : `Automatic database backups every ${after.everyHours} h, keeping ${after.keep}`;
    return { value: after, audit: { summary, before, after } };
  }),

  'backup.restoreDatabaseBackup': async ({ file }, ctx) => {
    // The runtime buffers writes and keeps timers about runs; it stops (writing what it holds) before the
    // database changes under it, and starts again on the restored data.
    const wasStarted = ctx.runtime.isStarted;
    if (wasStarted) await ctx.runtime.stop();
    let result;
    try {
      result = await ctx.databaseBackups.restore(file);
    } finally {
      if (wasStarted) await ctx.runtime.start();
    }
    // Recorded after the restore, in the restored database: the log then says where its data came from.
    recordAudit(ctx, 'database.restored', {
      summary: `Restored the database from ${result.restored.file} (the database before was saved as ${result.safetyBackup.file})`,
      after: { restored: result.restored.file, safetyBackup: result.safetyBackup.file },
    });
    return result;
  },
};
