import type { Database } from 'better-sqlite3';

/**
 * Takes a column's FOREIGN KEY clause out of its table's definition without rebuilding the table: SQLite's
 * documented procedure for removing a constraint (lang_altertable.html, "Making Other Kinds Of Table Schema
 * Changes"): the table's CREATE text edited in sqlite_schema with writable_schema on, and schema_version bumped so
 * every connection reads the schema again. The rows on disk are the same with or without the clause, so nothing is
 * rewritten (a rebuild of `runs` copies every row and every index). Runs inside the caller's transaction (a
 * migration's); better-sqlite3 turns SQLite's defensive mode on, which forbids the edit, so it is turned off for it.
 * Throws when the clause is not found as expected, or is still there after the edit.
 */
export function dropForeignKey(db: Database, table: string, column: string, parent: string): void {
  const sql = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`).pluck().get(table) as string | undefined;
  if (sql === undefined) throw new Error(`dropForeignKey: no table ${table}`);
  const clause = new RegExp(`(\\b${column}\\s+TEXT NOT NULL)\\s+REFERENCES ${parent} \\(id\\) ON DELETE CASCADE`);
  if (!clause.test(sql)) throw new Error(`dropForeignKey: ${table}.${column} has no "REFERENCES ${parent} (id) ON DELETE CASCADE" to drop`);
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?`).run(sql.replace(clause, '$1'), table);
    db.pragma(`schema_version = ${version + 1}`);
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
  const left = (db.pragma(`foreign_key_list(${table})`) as { from: string; table: string }[]).filter(
    (fk) => fk.from === column && fk.table === parent,
  );
  if (left.length > 0) throw new Error(`dropForeignKey: ${table}.${column} still references ${parent}`);
}
