import type { CatalogTrigger } from '../../domain/catalog/catalog-schema';

/**
 * Flow names data by its path in the trigger's environment (`order.tags`, `order.customer.email`); our
 * workflows name it by the trigger's field key (`tags`, `customer_email`). A path maps to a key only when
 * the key is one of the trigger's fields; any other path is kept exactly as written (validation then
 * flags it), so nothing is guessed silently.
 */
export interface FieldScope {
  /** The trigger's root object as Flow names it: `order` for order_created, `product` for product_created. */
  root: string;
  fields: ReadonlyMap<string, { list: boolean }>;
}

/** No trigger known: every path is kept as it is. */
export const noScope: FieldScope = { root: '', fields: new Map() };

export function scopeOfTrigger(handle: string, trigger: CatalogTrigger | undefined): FieldScope {
  if (!trigger) return noScope;
  const first = handle.split('_')[0] ?? handle;
  return { root: camel(first), fields: new Map(trigger.fields.map((f) => [f.key, { list: f.list }])) };
}

/** `line_items` → `lineItems` */
export function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `customer.firstName` → `customer_first_name` */
export function snake(path: string): string {
  return path
    .replace(/\./g, '_')
    .replace(/(?<=[A-Za-z0-9])([A-Z])/g, '_$1')
    .toLowerCase();
}

/** A trigger-data path to a field key, or the path itself when it names none of the trigger's fields. */
export function pathToField(path: string, scope: FieldScope): string {
  if (!scope.root) return path;
  const candidates: string[] = [];
  if (path.startsWith(`${scope.root}.`)) {
    const rest = path.slice(scope.root.length + 1);
    // order.tags → tags; order.customer.email → customer_email; order.id → order_id
    candidates.push(snake(rest), `${snake(scope.root)}_${snake(rest)}`);
  }
  candidates.push(snake(path));
  return candidates.find((key) => scope.fields.has(key)) ?? path;
}

/** The inverse of {@link pathToField}: a field key to the path an export writes. */
export function fieldToPath(key: string, scope: FieldScope): string {
  if (!scope.root || !scope.fields.has(key)) return key;
  if (key === `${snake(scope.root)}_id`) return `${scope.root}.id`;
  return `${scope.root}.${camel(key)}`;
}

/** Inside a list test, paths under the item variable (`tags_item`) name the item or its keys. */
export function itemPathToField(path: string, itemKey: string, scope: FieldScope): string {
  if (path === itemKey) return 'item';
  if (path.startsWith(`${itemKey}.`)) return snake(path.slice(itemKey.length + 1));
  return pathToField(path, scope);
}

export function fieldToItemPath(key: string, itemKey: string, scope: FieldScope): string {
  if (key === 'item') return itemKey;
  if (scope.fields.has(key) || key.includes('.')) return fieldToPath(key, scope);
  return `${itemKey}.${camel(key)}`;
}

/** The item variable Flow names after the list: `order.lineItems` → `lineItems_item`. */
export function defaultItemKey(listPath: string): string {
  const last = listPath.split('.').pop() ?? listPath;
  return `${camel(last)}_item`;
}
