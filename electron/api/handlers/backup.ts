import { backupContract } from '../contract/transfer';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { exportOrganization } from '../../transfer/backup/export-organization';
import { restoreOrganization } from '../../transfer/backup/restore-organization';


function listing(ctx: HandlerContext) {
  const backups = ctx.databaseBackups;
  return { folder: backups.available ? backups.folder() : '', schedule: backups.schedule(), backups: backups.list() };
}

export const backupHandlers: Handlers<typeof backupContract> = {
  'backup.exportOrganization': ({ organizationId, includeSecrets, passphrase }, ctx) => {
    const backup = exportOrganization(ctx.db, organizationId, { includeSecrets, passphrase, now: ctx.now(), actor: ctx.actor(), secrets: ctx.secrets });
    // Exporting is a read, but a file with secrets leaving the app is worth a line in the log.
    ctx.audit.record({
      actor: ctx.actor(),
      action: 'organization.backup_exported',
      organizationId,
      summary: `Exported a backup of the organization${includeSecrets ? ` with ${backup.secrets} secrets (encrypted)` : backup.encrypted ? ' (encrypted, without secrets)' : ' (without secrets)'}`,
      after: { includeSecrets, encrypted: backup.encrypted, counts: backup.counts },
    });
    return backup;
  },

  'backup.restoreOrganization': ({ content, passphrase, newName }, ctx) =>
    ctx.db.transaction(() => {
      const result = restoreOrganization(ctx.db, content, { passphrase, newName, now: ctx.now(), newId: ctx.newId, secrets: ctx.secrets });
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'organization.restored',
        organizationId: result.organizationId,
        summary: `Restored organization "${result.name}" from a backup (${result.counts.stores ?? 0} stores, ${result.counts.workflows ?? 0} workflows)`,
        after: { name: result.name, counts: result.counts, withoutSecret: result.withoutSecret.length },
      });
      return { organization: { id: result.organizationId, name: result.name }, counts: result.counts, withoutSecret: result.withoutSecret };
    })(),

  'backup.listDatabaseBackups': (_input, ctx) => listing(ctx),

  'backup.createDatabaseBackup': async (_input, ctx) => ctx.databaseBackups.create('manual'),

  'backup.setSchedule': (input, ctx) =>
    ctx.db.transaction(() => {
      const before = ctx.databaseBackups.schedule();
      const after = ctx.databaseBackups.setSchedule(input);
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'settings.backup_schedule_changed',
        summary: after.everyHours === 0 ? 'Turned automatic database backups off' : `Automatic database backups every ${after.everyHours} h, keeping ${after.keep}`,
        before,
        after,
      });
      return after;
    })(),

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
    ctx.audit.record({
      actor: ctx.actor(),
      action: 'database.restored',
      summary: `Restored the database from ${result.restored.file} (the database before was saved as ${result.safetyBackup.file})`,
      after: { restored: result.restored.file, safetyBackup: result.safetyBackup.file },
    });
    return result;
  },
};
