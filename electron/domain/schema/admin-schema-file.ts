/**
 * The shape of `resources/admin-schema.json`, the compact Admin API field model written by
 * `npm run catalog:schema` and read by load-admin-schema.ts. Kept apart from both so the
 * generator and the loader agree on one definition.
 *
 * A field's type is written as GraphQL writes it, without the item's own `!`: `String!`,
 * `[LineItem]!`, `Customer` (nullable). Lists of lists do not survive compaction (one field in
 * the whole API has one); they read as a list of the item type.
 */
export type SchemaTypeKind = 'OBJECT' | 'INTERFACE' | 'UNION' | 'ENUM' | 'SCALAR';

export const SCHEMA_TYPE_KINDS: readonly SchemaTypeKind[] = ['OBJECT', 'INTERFACE', 'UNION', 'ENUM', 'SCALAR'];

/** Where the model came from, so a reader can tell which API it describes and re-check it. */
export interface AdminSchemaSource {
  /** npm package and version holding the introspection, e.g. `@shopify/dev-mcp` 1.16.0. */
  readonly package: string;
  readonly version: string;
  /** Path of the introspection inside the package, e.g. `dist/data/admin_2026-07.json.gz`. */
  readonly file: string;
  /** SHA-256 (hex) of that file's bytes as shipped in the package (still gzipped). */
  readonly sha256: string;
  readonly licence: string;
}

export interface CompactType {
  readonly kind: SchemaTypeKind;
  /** OBJECT / INTERFACE: field name → type ref (`String!`, `[LineItem]!`). */
  readonly fields?: Readonly<Record<string, string>>;
  /** Names of `fields` the API marks deprecated: still valid in a path, not to be offered first. */
  readonly deprecated?: readonly string[];
  /** ENUM values. */
  readonly values?: readonly string[];
  /** UNION / INTERFACE members. */
  readonly possibleTypes?: readonly string[];
}

export interface AdminSchemaFile {
  readonly source: AdminSchemaSource;
  readonly apiVersion: string;
  /** Names of the Admin API's mutations (their payload and input types are not kept). */
  readonly mutations: readonly string[];
  /** By type name, sorted by name. */
  readonly types: Readonly<Record<string, CompactType>>;
}

/** `[LineItem]!` → { type: 'LineItem', list: true, nonNull: true }; undefined when malformed. */
export function parseTypeRef(ref: string): { type: string; list: boolean; nonNull: boolean } | undefined {
  const match = /^(\[)?([_A-Za-z][_0-9A-Za-z]*)(\])?(!)?$/.exec(ref);
  if (!match || Boolean(match[1]) !== Boolean(match[3])) return undefined;
  return { type: match[2]!, list: match[1] === '[', nonNull: match[4] === '!' };
}

export function formatTypeRef(type: string, list: boolean, nonNull: boolean): string {
  return `${list ? `[${type}]` : type}${nonNull ? '!' : ''}`;
}
