/**
 * The values a run can be found by (an order ID, a customer email: runtime/event-values.ts) are kept as terms of a
 * full-text index, `trigger_event_terms` (migration 16), one document per trigger event. A value is one term: its
 * UTF-8 bytes in hex, lower-cased first, so the tokenizer never splits an email at its `@` or an id at its `/`,
 * and a search matches the whole value, ignoring case, as the earlier table's NOCASE did (for every letter now,
 * not only A-Z). Why a full-text index: it writes a batch's terms as one new sorted segment and merges segments
 * later, where a B-tree keyed by value put each value of each event on a page of its own (80-150 of the ~400 WAL
 * pages a commit of 32 events wrote).
 */
export function searchTerm(value: string): string {
  return Buffer.from(value.toLowerCase(), 'utf8').toString('hex');
}

/** The terms of one event's values, as the text of its document. */
export function searchDocument(values: Iterable<string>): string {
  let text = '';
  for (const value of values) text += (text === '' ? '' : ' ') + searchTerm(value);
  return text;
}

/** A full-text query for exactly one value (a quoted term: hex needs no escaping). */
export function searchQuery(value: string): string {
  return `"${searchTerm(value)}"`;
}
