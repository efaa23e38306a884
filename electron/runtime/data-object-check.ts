import type { DataObject } from '../domain/catalog/catalog-schema';
import type { AdminSchema } from '../domain/schema/admin-schema';
import type { PayloadIssue } from './trigger-payload';

/** Enough to say what is wrong without flooding the answer. */
const MAX_ISSUES = 50;
/** Deeper than any real Admin API answer a trigger carries. */
const MAX_DEPTH = 12;
const DATE = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Checks a Shopify trigger's data object (`order` of Order created) against the Admin API schema, as the
 * Admin API returns JSON: every key must be a field of its type (an unknown one is refused with its path and
 * a "did you mean"), lists are arrays (connections flattened, as Flow gives them), and values are checked
 * leniently by kind: Money and Decimal may be strings or numbers, ids strings or numbers, enums one of their
 * values, dates ISO 8601. null is accepted anywhere (a field the event does not have). Types the schema does
 * not know (the environment's own, such as WorkflowError) are taken as they come.
 */
export function checkDataObject(schema: AdminSchema, object: DataObject, value: unknown, path: string): PayloadIssue[] {
  const issues: PayloadIssue[] = [];
  if (object.list) {
    if (!Array.isArray(value)) return [{ path, message: `must be a list of ${object.type}` }];
    value.forEach((item, i) => checkValue(schema, object.type, item, `${path}[${i}]`, issues, 0));
  } else {
    checkValue(schema, object.type, value, path, issues, 0);
  }
  return issues;
}

function checkValue(schema: AdminSchema, typeName: string, value: unknown, path: string, issues: PayloadIssue[], depth: number): void {
  if (value === null || value === undefined || issues.length >= MAX_ISSUES) return;
  const kind = schema.valueKind(typeName);
  const problem = (message: string) => issues.push({ path, message });
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') problem(`must be text (${typeName})`);
      return;
    case 'number':
      if (!(typeof value === 'number' && Number.isFinite(value)) && !(typeof value === 'string' && NUMBER.test(value.trim())))
        problem(`must be a number (${typeName})`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problem(`must be true or false (${typeName})`);
      return;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value)))
        problem(`must be a date (${typeName}, ISO 8601)`);
      return;
    case 'id':
      if (typeof value !== 'string' && typeof value !== 'number') problem(`must be an id (${typeName})`);
      return;
    case 'enum': {
      const values = schema.type(typeName)?.enumValues ?? [];
      if (typeof value !== 'string' || !values.includes(value))
        problem(`must be one of ${typeName}: ${values.slice(0, 8).join(', ')}${values.length > 8 ? ', …' : ''}`);
      return;
    }
    case 'json':
      return;
    case 'object':
      checkObject(schema, typeName, value, path, issues, depth);
  }
}

function checkObject(schema: AdminSchema, typeName: string, value: unknown, path: string, issues: PayloadIssue[], depth: number): void {
  const type = schema.type(typeName);
  if (!type) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ path, message: `must be an object (${typeName})` });
    return;
  }
  if (depth >= MAX_DEPTH) return;
  const record = value as Record<string, unknown>;
  // An interface or union is read as the type its __typename names (else as the interface's own fields).
  let concrete = typeName;
  const typename = record.__typename;
  if (typeof typename === 'string' && type.possibleTypes?.includes(typename)) concrete = typename;
  else if (type.kind === 'UNION') return;
  for (const [key, fieldValue] of Object.entries(record)) {
    if (issues.length >= MAX_ISSUES) return;
    if (key === '__typename') continue;
    const field = schema.field(concrete, key);
    if (!field) {
      const near = schema.suggest(concrete, key);
      issues.push({
        path: `${path}.${key}`,
        message: `not a field of ${concrete}${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`,
      });
      continue;
    }
    if (fieldValue === null || fieldValue === undefined) continue;
    if (field.list) {
      if (!Array.isArray(fieldValue)) {
        issues.push({
          path: `${path}.${key}`,
          message: `must be a list of ${field.type} (connections are given as arrays of their nodes)`,
        });
        continue;
      }
      fieldValue.forEach((item, i) => checkValue(schema, field.type, item, `${path}.${key}[${i}]`, issues, depth + 1));
    } else {
      checkValue(schema, field.type, fieldValue, `${path}.${key}`, issues, depth + 1);
    }
  }
}
