import { nearNames } from './near-names';
import type { AdminSchema, SchemaField, SchemaType, ValueKind } from '../schema/admin-schema';

/** A value in a workflow's environment: a GraphQL type (`Order`, `String`, `ProductStatus`), or a list of it. */
export interface DataType {
  readonly type: string;
  readonly list: boolean;
  /** A connector trigger's field with a fixed set of values (a status the app sends). */
  readonly choices?: readonly string[];
}

/** A type whose paths are not known in advance (Run code's output): every path below it is accepted. */
export const OPEN_TYPE = 'RunCodeOutput';

/**
 * Types Flow gives workflows that are not in the Admin API: a Send HTTP request's response, a Run code
 * step's output (typed by the admin's own output schema, so any path is accepted), and the failed
 * workflow of "Workflow error occurred".
 */
const flowTypes: readonly SchemaType[] = [
  {
    name: 'HttpResponse',
    kind: 'OBJECT',
    fields: [
      { name: 'statusCode', type: 'Int', list: false, nonNull: true },
      { name: 'body', type: 'String', list: false, nonNull: false },
      { name: 'headers', type: 'HttpHeader', list: true, nonNull: true },
    ],
  },
  {
    name: 'HttpHeader',
    kind: 'OBJECT',
    fields: [
      { name: 'name', type: 'String', list: false, nonNull: true },
      { name: 'value', type: 'String', list: false, nonNull: true },
    ],
  },
  {
    name: 'WorkflowError',
    kind: 'OBJECT',
    fields: [
      { name: 'workflowId', type: 'ID', list: false, nonNull: true },
      { name: 'workflowName', type: 'String', list: false, nonNull: true },
      { name: 'workflowVersion', type: 'Int', list: false, nonNull: true },
      { name: 'runId', type: 'ID', list: false, nonNull: true },
      { name: 'stepId', type: 'ID', list: false, nonNull: false },
      { name: 'errorMessage', type: 'String', list: false, nonNull: false },
      { name: 'occurredAt', type: 'DateTime', list: false, nonNull: true },
    ],
  },
  { name: 'RunCodeOutput', kind: 'SCALAR' },
];

const flowTypeByName = new Map(flowTypes.map((t) => [t.name, t]));

/**
 * The Admin API schema with Flow's own types on top. Environments and path checks see one schema; the
 * generated Admin schema stays exactly what Shopify publishes.
 */
export function withFlowTypes(schema: AdminSchema): AdminSchema {
  const known = overlays.get(schema);
  if (known) return known;
  const overlay: AdminSchema = {
    apiVersion: schema.apiVersion,
    source: schema.source,
    type: (name) => flowTypeByName.get(name) ?? schema.type(name),
    field: (typeName, fieldName) => {
      const own = flowTypeByName.get(typeName);
      return own ? own.fields?.find((f) => f.name === fieldName) : schema.field(typeName, fieldName);
    },
    suggest: (typeName, name, max) => {
      const own = flowTypeByName.get(typeName);
      if (!own) return schema.suggest(typeName, name, max);
      return nearNames(
        name,
        (own.fields ?? []).map((f) => f.name),
        max ?? 3,
      );
    },
    valueKind: (typeName) => (typeName === OPEN_TYPE ? 'json' : flowTypeByName.has(typeName) ? 'object' : schema.valueKind(typeName)),
    mutations: () => schema.mutations(),
  };
  overlays.set(schema, overlay);
  return overlay;
}
const overlays = new WeakMap<AdminSchema, AdminSchema>();

export type { AdminSchema, SchemaField, SchemaType, ValueKind };
