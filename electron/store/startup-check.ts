import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What stops Flow Admin from opening its database, said so that a person can act on it: which file, what is
 * wrong, and what to do next, in English and Norwegian (the desktop app shows the one the system uses).
 * A bare "file is not a database" or "database disk image is malformed" says none of that.
 */
export type StartupProblem = 'damaged' | 'not_a_database' | 'cannot_open';

export class StartupError extends Error {
  constructor(
    readonly file: string,
    readonly problem: StartupProblem,
    readonly detail: string,
    /** The newest backup that passed the check, offered as the way back. */
    readonly goodBackup: string | null,
  ) {
    super(startupMessage({ file, problem, detail, goodBackup }, 'en').body);
    this.name = 'StartupError';
  }
}

export function startupMessage(
  e: { file: string; problem: StartupProblem; detail: string; goodBackup: string | null },
  lang: 'en' | 'nb',
): { title: string; body: string } {
  const restore = e.goodBackup
    ? lang === 'nb'
      ? ` Nyeste hele sikkerhetskopi: ${e.goodBackup}. Lukk Flow Admin, kopier den over ${e.file} (ta vare på den skadde filen), og start igjen.`
      : ` The newest sound backup is ${e.goodBackup}. Close Flow Admin, copy it over ${e.file} (keep the damaged file aside), and start again.`
    : lang === 'nb'
      ? ` Ingen hel sikkerhetskopi ble funnet i ${path.join(path.dirname(e.file), 'backups')}. Flytt filen bort for å starte med en tom database, eller hent den fra din egen sikkerhetskopi.`
      : ` No sound backup was found in ${path.join(path.dirname(e.file), 'backups')}. Move the file aside to start with an empty database, or restore it from your own backup.`;
  if (lang === 'nb') {
    const what = { damaged: 'er skadet', not_a_database: 'er ikke en Flow Admin-database', cannot_open: 'kan ikke åpnes' }[e.problem];
    return {
      title: 'Flow Admin kunne ikke starte',
      body: `Databasen ${e.file} ${what} (${e.detail}).${e.problem === 'cannot_open' ? ' Sjekk at mappen finnes og at du har lov til å skrive i den.' : restore}`,
    };
  }
  const what = { damaged: 'is damaged', not_a_database: 'is not a Flow Admin database', cannot_open: 'cannot be opened' }[e.problem];
  return {
    title: 'Flow Admin could not start',
    body: `The database ${e.file} ${what} (${e.detail}).${e.problem === 'cannot_open' ? ' Check that its folder exists and that you may write to it.' : restore}`,
  };
}

/** PRAGMA quick_check, first line: 'ok' or where the damage is ("*** in database main *** Page 5: ..."). */
export function quickCheck(db: Database.Database): string {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).join('; ');
}

/** The newest file in backups/ (and the copies made before migrations) that opens and passes quick_check. */
export function newestGoodBackup(databasePath: string): string | null {
  const dir = path.dirname(path.resolve(databasePath));
  const candidates: { file: string; at: number }[] = [];
  const add = (folder: string, match: (name: string) => boolean) => {
    if (!fs.existsSync(folder)) return;
    for (const name of fs.readdirSync(folder))
      if (match(name)) candidates.push({ file: path.join(folder, name), at: fs.statSync(path.join(folder, name)).mtimeMs });
  };
  add(path.join(dir, 'backups'), (n) => n.endsWith('.db'));
  add(dir, (n) => n.startsWith(path.basename(databasePath)) && n.endsWith('.bak'));
  for (const { file } of candidates.sort((a, b) => b.at - a.at)) if (isSound(file)) return file;
  return null;
}

export function isSound(file: string): boolean {
  let probe: Database.Database | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    return quickCheck(probe) === 'ok';
  } catch {
    return false;
  } finally {
    probe?.close();
  }
}

/** Classifies an error from opening or first reading the file. */
export function startupErrorFor(file: string, error: unknown): StartupError | null {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.code === 'SQLITE_NOTADB') return new StartupError(file, 'not_a_database', message, newestGoodBackup(file));
  if (e.code === 'SQLITE_CORRUPT') return new StartupError(file, 'damaged', message, newestGoodBackup(file));
  if (e.code === 'SQLITE_CANTOPEN' || e.code === 'SQLITE_READONLY' || e.code === 'EACCES')
    return new StartupError(file, 'cannot_open', message, null);
  return null;
}
