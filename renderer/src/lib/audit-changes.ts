import { i18n } from './i18n/i18n.svelte';

/** One recorded field, before and after a change, as text ('' where that side did not record it). */
export interface ChangeRow {
  key: string;
  before: string;
  after: string;
}

/** Values nested deeper than a list of plain values stay JSON: a table cell cannot make them readable. */
export interface Changes {
  rows: ChangeRow[];
  /** The rest of before and of after, as JSON, or '' when the rows say everything. */
  restBefore: string;
  restAfter: string;
}

type Plain = string | number | boolean | null;

function isPlain(value: unknown): value is Plain {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function simple(value: unknown): boolean {
  return value === undefined || isPlain(value) || (Array.isArray(value) && value.every(isPlain));
}

/** The name of a store, workflow or app an id stands for, when the screen knows it. */
export type NameOf = (id: string) => string | null;

function text(value: unknown, nameOf: NameOf): string {
  if (value === undefined) return '';
  if (value === null || (Array.isArray(value) && value.length === 0)) return i18n.t('activity.valueNone');
  if (typeof value === 'boolean') return i18n.t(value ? 'activity.valueYes' : 'activity.valueNo');
  if (Array.isArray(value)) return value.map((v) => text(v, nameOf)).join(', ');
  return typeof value === 'string' ? (nameOf(value) ?? value) : String(value);
}

/** The field's name in the current language; one without words made readable ("fooBar" → "Foo bar"). */
function words(key: string): string {
  const named = i18n.t(`activity.fields.${key}`);
  if (named !== `activity.fields.${key}`) return named;
  const spaced = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * An entry's before and after as rows of readable fields (a before/after pair per key), with what is not
 * simple enough for a row (nested objects, a workflow's definition) left as JSON. Ids the screen knows read as names.
 */
export function auditChanges(before: unknown, after: unknown, nameOf: NameOf = () => null): Changes {
  const b = record(before);
  const a = record(after);
  const rows: ChangeRow[] = [];
  const json = (value: unknown) => (value == null ? '' : JSON.stringify(value, null, 2));
  if ((before != null && !b) || (after != null && !a)) return { rows, restBefore: json(before), restAfter: json(after) };
  const restBefore: Record<string, unknown> = {};
  const restAfter: Record<string, unknown> = {};
  for (const key of [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]) {
    const was = b?.[key];
    const is = a?.[key];
    if (simple(was) && simple(is)) rows.push({ key: words(key), before: text(was, nameOf), after: text(is, nameOf) });
    else {
      if (was !== undefined) restBefore[key] = was;
      if (is !== undefined) restAfter[key] = is;
    }
  }
  const some = (value: Record<string, unknown>) => (Object.keys(value).length > 0 ? json(value) : '');
  return { rows, restBefore: some(restBefore), restAfter: some(restAfter) };
}
