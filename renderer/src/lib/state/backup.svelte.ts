import { api, type ApiOutput } from '../api/client';
import { download } from './transfer.svelte';
import { organizations } from './organizations.svelte';

export type OrganizationBackup = ApiOutput<'backup.exportOrganization'>;
export type RestoreResult = ApiOutput<'backup.restoreOrganization'>;
export type DatabaseBackupList = ApiOutput<'backup.listDatabaseBackups'>;
export type DatabaseBackup = DatabaseBackupList['backups'][number];
export type Schedule = DatabaseBackupList['schedule'];

/** Writes the organization to one file and offers it to save under the name the API gives it. */
export async function backUpOrganization(
  organizationId: string,
  includeSecrets: boolean,
  passphrase: string | undefined,
): Promise<OrganizationBackup> {
  const backup = await api.call('backup.exportOrganization', { organizationId, includeSecrets, ...(passphrase ? { passphrase } : {}) });
  download(backup.fileName, backup.content, 'application/json');
  return backup;
}

/** What the UI can see of a backup file before it is sent: whether it is encrypted, and the name inside when it is not. */
export interface BackupFileFacts {
  encrypted: boolean;
  organizationName: string | null;
}

/**
 * A first look at a chosen file, only to ask the right questions (a passphrase, a name). Whether it is a
 * backup at all, and whether it is damaged, the API says when restoring.
 */
export function peekBackup(content: string, fileName = ''): BackupFileFacts {
  // An encrypted file hides the name inside; the file name Flow Admin gave it ("<name> <date>.flowadmin-backup.json") still says it.
  const fromFileName = /^(.+) \d{4}-\d\d-\d\d\.flowadmin-backup\.json$/.exec(fileName)?.[1] ?? null;
  try {
    const value = JSON.parse(content) as { encrypted?: unknown; organization?: { name?: unknown } } | null;
    const name = value?.organization?.name;
    return {
      encrypted: Boolean(value && typeof value === 'object' && 'encrypted' in value),
      organizationName: typeof name === 'string' ? name : fromFileName,
    };
  } catch {
    return { encrypted: false, organizationName: fromFileName };
  }
}

/** Restores a backup as a new organization and makes it the one being worked in. */
export async function restoreOrganization(
  content: string,
  passphrase: string | undefined,
  newName: string | undefined,
): Promise<RestoreResult> {
  const result = await api.call('backup.restoreOrganization', {
    content,
    ...(passphrase ? { passphrase } : {}),
    ...(newName ? { newName } : {}),
  });
  await organizations.load();
  organizations.select(result.organization.id);
  return result;
}

/** The local copies of the whole database and their schedule, for the Settings card. */
class DatabaseBackupsState {
  listing = $state.raw<DatabaseBackupList | null>(null);

  async load(): Promise<void> {
    this.listing = await api.call('backup.listDatabaseBackups', {});
  }

  async create(): Promise<DatabaseBackup> {
    const made = await api.call('backup.createDatabaseBackup', {});
    await this.load();
    return made;
  }

  async setSchedule(schedule: Schedule): Promise<Schedule> {
    const saved = await api.call('backup.setSchedule', schedule);
    await this.load();
    return saved;
  }

  /** After a restore every screen's data is stale: the organizations are read again (screens reload from them). */
  async restore(file: string): Promise<ApiOutput<'backup.restoreDatabaseBackup'>> {
    const result = await api.call('backup.restoreDatabaseBackup', { file });
    await Promise.all([this.load(), organizations.load()]);
    return result;
  }
}

export const databaseBackups = new DatabaseBackupsState();
