/**
 * The Shopify Admin API's types as Flow presents them to a workflow: what `order.customer.email`
 * is, which values `product.status` takes, how a value compares. Built over the compact file
 * (resources/admin-schema.json, see compact-schema.ts); load it with loadAdminSchema().
 *
 * Types are materialised on first use: a workflow touches a handful of the ~1,300 types, so
 * loading stays at reading and checking the file.
 */
import { parseTypeRef, type AdminSchemaFile, type AdminSchemaSource, type CompactType, type SchemaTypeKind } from './admin-schema-file.js';
import { closestNames } from './closest-names.js';

export type { AdminSchemaSource, SchemaTypeKind } from './admin-schema-file.js';

export interface SchemaField {
  readonly name: string;
  /** The named type, lists unwrapped: `LineItem` for `order.lineItems`. */
  readonly type: string;
  readonly list: boolean;
  readonly nonNull: boolean;
  /** The API marks it deprecated: valid in a path, not to be offered first (e.g. `customer.email`). */
  readonly deprecated?: boolean;
}

export interface SchemaType {
  readonly name: string;
  readonly kind: SchemaTypeKind;
  readonly fields?: readonly SchemaField[]; // OBJECT / INTERFACE
  readonly enumValues?: readonly string[]; // ENUM
  readonly possibleTypes?: readonly string[]; // UNION / INTERFACE
}

export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'id' | 'enum' | 'json' | 'object';

export interface AdminSchema {
  readonly apiVersion: string;
  /** Package, version, file and sha256 the model was generated from. */
  readonly source: AdminSchemaSource;
  type(name: string): SchemaType | undefined;
  field(typeName: string, fieldName: string): SchemaField | undefined;
  /** Field names of the type closest to `name` (edit distance / prefix), best first: "did you mean". */
  suggest(typeName: string, name: string, max?: number): string[];
  /** How a value of this named type compares: String/URL/HTML → text, Int/Float/Decimal/Money/UnsignedInt64 → number,
   *  DateTime/Date → date, ID → id, Boolean → boolean, enums → enum, JSON → json, objects → object. */
  valueKind(typeName: string): ValueKind;
  /** Names of the Admin API's mutations (`tagsAdd`, `orderUpdate`, …), sorted. */
  mutations(): readonly string[];
}

/**
 * Scalars by how their values compare. Shopify's own scalars serialise as strings or numbers:
 * Money and Decimal are decimal strings compared as numbers, UnsignedInt64 and BigInt too.
 * A scalar not listed here (a new one in a later API version) compares as text.
 */
const SCALAR_KINDS: Readonly<Record<string, ValueKind>> = {
  String: 'text',
  URL: 'text',
  HTML: 'text',
  FormattedString: 'text',
  Color: 'text',
  ARN: 'text',
  UtcOffset: 'text',
  Int: 'number',
  Float: 'number',
  Decimal: 'number',
  Money: 'number',
  UnsignedInt64: 'number',
  BigInt: 'number',
  DateTime: 'date',
  Date: 'date',
  ID: 'id',
  StorefrontID: 'id',
  Boolean: 'boolean',
  JSON: 'json',
};

interface Materialised {
  readonly type: SchemaType;
  readonly byName: ReadonlyMap<string, SchemaField>;
  readonly deprecated: ReadonlySet<string>;
}

/** An AdminSchema over a checked file (see load-admin-schema.ts, which checks it). */
export function createAdminSchema(file: AdminSchemaFile): AdminSchema {
  const materialised = new Map<string, Materialised>();
  const lookup = (name: string): Materialised | undefined => {
    let done = materialised.get(name);
    if (done === undefined) {
      if (!Object.hasOwn(file.types, name)) return undefined;
      done = materialise(name, file.types[name]!);
      materialised.set(name, done);
    }
    return done;
  };

  return {
    apiVersion: file.apiVersion,
    source: file.source,
    type: (name) => lookup(name)?.type,
    field: (typeName, fieldName) => lookup(typeName)?.byName.get(fieldName),
    suggest(typeName, name, max = 3) {
      const found = lookup(typeName);
      if (!found) return [];
      return closestNames(found.byName.keys(), name, { max, demoted: found.deprecated });
    },
    valueKind(typeName) {
      const scalar = SCALAR_KINDS[typeName];
      if (scalar !== undefined && Object.hasOwn(SCALAR_KINDS, typeName)) return scalar;
      const kind = Object.hasOwn(file.types, typeName) ? file.types[typeName]!.kind : undefined;
      if (kind === 'ENUM') return 'enum';
      if (kind === 'SCALAR') return 'text';
      // OBJECT / INTERFACE / UNION, and types this schema does not define (the workflow
      // environment's own, such as HttpResponse), are objects: walked into, not compared.
      return 'object';
    },
    mutations: () => file.mutations,
  };
}

function materialise(name: string, compact: CompactType): Materialised {
  const deprecated = new Set(compact.deprecated ?? []);
  const byName = new Map<string, SchemaField>();
  if (compact.fields) {
    for (const [fieldName, ref] of Object.entries(compact.fields)) {
      const parsed = parseTypeRef(ref)!; // checked when the file was loaded
      byName.set(fieldName, {
        name: fieldName,
        type: parsed.type,
        list: parsed.list,
        nonNull: parsed.nonNull,
        ...(deprecated.has(fieldName) ? { deprecated: true } : {}),
      });
    }
  }
  const type: SchemaType = {
    name,
    kind: compact.kind,
    ...(compact.fields ? { fields: [...byName.values()] } : {}),
    ...(compact.values ? { enumValues: compact.values } : {}),
    ...(compact.possibleTypes ? { possibleTypes: compact.possibleTypes } : {}),
  };
  return { type, byName, deprecated };
}
