import type { ActionField, FieldType } from '../catalog/catalog-schema';

/** What is wrong with a literal value, in words the message can use. */
export interface ValueMismatch {
  code: 'wrong_type' | 'wrong_format';
  /** What the value should be, e.g. "a whole number". */
  expected: string;
}

const integer = /^[+-]?\d+$/;
const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
const e164 = /^\+[1-9]\d{1,14}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** References are sent as ids: the number, or Shopify's global id of that kind of resource. */
const reference = {
  customer_reference: /^(\d+|gid:\/\/shopify\/Customer\/\d+)$/,
  order_reference: /^(\d+|gid:\/\/shopify\/Order\/\d+)$/,
  product_reference: /^(\d+|gid:\/\/shopify\/Product\/\d+)$/,
};

export const typeExpectation: Record<FieldType, string> = {
  boolean: 'true or false',
  email: 'an email address',
  single_line_text_field: 'text',
  multi_line_text_field: 'text',
  number_integer: 'a whole number',
  number_decimal: 'a number',
  url: 'a web address (http or https)',
  date_time: 'a date and time (ISO 8601, e.g. 2024-05-17T09:00:00Z)',
  customer_reference: 'a customer id (e.g. 123 or gid://shopify/Customer/123)',
  order_reference: 'an order id (e.g. 123 or gid://shopify/Order/123)',
  product_reference: 'a product id (e.g. 123 or gid://shopify/Product/123)',
  object_reference: 'an Admin API id (e.g. gid://shopify/Order/123)',
  tag_list: 'a list of tags (e.g. ["vip", "wholesale"] or vip, wholesale)',
  json: 'JSON',
  javascript: 'JavaScript',
  graphql: 'a GraphQL query',
  search_query: 'a search query',
  http_headers: 'a list of header pairs (e.g. [["Accept", "application/json"]])',
};

/** Whether a literal (not a template) string is a value of the type; text types take anything. */
export function fitsType(type: FieldType, value: string): boolean {
  switch (type) {
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'email':
      return email.test(value);
    case 'number_integer':
      return integer.test(value);
    case 'number_decimal':
      return decimal.test(value);
    case 'url':
      return isWebUrl(value);
    case 'date_time':
      return isDateTime(value);
    case 'customer_reference':
    case 'order_reference':
    case 'product_reference':
      return reference[type].test(value);
    case 'object_reference':
      return /^(\d+|gid:\/\/shopify\/[A-Za-z]+\/\d+)$/.test(value);
    case 'json':
      return isJson(value);
    case 'http_headers':
      return isHeaderPairs(value);
    case 'single_line_text_field':
    case 'multi_line_text_field':
    case 'tag_list':
    case 'javascript':
    case 'graphql':
    case 'search_query':
      return true;
  }
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

function isHeaderPairs(value: string): boolean {
  try {
    const pairs: unknown = JSON.parse(value);
    return Array.isArray(pairs) && pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'));
  } catch {
    return false;
  }
}

export function isDateTime(value: string): boolean {
  return isoDate.test(value) && !Number.isNaN(Date.parse(value));
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Checks a literal action input against its field: type, then format, then choices. */
export function checkActionValue(field: ActionField, value: string): ValueMismatch | null {
  if (!fitsType(field.type, value)) return { code: 'wrong_type', expected: typeExpectation[field.type] };
  // An Order field given a Customer's global id would act on the wrong object.
  if (
    field.type === 'object_reference' &&
    field.objectType &&
    value.startsWith('gid://') &&
    !value.startsWith(`gid://shopify/${field.objectType}/`)
  ) {
    return { code: 'wrong_type', expected: `an id of a ${field.objectType} (e.g. gid://shopify/${field.objectType}/123)` };
  }
  if (field.format === 'e164' && !e164.test(value)) {
    return { code: 'wrong_format', expected: 'a phone number in E.164 format (e.g. +4791234567)' };
  }
  if (field.choices && !field.choices.includes(value)) {
    return { code: 'wrong_format', expected: `one of ${field.choices.join(', ')}` };
  }
  return null;
}
