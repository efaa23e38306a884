import fs from 'node:fs';

/**
 * Everything Flow Admin writes holds customer data (e-mails in trigger payloads) or secrets: files are 0600,
 * folders it makes are 0700, whatever the umask. (On Windows the modes mean little; the user profile's ACLs
 * protect the data there.)
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Makes the folder (and missing parents) 0700; a folder that already existed is left as its owner set it. */
export function makePrivateDir(dir: string): void {
  const created = fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (created !== undefined) fs.chmodSync(dir, PRIVATE_DIR);
}

/** A folder that is Flow Admin's own (backups/): 0700 even if it existed before. */
export function ownPrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  fs.chmodSync(dir, PRIVATE_DIR);
}

/** 0600 on each file that exists (the database's -wal and -shm come and go). */
export function makePrivate(...files: string[]): void {
  for (const file of files) {
    try {
      fs.chmodSync(file, PRIVATE_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export function databaseFiles(databasePath: string): string[] {
  return [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, `${databasePath}-journal`];
}
