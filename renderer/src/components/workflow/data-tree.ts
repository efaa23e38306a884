import type { DataType, ValueKind } from '$shared/domain/environment/data-type';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the data in scope is the domain's Environment; the tree only lists what it holds.
import { forEachItemVariable, type Environment } from '$shared/domain/environment/workflow-environment';

/**
 * The workflow's data as a tree the pickers walk: the variables in scope (`order`, `shop`, a For each's
 * `lineItemsForeachitem`), their fields from the Admin API schema, and so on down. What a path *is* stays
 * the domain's Environment's answer; this only lists what is there to pick.
 */
export interface DataNode {
  /** The field's own name (`email`), or the variable's. */
  readonly name: string;
  /** As a condition or For each names it: `order.customer.email`; inside any / all / none of, relative to the item (`sku`). */
  readonly path: string;
  /** Each segment and whether it is a list, so Liquid can loop over the lists on the way (`order.lineItems` → sku). */
  readonly segments: readonly { readonly name: string; readonly list: boolean }[];
  /** The GraphQL named type: `String`, `Money`, `ProductStatus`, `Customer`. */
  readonly type: string;
  readonly list: boolean;
  readonly kind: ValueKind;
  readonly deprecated: boolean;
  readonly enumValues?: readonly string[];
}

/** What the picker is for: a comparison's field, a list to repeat over or test, or a Liquid variable. */
export type PickMode = 'compare' | 'list' | 'liquid';

/** How far a search looks below the variables: `order.customer.email` is three deep. */
export const SEARCH_DEPTH = 3;
const SEARCH_LIMIT = 60;

function node(env: Environment, parent: DataNode | null, name: string, data: DataType, deprecated = false): DataNode {
  const kind = env.schema.valueKind(data.type);
  const enumValues = kind === 'enum' ? env.schema.type(data.type)?.enumValues : undefined;
  const choices = data.choices && data.choices.length > 0 ? data.choices : undefined;
  return {
    name,
    path: parent ? `${parent.path}.${name}` : name,
    segments: [...(parent?.segments ?? []), { name, list: data.list }],
    type: data.type,
    list: data.list,
    kind: choices ? 'enum' : kind,
    deprecated,
    ...(enumValues || choices ? { enumValues: choices ?? enumValues } : {}),
  };
}

/** An object to walk into (not a list: conditions test lists with any / all / none of). */
export function isObject(n: DataNode): boolean {
  return n.kind === 'object';
}

/**
 * Where the tree starts. Inside any / all / none of a list, paths are the item's own (`sku`), and a list
 * of plain values (tags) has just `item`; elsewhere the variables in scope, the shop last.
 */
export function rootsOf(env: Environment): DataNode[] {
  if (env.item) {
    const item = node(env, null, 'item', env.item);
    return isObject(item) ? fieldsOf(env, item).map((f) => ({ ...f, path: f.name, segments: [{ name: f.name, list: f.list }] })) : [item];
  }
  const roots = [...env.variables].map(([name, data]) => node(env, null, name, data));
  return [...roots.filter((r) => r.name !== 'shop'), ...roots.filter((r) => r.name === 'shop')];
}

/** The fields of an object node (or of a list's item, for Liquid), deprecated ones after the others. */
export function fieldsOf(env: Environment, parent: DataNode): DataNode[] {
  const type = env.schema.type(parent.type);
  const fields = type?.fields ?? [];
  const nodes = fields.map((f) => node(env, parent, f.name, { type: f.type, list: f.list }, f.deprecated === true));
  return [...nodes.filter((n) => !n.deprecated), ...nodes.filter((n) => n.deprecated)];
}

/** Whether the picker walks into this node: objects always; for Liquid also a list of objects (it loops). */
export function canOpen(n: DataNode, mode: PickMode): boolean {
  if (!isObject(n)) return false;
  return !n.list || mode === 'liquid';
}

/** Whether picking this node is an answer (rather than a step into it). */
export function canPick(n: DataNode, mode: PickMode): boolean {
  if (mode === 'list') return n.list;
  if (mode === 'liquid') return !isObject(n);
  return !isObject(n) || n.list; // a list of objects becomes any / all / none of
}

/**
 * Fields whose name contains the query, at most SEARCH_DEPTH deep from `from` (or from the roots), without
 * stepping into lists; nearer ones first, names that start with the query before those that contain it,
 * deprecated last.
 */
export function searchData(env: Environment, query: string, mode: PickMode, from: DataNode | null = null): DataNode[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const found: { n: DataNode; depth: number }[] = [];
  let level = from ? fieldsOf(env, from) : rootsOf(env);
  for (let depth = 1; depth <= SEARCH_DEPTH && level.length > 0 && found.length < SEARCH_LIMIT * 4; depth++) {
    const next: DataNode[] = [];
    for (const n of level) {
      if (n.name.toLowerCase().includes(q) && (canPick(n, mode) || canOpen(n, mode))) found.push({ n, depth });
      if (isObject(n) && !n.list && depth < SEARCH_DEPTH) next.push(...fieldsOf(env, n));
    }
    level = next;
  }
  // Nearer first; at one depth, names that start with the query, then those containing it, deprecated ones after.
  const rank = (x: { n: DataNode; depth: number }) =>
    x.depth * 4 + (x.n.name.toLowerCase().startsWith(q) ? 0 : 1) + (x.n.deprecated ? 2 : 0);
  return found
    .sort((a, b) => rank(a) - rank(b) || a.n.path.length - b.n.path.length)
    .slice(0, SEARCH_LIMIT)
    .map((x) => x.n);
}

/** The node a path names, walking from the roots (null when the path is not in the tree). */
export function nodeAt(env: Environment, path: string): DataNode | null {
  const [first, ...rest] = path.split('.');
  let current = rootsOf(env).find((r) => r.name === first) ?? null;
  for (const segment of rest) {
    if (!current) return null;
    current = fieldsOf(env, current).find((f) => f.name === segment) ?? null;
  }
  return current;
}

/** `Money`, `[LineItem]`: the type as the admin sees it beside the field. */
export function typeLabel(n: Pick<DataNode, 'type' | 'list'>): string {
  return n.list ? `[${n.type}]` : n.type;
}

/**
 * The Liquid a picked variable inserts: `{{ order.customer.email }}`; a path through a list loops over it
 * as Flow's own picker does (`{% for lineItems_item in order.lineItems %}{{ lineItems_item.sku }}{% endfor %}`).
 */
export function liquidFor(n: DataNode): string {
  let prefix = '';
  let open = '';
  let close = '';
  for (const segment of n.segments) {
    prefix = prefix ? `${prefix}.${segment.name}` : segment.name;
    if (segment.list) {
      const item = `${segment.name}_item`;
      open += `{% for ${item} in ${prefix} %}`;
      close = `{% endfor %}${close}`;
      prefix = item;
    }
  }
  return `${open}{{ ${prefix} }}${close}`;
}

/** The environment inside a For each over `list`: its item under Flow's name for it (`lineItemsForeachitem`). */
export function forEachBodyScope(env: Environment, list: string): Environment {
  const found = env.resolve(list);
  if (!found.ok || !found.type.list) return env;
  return env.with(forEachItemVariable(list), { type: found.type.type, list: false });
}
