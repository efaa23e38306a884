import type { CatalogTrigger, DataObject, FieldType, PayloadField } from '../domain/catalog/catalog-schema';

/** Apps may send at most this much data with one trigger, as Flow allows. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

const ISO_DATE_TIME = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Check = (value: unknown) => string | null;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** One value of a field type: null when it fits, else what it must be. */
function scalarCheck(type: FieldType): Check {
  switch (type) {
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? null : 'must be true or false');
    case 'email':
      return (v) => (typeof v === 'string' && EMAIL.test(v) ? null : 'must be an email address');
    case 'single_line_text_field':
    case 'multi_line_text_field':
    case 'tag_list':
    case 'json':
    case 'javascript':
    case 'graphql':
    case 'search_query':
    case 'http_headers':
      return (v) => (typeof v === 'string' ? null : 'must be text');
    case 'number_integer':
      return (v) =>
        (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && INTEGER.test(v)) ? null : 'must be a whole number';
    case 'number_decimal':
      return (v) =>
        (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && DECIMAL.test(v)) ? null : 'must be a number';
    case 'url':
      return (v) => (typeof v === 'string' && /^https?:\/\//i.test(v) && URL.canParse(v) ? null : 'must be an http(s) URL');
    case 'date_time':
      return (v) =>
        typeof v === 'string' && ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'must be a date and time (ISO 8601)';
    case 'customer_reference':
    case 'order_reference':
    case 'product_reference':
    case 'object_reference':
      return (v) =>
        (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isInteger(v) && v >= 0)
          ? null
          : 'must be an id (text or a whole number)';
  }
}

function fieldCheck(field: PayloadField): Check {
  const base = scalarCheck(field.type);
  const choices = field.choices;
  const one: Check = choices ? (v) => base(v) ?? (choices.includes(String(v)) ? null : `must be one of: ${choices.join(', ')}`) : base;
  return one;
}

const checks = new WeakMap<CatalogTrigger, Map<string, { field: PayloadField; check: Check }>>();

/**
 * The trigger's data as the app may send it: only the trigger's fields, each of its type (a list field a
 * list of them); any may be left out or null. Written out by hand rather than with a schema library: it
 * runs for every event, and this is five times cheaper.
 */
function checksOf(trigger: CatalogTrigger) {
  let map = checks.get(trigger);
  if (!map) {
    map = new Map(trigger.fields.map((field) => [field.key, { field, check: fieldCheck(field) }]));
    checks.set(trigger, map);
  }
  return map;
}

export interface PayloadIssue {
  path: string;
  message: string;
}

export type PayloadCheck = { ok: true; payload: Record<string, unknown> } | { ok: false; issues: PayloadIssue[] };

/**
 * Checks a data object of a Shopify trigger (`order` of Order created) against the Admin API schema; the
 * issues' paths start at `payload.<variable>`.
 */
export type DataObjectCheck = (object: DataObject, value: unknown, path: string) => PayloadIssue[];

/**
 * A trigger event's payload: a connector trigger's flat fields, and a Shopify trigger's data objects keyed
 * by variable (`{ "order": { "id": "gid://shopify/Order/1", … } }`, DATA-MODEL §4), each an object (a list
 * of them for a list object) checked by `checkObject` when given (the Admin schema).
 */
export function checkPayload(trigger: CatalogTrigger, payload: unknown, checkObject?: DataObjectCheck): PayloadCheck {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, issues: [{ path: 'payload', message: 'must be an object' }] };
  }
  const fields = checksOf(trigger);
  const issues: PayloadIssue[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(payload)) {
    const known = fields.get(key);
    const object = known ? undefined : trigger.provides.find((p) => p.variable === key);
    if (object) {
      if (value === null || value === undefined) continue;
      issues.push(...objectIssues(object, value, `payload.${key}`, checkObject));
      continue;
    }
    if (!known) {
      unknown.push(key);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (known.field.list) {
      if (!Array.isArray(value)) {
        issues.push({ path: `payload.${key}`, message: 'must be a list' });
        continue;
      }
      value.forEach((item, i) => {
        const problem = known.check(item);
        if (problem) issues.push({ path: `payload.${key}[${i}]`, message: problem });
      });
    } else {
      const problem = known.check(value);
      if (problem) issues.push({ path: `payload.${key}`, message: problem });
    }
  }
  if (unknown.length > 0) issues.push({ path: 'payload', message: `not a field of this trigger: ${unknown.join(', ')}` });
  return issues.length === 0 ? { ok: true, payload: payload as Record<string, unknown> } : { ok: false, issues };
}

function objectIssues(object: DataObject, value: unknown, path: string, checkObject: DataObjectCheck | undefined): PayloadIssue[] {
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const scalarTypes = new Set([
    'String',
    'Int',
    'Float',
    'Decimal',
    'Money',
    'Boolean',
    'DateTime',
    'Date',
    'ID',
    'URL',
    'JSON',
    'UnsignedInt64',
  ]);
  if (scalarTypes.has(object.type) || (!object.list && typeof value === 'string' && checkObject)) {
    // A scalar or an enum the trigger gives (inventoryQuantityPrior: Int, scheduledAt: DateTime, oldStatus: ProductStatus).
    return checkObject ? checkObject(object, value, path) : [];
  }
  if (object.list) {
    if (!Array.isArray(value)) return [{ path, message: `must be a list of ${object.type} objects` }];
    const bad = value.findIndex((v) => !isObject(v));
    if (bad >= 0) return [{ path: `${path}[${bad}]`, message: `must be an object (${object.type})` }];
  } else if (!isObject(value)) {
    return [{ path, message: `must be an object (${object.type}), as the Admin API returns it` }];
  }
  return checkObject ? checkObject(object, value, path) : [];
}

/** An example event for "send test event": every field of the trigger filled with a plausible value. */
export function samplePayload(trigger: CatalogTrigger, now: Date): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of trigger.fields) {
    const one = field.choices?.[0] ?? sampleValue(field, now);
    payload[field.key] = field.list ? [one] : one;
  }
  return payload;
}

function sampleValue(field: PayloadField, now: Date): unknown {
  switch (field.type) {
    case 'boolean':
      return false;
    case 'email':
      return 'customer@example.com';
    case 'single_line_text_field':
      return field.key === 'tags' || field.key.endsWith('_tags') ? 'sample' : `Sample ${field.name.en.toLowerCase()}`;
    case 'multi_line_text_field':
      return `Sample ${field.name.en.toLowerCase()}`;
    case 'number_integer':
      return 1;
    case 'number_decimal':
      return 19.99;
    case 'url':
      return 'https://example.com/';
    case 'date_time':
      return now.toISOString();
    case 'customer_reference':
      return 'gid://shopify/Customer/1001';
    case 'order_reference':
      return 'gid://shopify/Order/1001';
    case 'product_reference':
      return 'gid://shopify/Product/1001';
  }
}
