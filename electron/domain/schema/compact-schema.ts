/**
 * Turns the Admin API's GraphQL introspection into the compact field model Flow Admin checks
 * paths against (resources/admin-schema.json). Pure: same introspection in, same text out.
 *
 * The rules follow what Flow shows an admin in "Add a variable":
 * - Relay connections are flattened to lists of their node type (`order.lineItems` is `[LineItem]`);
 *   the connection and edge types themselves disappear.
 * - Fields that need an argument cannot be written as a path, so they are dropped, except
 *   {@link KEPT_ARGUMENT_FIELDS}: Flow reaches those through a workflow's `patched_fields`
 *   (an alias with the arguments filled in), which needs their type.
 * - Only output types reachable from QueryRoot are kept; input objects and the mutations'
 *   payload types are not, but the mutation names are (Send Admin API request, offline records).
 */
import { formatTypeRef, type AdminSchemaFile, type AdminSchemaSource, type CompactType, type SchemaTypeKind } from './admin-schema-file.js';

export interface IntrospectionTypeRef {
  readonly kind: string;
  readonly name: string | null;
  readonly ofType: IntrospectionTypeRef | null;
}

export interface IntrospectionField {
  readonly name: string;
  readonly args: readonly { readonly name: string; readonly type: IntrospectionTypeRef; readonly defaultValue: string | null }[];
  readonly type: IntrospectionTypeRef;
  readonly isDeprecated?: boolean;
}

export interface IntrospectionType {
  readonly kind: string;
  readonly name: string;
  readonly fields?: readonly IntrospectionField[] | null;
  readonly enumValues?: readonly { readonly name: string }[] | null;
  readonly possibleTypes?: readonly { readonly name: string }[] | null;
}

export interface IntrospectionSchema {
  readonly queryType: { readonly name: string };
  readonly mutationType?: { readonly name: string } | null;
  readonly types: readonly IntrospectionType[];
}

/** Field names kept although they take a required argument (see the module comment). */
export const KEPT_ARGUMENT_FIELDS: readonly string[] = [
  'metafield', // (namespace, key) on every HasMetafields type: Flow's most common patched field
];

const OUTPUT_KINDS = new Set<string>(['OBJECT', 'INTERFACE', 'UNION', 'ENUM', 'SCALAR']);

interface Unwrapped {
  name: string;
  list: boolean;
  nonNull: boolean;
}

/** NON_NULL / LIST wrappers → the named type, whether it is a list, whether the field itself is non-null. */
function unwrap(ref: IntrospectionTypeRef): Unwrapped {
  const nonNull = ref.kind === 'NON_NULL';
  let list = false;
  let at: IntrospectionTypeRef | null = ref;
  while (at && at.name === null) {
    if (at.kind === 'LIST') list = true;
    at = at.ofType;
  }
  if (!at || at.name === null) throw new Error(`type reference without a named type: ${JSON.stringify(ref)}`);
  return { name: at.name, list, nonNull };
}

function needsArgument(field: IntrospectionField): boolean {
  return field.args.some((arg) => arg.type.kind === 'NON_NULL' && arg.defaultValue === null);
}

