import type { Environment } from '../../domain/environment/workflow-environment';

/**
 * Workflows name data as Flow does, by its path in the workflow's environment (`order.customer.email`,
 * `lineItemsForeachitem.sku`), so a path is written to a .flow file and read from one as it is. The one
 * place the two differ is a list test (any / all / none of): a .flow file names the list's item by a key of
 * its own (`tags_item`, `customAttributes_item.key`), ours by `item` and paths relative to it (`key`).
 */

/** Inside a list test: the item key names the item (`tags_item` → `item`), its paths become relative. */
export function itemPathToField(path: string, itemKey: string): string {
  if (path === itemKey) return 'item';
  if (path.startsWith(`${itemKey}.`)) return path.slice(itemKey.length + 1);
  return path;
}

/**
 * The inverse of {@link itemPathToField}. A path is the item's own when it resolves on the item (as the
 * environment reads it: the item first, then the workflow's data); when neither reads it, when its first
 * part is none of the workflow's `variables`.
 */
export function fieldToItemPath(field: string, itemKey: string, itemScope: Environment | null, variables: ReadonlySet<string>): string {
  if (field === 'item') return itemKey;
  if (itemScope?.item) {
    if (itemScope.resolve(`item.${field}`).ok) return `${itemKey}.${field}`;
    if (itemScope.resolve(field).ok) return field;
  }
  return variables.has(field.split('.')[0]!) ? field : `${itemKey}.${field}`;
}

/** The item key Flow names after the list: `order.lineItems` → `lineItems_item`. */
export function defaultItemKey(listPath: string): string {
  const last = listPath.split('.').pop() ?? listPath;
  return `${last}_item`;
}
