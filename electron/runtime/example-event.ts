import type { CatalogTrigger, DataObject } from '../domain/catalog/catalog-schema';
import type { AdminSchema, SchemaField } from '../domain/schema/admin-schema';
import { samplePayload } from './trigger-payload';

/** How far objects are filled: `order.customer.email` yes, `order.customer.defaultAddress` no; money amounts always. */
const MAX_OBJECT_DEPTH = 2;
/** Small value objects filled wherever they are: `order.totalPriceSet.shopMoney.amount`. */
const VALUE_OBJECTS = new Set(['MoneyBag', 'MoneyV2']);
/** Lists are filled (2 items) near the top only: `order.lineItems` yes, `order.lineItems[0].discountAllocations` no. */
const MAX_LIST_DEPTH = 1;
const LIST_ITEMS = 2;

interface Context {
  readonly schema: AdminSchema;
  readonly now: Date;
  /** Ids handed out so far per type, so each object has its own. */
  readonly ids: Map<string, number>;
  /** Types being filled on the current path: a type inside itself is not filled again. */
  readonly path: string[];
  listDepth: number;
}

/** Plausible text for a String field by its name, as a store would have it. */
function textFor(owner: string, field: string, n: number): string {
  const f = field.toLowerCase();
  if (f === 'email' || f.endsWith('email')) return n === 1 ? 'kari.nordmann@example.com' : `customer${n}@example.com`;
  if (f === 'phone' || f.endsWith('phone')) return '+4791234567';
  if (f === 'name' && (owner === 'Order' || owner === 'DraftOrder')) return `#${1000 + n}`;
  if (f === 'firstname') return 'Kari';
  if (f === 'lastname') return 'Nordmann';
  if (f === 'displayname' || f === 'name') return owner === 'Customer' ? 'Kari Nordmann' : `Example ${spaced(owner).toLowerCase()} ${n}`;
  if (f === 'title') return `Example ${spaced(owner).toLowerCase()} ${n}`;
  if (f === 'sku') return `SKU-${1000 + n}`;
  if (f === 'handle') return `example-${spaced(owner).toLowerCase().replace(/ /g, '-')}-${n}`;
  if (f === 'note') return 'Please gift wrap';
  if (f === 'address1') return 'Karl Johans gate 1';
  if (f === 'city') return 'Oslo';
  if (f === 'zip') return '0154';
  if (f === 'country') return 'Norway';
  if (f === 'countrycodev2' || f === 'countrycode') return 'NO';
  if (f === 'company') return 'Nordic Goods AS';
  if (f === 'vendor') return 'Nordic Goods';
  if (f === 'producttype') return 'Mugs';
  if (f.includes('url')) return 'https://example.com/';
  return `Example ${spaced(field).toLowerCase()}`;
}

function spaced(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

function nextId(ctx: Context, type: string): number {
  const n = (ctx.ids.get(type) ?? 0) + 1;
  ctx.ids.set(type, n);
  return n;
}

function scalar(ctx: Context, owner: string, field: SchemaField, n: number): unknown {
  const type = field.type;
  switch (ctx.schema.valueKind(type)) {
    case 'id':
      return `gid://shopify/${owner}/${1000 + n}`;
    case 'boolean':
      return false;
    case 'date':
      return type === 'Date' ? ctx.now.toISOString().slice(0, 10) : ctx.now.toISOString();
    case 'number':
      // The Admin API sends Money and Decimal as strings ("19.99").
      if (type === 'Money' || type === 'Decimal') return field.name.toLowerCase().includes('rate') ? '0.25' : '19.99';
      return type === 'Float' ? 1.5 : 1;
    case 'enum':
      return ctx.schema.type(type)?.enumValues?.[0] ?? null;
    case 'json':
      return {};
    case 'text':
      if (type === 'URL') return 'https://example.com/';
      if (type === 'HTML') return '<p>Example</p>';
      if (field.name === 'tags') return ['vip', 'wholesale'];
      return textFor(owner, field.name, n);
    default:
      return null;
  }
}

/** An object of `typeName` with its fields filled, within the depth limits; null when it is not to be filled here. */
function objectOf(ctx: Context, typeName: string): Record<string, unknown> | null {
  const type = ctx.schema.type(typeName);
  if (!type) return {};
  if (type.kind === 'UNION' || type.kind === 'INTERFACE') {
    // The first concrete type stands for the union, named as the Admin API names it.
    const first = type.possibleTypes?.[0];
    if (!first) return null;
    const made = objectOf(ctx, first);
    return made === null ? null : { __typename: first, ...made };
  }
  if ((ctx.path.length >= MAX_OBJECT_DEPTH && !VALUE_OBJECTS.has(typeName)) || ctx.path.includes(typeName)) return null;
  const n = nextId(ctx, typeName);
  const out: Record<string, unknown> = {};
  ctx.path.push(typeName);
  for (const field of type.fields ?? []) {
    const kind = ctx.schema.valueKind(field.type);
    // Deprecated values stay: workflows still read them (`customer.email`, `order.totalPrice` in real
    // exports, the paths old flat fields became). Deprecated objects are left out to keep the example small.
    if (field.deprecated && kind === 'object') continue;
    if (kind !== 'object') {
      const value = scalar(ctx, typeName, field, n);
      if (field.name === 'tags') out[field.name] = value;
      else out[field.name] = field.list ? [value, scalar(ctx, typeName, field, n + 1)] : value;
      continue;
    }
    if (field.list) {
      if (ctx.listDepth >= MAX_LIST_DEPTH) continue;
      ctx.listDepth++;
      const items: unknown[] = [];
      for (let i = 0; i < LIST_ITEMS; i++) {
        const item = objectOf(ctx, field.type);
        if (item !== null && Object.keys(item).length > 0) items.push(item);
      }
      ctx.listDepth--;
      if (items.length > 0) out[field.name] = items;
    } else {
      const value = objectOf(ctx, field.type);
      if (value !== null && Object.keys(value).length > 0) out[field.name] = value;
    }
  }
  ctx.path.pop();
  return out;
}

function exampleObject(ctx: Context, object: DataObject): unknown {
  if (ctx.schema.valueKind(object.type) !== 'object') {
    const value = scalar(ctx, 'Shop', { name: object.variable, type: object.type, list: false, nonNull: false }, 1);
    return object.list && !Array.isArray(value)
      ? [value, scalar(ctx, 'Shop', { name: object.variable, type: object.type, list: false, nonNull: false }, 2)]
      : value;
  }
  if (!object.list) return objectOf(ctx, object.type) ?? {};
  return Array.from({ length: LIST_ITEMS }, () => objectOf(ctx, object.type) ?? {});
}

/**
 * Pure: a realistic example event for any trigger, for the Test panel to edit and send. A Shopify trigger's
 * data objects are filled from the Admin API schema (gid ids, order names like #1001, emails, money amounts
 * as the API writes them, enums' first values, lists of 2, objects 3 levels deep); a connector trigger's
 * flat fields as before. What it gives passes the intake's own check.
 */
export function exampleEvent(trigger: CatalogTrigger, schema: AdminSchema, now: Date): Record<string, unknown> {
  const payload = samplePayload(trigger, now);
  const ctx: Context = { schema, now, ids: new Map(), path: [], listDepth: 0 };
  for (const object of trigger.provides) payload[object.variable] = exampleObject(ctx, object);
  return payload;
}
