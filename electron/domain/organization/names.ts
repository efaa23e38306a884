/** How the names of stores and workflows compare, as people read them. */

const collator = new Intl.Collator('nb', { sensitivity: 'base', numeric: true });

/** Names as people read them ("Store 9" before "Store 10", Æ/æ alike), then by id for a stable order. */
export function byName<T extends { name: string; id: string }>(a: T, b: T): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The same name, as people read it (case and accents aside): used for uniqueness within an organization. */
export function sameName(a: string, b: string): boolean {
  return collator.compare(a, b) === 0;
}
