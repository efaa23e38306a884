/**
 * How names compare, as people read them: the one rule for "the same name" of organizations, stores and
 * workflows (create, rename, restore, import, copy). Case and accents aside ("Café" = "cafe", "Ærø" = "ærø"),
 * numbers by value ("Store 9" before "Store 10"). SQLite's NOCASE folds ASCII only, so this is done in code.
 */

const collator = new Intl.Collator('nb', { sensitivity: 'base', numeric: true });

/** Names as people read them ("Store 9" before "Store 10", Æ/æ alike), then by id for a stable order. */
export function byName<T extends { name: string; id: string }>(a: T, b: T): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The same name, as people read it (case and accents aside): used for uniqueness. */
export function sameName(a: string, b: string): boolean {
  return collator.compare(a, b) === 0;
}

/** The first of `existing` (other than `exceptId`) with the same name, or undefined. */
export function nameClash<T extends { id: string; name: string }>(existing: Iterable<T>, name: string, exceptId?: string): T | undefined {
  for (const row of existing) if (row.id !== exceptId && sameName(row.name, name)) return row;
  return undefined;
}

/** Longest name people may type (the contract's `displayName`). */
export const maxNameLength = 120;

/**
 * `name`, or the first of `name (2)`, `name (3)`… that is not the same name as any taken one; the stem is
 * shortened so the result stays within {@link maxNameLength}. `suffix(n)` words the suffix.
 */
export function uniqueName(name: string, taken: Iterable<string>, suffix: (n: number) => string = (n) => ` (${n})`, first = 2): string {
  const names = [...taken];
  const free = (candidate: string) => !names.some((t) => sameName(t, candidate));
  if (free(name)) return name;
  for (let n = first; ; n++) {
    const end = suffix(n);
    const candidate = `${name.slice(0, maxNameLength - end.length).trim()}${end}`;
    if (free(candidate)) return candidate;
  }
}

/**
 * Names made unique in a list ordered oldest first: the first of each same-name group keeps its name, each
 * later one gets the first free " (2)", " (3)"… (free of every name in the list and every name given).
 * What migration 007 applies to data written before names were compared this way.
 */
export function uniqueNameRenames<T extends { id: string; name: string }>(oldestFirst: readonly T[]): { row: T; name: string }[] {
  const renames: { row: T; name: string }[] = [];
  const kept: string[] = [];
  const taken = oldestFirst.map((r) => r.name);
  for (const row of oldestFirst) {
    if (!kept.some((k) => sameName(k, row.name))) {
      kept.push(row.name);
      continue;
    }
    const name = uniqueName(row.name, taken);
    taken.push(name);
    kept.push(name);
    renames.push({ row, name });
  }
  return renames;
}