/** The introspection read as the compact model (everything but `source` and `apiVersion`). */
export function compactSchema(schema: IntrospectionSchema): Pick<AdminSchemaFile, 'mutations' | 'types'> {
  const byName = new Map(schema.types.map((t) => [t.name, t]));
  const get = (name: string): IntrospectionType => {
    const type = byName.get(name);
    if (!type) throw new Error(`the introspection refers to type ${name} but does not define it`);
    return type;
  };

  // A Relay connection: an object whose `edges` items have a `node`. Its node type stands in for it.
  const nodeOfConnection = new Map<string, string>();
  for (const type of schema.types) {
    if (type.kind !== 'OBJECT' || !type.name.endsWith('Connection')) continue;
    const edges = type.fields?.find((f) => f.name === 'edges');
    const edge = edges && get(unwrap(edges.type).name);
    const node = edge?.fields?.find((f) => f.name === 'node');
    if (node) nodeOfConnection.set(type.name, unwrap(node.type).name);
  }

  const fieldRef = (field: IntrospectionField): Unwrapped => {
    const ref = unwrap(field.type);
    const node = nodeOfConnection.get(ref.name);
    return node === undefined ? ref : { name: node, list: true, nonNull: ref.nonNull };
  };

  const keptFields = (type: IntrospectionType): IntrospectionField[] =>
    (type.fields ?? []).filter((f) => !needsArgument(f) || KEPT_ARGUMENT_FIELDS.includes(f.name));

  // Walk from QueryRoot: every type its fields lead to (whatever their arguments: `order(id:)` is how
  // the API reaches an Order), then along the kept fields and union/interface members.
  const reached = new Set<string>([schema.queryType.name]);
  const queue: string[] = [schema.queryType.name];
  const reach = (name: string): void => {
    if (reached.has(name)) return;
    reached.add(name);
    queue.push(name);
  };
  for (const field of get(schema.queryType.name).fields ?? []) reach(fieldRef(field).name);
  while (queue.length > 0) {
    const type = get(queue.shift()!);
    if (!OUTPUT_KINDS.has(type.kind)) throw new Error(`${type.name} (${type.kind}) is reachable as an output type`);
    for (const field of keptFields(type)) reach(fieldRef(field).name);
    for (const member of memberNames(type, byName)) reach(member);
  }

  const types: Record<string, CompactType> = {};
  for (const name of [...reached].sort(byCodePoint)) {
    types[name] = compactType(get(name), keptFields, fieldRef, (t) => memberNames(t, byName));
  }
  const mutationRoot = schema.mutationType ? get(schema.mutationType.name) : undefined;
  const mutations = (mutationRoot?.fields ?? []).map((f) => f.name).sort(byCodePoint);
  return { mutations, types };
}

function compactType(
  type: IntrospectionType,
  keptFields: (type: IntrospectionType) => IntrospectionField[],
  fieldRef: (field: IntrospectionField) => Unwrapped,
  members: (type: IntrospectionType) => string[],
): CompactType {
  const kind = type.kind as SchemaTypeKind;
  switch (kind) {
    case 'SCALAR':
      return { kind };
    case 'ENUM':
      return { kind, values: (type.enumValues ?? []).map((v) => v.name) };
    case 'UNION':
      return { kind, possibleTypes: members(type) };
    case 'OBJECT':
    case 'INTERFACE': {
      const fields: Record<string, string> = {};
      const deprecated: string[] = [];
      for (const field of keptFields(type)) {
        const ref = fieldRef(field);
        fields[field.name] = formatTypeRef(ref.name, ref.list, ref.nonNull);
        if (field.isDeprecated) deprecated.push(field.name);
      }
      return {
        kind,
        fields,
        ...(deprecated.length > 0 ? { deprecated } : {}),
        ...(kind === 'INTERFACE' ? { possibleTypes: members(type) } : {}),
      };
    }
  }
}

/**
 * Union/interface members the introspection defines. The published file names a few members it
 * leaves out (ExchangeV2 under Node, three private user errors under DisplayableError): not part
 * of the documented API, so not part of ours.
 */
function memberNames(type: IntrospectionType, defined: ReadonlyMap<string, IntrospectionType>): string[] {
  return (type.possibleTypes ?? [])
    .map((t) => t.name)
    .filter((name) => defined.has(name))
    .sort(byCodePoint);
}

/** Locale-independent order, so the file is the same on every machine. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The file's text: one type per line, so a new API version shows as a readable diff.
 * Deterministic: keys in a fixed order, types sorted by name.
 */
export function formatAdminSchemaFile(file: AdminSchemaFile): string {
  const lines = [
    '{',
    `"source": ${JSON.stringify(sourceInOrder(file.source))},`,
    `"apiVersion": ${JSON.stringify(file.apiVersion)},`,
    `"mutations": ${JSON.stringify(file.mutations)},`,
    '"types": {',
  ];
  const names = Object.keys(file.types).sort(byCodePoint);
  names.forEach((name, i) => {
    const comma = i < names.length - 1 ? ',' : '';
    lines.push(`${JSON.stringify(name)}: ${JSON.stringify(typeInOrder(file.types[name]!))}${comma}`);
  });
  lines.push('}', '}', '');
  return lines.join('\n');
}

function sourceInOrder(s: AdminSchemaSource): AdminSchemaSource {
  return { package: s.package, version: s.version, file: s.file, sha256: s.sha256, licence: s.licence };
}

function typeInOrder(t: CompactType): CompactType {
  return {
    kind: t.kind,
    ...(t.fields ? { fields: t.fields } : {}),
    ...(t.deprecated ? { deprecated: t.deprecated } : {}),
    ...(t.values ? { values: t.values } : {}),
    ...(t.possibleTypes ? { possibleTypes: t.possibleTypes } : {}),
  };
}
