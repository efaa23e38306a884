import { nearNames } from './near-names';
import { OPEN_TYPE, type AdminSchema, type DataType, type ValueKind } from './data-type';

/** What a path on the workflow's data is, or where and why it is not one. */
export type PathResolution =
  | { readonly ok: true; readonly path: string; readonly type: DataType; readonly kind: ValueKind; readonly enumValues?: readonly string[] }
  | {
      readonly ok: false;
      readonly path: string;
      /** unknown_variable: the first segment names no data; unknown_field: a later one is not a field of its parent. */
      readonly problem: 'unknown_variable' | 'unknown_field' | 'not_an_object' | 'list_in_path';
      /** Index of the segment that fails. */
      readonly index: number;
      readonly segment: string;
      /** The type the failing segment was looked up on (`Order`), when there is one. */
      readonly parentType?: string;
      /** Close names: "did you mean". */
      readonly suggestions: readonly string[];
    };

/** How a path may step into a list: Liquid's `first`, `last`, an index; `size` is its length. */
export type ListStep = 'liquid' | 'none';

const LIQUID_LIST_ITEM = new Set(['first', 'last']);

/**
 * Resolves `segments` (`['order', 'customer', 'email']`) against the variables in scope and the schema.
 * Conditions never step into a list on a path (they use any / all / none of); Liquid may, with `first`,
 * `last`, `[0]` or `size`.
 */
export function resolvePath(
  variables: ReadonlyMap<string, DataType>,
  schema: AdminSchema,
  segments: readonly (string | number)[],
  listStep: ListStep,
): PathResolution {
  const path = segments.join('.');
  const root = String(segments[0] ?? '');
  let current = variables.get(root);
  if (!current) {
    return { ok: false, path, problem: 'unknown_variable', index: 0, segment: root, suggestions: nearNames(root, variables.keys()) };
  }
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    if (current.type === OPEN_TYPE) return { ok: true, path, type: { type: OPEN_TYPE, list: false }, kind: 'json' };
    if (current.list) {
      if (listStep === 'liquid' && (typeof segment === 'number' || LIQUID_LIST_ITEM.has(segment) || /^\d+$/.test(segment))) {
        current = { type: current.type, list: false };
        continue;
      }
      if (listStep === 'liquid' && segment === 'size') {
        current = { type: 'Int', list: false };
        continue;
      }
      return { ok: false, path, problem: 'list_in_path', index: i, segment: String(segment), parentType: current.type, suggestions: [] };
    }
    const parent = schema.type(current.type);
    const name = String(segment);
    if (!parent || (parent.kind !== 'OBJECT' && parent.kind !== 'INTERFACE' && parent.kind !== 'UNION')) {
      if (listStep === 'liquid' && name === 'size') {
        current = { type: 'Int', list: false };
        continue;
      }
      return { ok: false, path, problem: 'not_an_object', index: i, segment: name, parentType: current.type, suggestions: [] };
    }
    const field = fieldOf(schema, parent.name, name);
    if (!field) {
      return {
        ok: false,
        path,
        problem: 'unknown_field',
        index: i,
        segment: name,
        parentType: parent.name,
        suggestions: schema.suggest(parent.name, name, 3),
      };
    }
    current = field;
  }
  const kind = current.type === OPEN_TYPE ? 'json' : schema.valueKind(current.type);
  const named = schema.type(current.type);
  return named?.kind === 'ENUM' && named.enumValues
    ? { ok: true, path, type: current, kind, enumValues: named.enumValues }
    : { ok: true, path, type: current, kind };
}

/** A field of an object or interface; on a union, the field of whichever member has it. */
function fieldOf(schema: AdminSchema, typeName: string, name: string): DataType | undefined {
  const direct = schema.field(typeName, name);
  if (direct) return direct;
  if (name === '__typename') return { type: 'String', list: false };
  for (const member of schema.type(typeName)?.possibleTypes ?? []) {
    const found = schema.field(member, name);
    if (found) return found;
  }
  return undefined;
}
