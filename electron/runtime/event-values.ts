import type { CatalogTrigger, FieldType } from '../domain/catalog/catalog-schema';

const MAX_VALUE_LENGTH = 200;
const GID = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/;

/** What people look runs up by: ids, emails, names and codes; not amounts, dates, flags or long text. */
const searchable: ReadonlySet<FieldType> = new Set([
  'email',
  'single_line_text_field',
  'customer_reference',
  'order_reference',
  'product_reference',
]);
const keysByTrigger = new WeakMap<CatalogTrigger, string[]>();

function searchableKeys(trigger: CatalogTrigger): string[] {
  let keys = keysByTrigger.get(trigger);
  if (!keys) keysByTrigger.set(trigger, (keys = trigger.fields.filter((f) => searchable.has(f.type)).map((f) => f.key)));
  return keys;
}

/**
 * The values of the trigger's data that runs can be searched by: the short text of its id, email, name and
 * code fields, alone or in lists. A Shopify id is also found by its number (`gid://shopify/Order/1001` by
 * `1001`). A Shopify trigger's data objects count by their ids, names, emails and codes. Without the
 * trigger (not in the catalog), every short text and number counts.
 */
export function eventValues(payload: Record<string, unknown>, trigger: CatalogTrigger | undefined): Set<string> {
  const values = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) values.add(String(v));
    else if (typeof v === 'string') {
      const s = v.trim();
      if (s === '' || s.length > MAX_VALUE_LENGTH || s.includes('\n')) return;
      values.add(s);
      const gid = GID.exec(s);
      if (gid) values.add(gid[1]!);
    }
  };
  const keys = trigger ? searchableKeys(trigger) : Object.keys(payload);
  for (const key of keys) {
    if (!Object.hasOwn(payload, key)) continue;
    const value = payload[key];
    if (Array.isArray(value)) value.forEach(add);
    else if (value === null || typeof value !== 'object') add(value);
  }
  for (const object of trigger?.provides ?? []) {
    if (Object.hasOwn(payload, object.variable)) addObjectValues(payload[object.variable], add, 0);
  }
  return values;
}

/** The Admin API fields people look an order, customer or product up by (`order.name`, `order.customer.email`). */
const searchableObjectKeys: ReadonlySet<string> = new Set(['id', 'legacyResourceId', 'name', 'email', 'phone', 'sku', 'handle', 'code']);
const MAX_OBJECT_DEPTH = 3;
const MAX_LIST_ITEMS = 50;

/**
 * A Shopify trigger's data object (`{ order: { name, customer: { email } } }`): its searchable keys, and
 * those of the objects inside it a few levels down (the order's customer, its first line items), so an order
 * is found by its number and by its customer's email. Bounded: a large order does not fill the index.
 */
function addObjectValues(value: unknown, add: (v: unknown) => void, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > MAX_OBJECT_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_LIST_ITEMS)) addObjectValues(item, add, depth + 1);
    return;
  }
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (field !== null && typeof field === 'object') addObjectValues(field, add, depth + 1);
    else if (searchableObjectKeys.has(key)) add(field);
  }
}
