/**
 * How the action form reads and writes the stored text of list-like inputs. The stored format is the one
 * .flow files and the runtime use (electron/domain/workflow/value-format.ts): tags as a JSON array
 * (`["vip","wholesale"]`) or as comma text (`vip, wholesale`), headers as JSON pairs (`[["Accept","application/json"]]`).
 */

/** The tags in a stored tag list; a comma inside Liquid (`{{ x | append: "," }}`) does not split. */
export function parseTags(stored: string): string[] {
  const text = stored.trim();
  if (text === '') return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map((x) => String(x).trim()).filter((x) => x !== '');
    } catch {
      // not JSON after all: read as comma text
    }
  }
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const two = text.slice(i, i + 2);
    if (two === '{{' || two === '{%') depth++;
    if ((two === '}}' || two === '%}') && depth > 0) depth--;
    const ch = text[i]!;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

/**
 * Tags back to stored text in the form the value already had: an imported `vip, wholesale` stays comma text
 * (so the export gives back what was imported); new and JSON values are a JSON array, as Flow writes them.
 */
export function formatTags(tags: readonly string[], previous: string): string {
  if (tags.length === 0) return '';
  const wasCommaText = previous.trim() !== '' && !previous.trim().startsWith('[');
  return wasCommaText ? tags.join(', ') : JSON.stringify(tags);
}

export type HeaderRow = { name: string; value: string };

/** Header rows from stored pairs; null when the text is not pairs (then it is edited as text). */
export function parseHeaders(stored: string): HeaderRow[] | null {
  if (stored.trim() === '') return [];
  try {
    const pairs: unknown = JSON.parse(stored);
    if (!Array.isArray(pairs)) return null;
    const rows: HeaderRow[] = [];
    for (const p of pairs) {
      if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string') return null;
      rows.push({ name: p[0], value: p[1] });
    }
    return rows;
  } catch {
    return null;
  }
}

/** Rows back to stored pairs; rows with neither name nor value are left out. */
export function formatHeaders(rows: readonly HeaderRow[]): string {
  const kept = rows.filter((r) => r.name.trim() !== '' || r.value.trim() !== '');
  return kept.length === 0 ? '' : JSON.stringify(kept.map((r) => [r.name, r.value]));
}
