import { forEachItemVariable } from '../environment/workflow-environment';
import type { ConditionExpression, Literal, Step, WorkflowDefinition } from './workflow-definition';

/**
 * Before Flow Admin modelled Flow's data objects, Shopify's own triggers carried flat fields of our own
 * invention (`customer_email`, `total_price`). These are the paths on the Admin API objects Flow really
 * gives (`order.customer.email`, `order.totalPriceSet.shopMoney.amount`), per trigger; values of fields
 * that became enums are spelled as the enum does.
 */
interface LegacyField {
  path: string;
  values?: Readonly<Record<string, string>>;
}

const orderFields: Record<string, LegacyField> = {
  order_id: { path: 'order.id' },
  order_name: { path: 'order.name' },
  total_price: { path: 'order.totalPriceSet.shopMoney.amount' },
  subtotal_price: { path: 'order.subtotalPriceSet.shopMoney.amount' },
  currency: { path: 'order.currencyCode' },
  customer_id: { path: 'order.customer.id' },
  customer_email: { path: 'order.customer.email' },
  tags: { path: 'order.tags' },
  financial_status: {
    path: 'order.displayFinancialStatus',
    values: {
      pending: 'PENDING',
      authorized: 'AUTHORIZED',
      partially_paid: 'PARTIALLY_PAID',
      paid: 'PAID',
      partially_refunded: 'PARTIALLY_REFUNDED',
      refunded: 'REFUNDED',
      voided: 'VOIDED',
    },
  },
  fulfillment_status: {
    path: 'order.displayFulfillmentStatus',
    values: { unfulfilled: 'UNFULFILLED', partial: 'PARTIALLY_FULFILLED', fulfilled: 'FULFILLED', restocked: 'RESTOCKED' },
  },
  line_item_count: { path: 'order.subtotalLineItemsQuantity' },
  note: { path: 'order.note' },
  test: { path: 'order.test' },
  order_status_url: { path: 'order.statusPageUrl' },
  created_at: { path: 'order.createdAt' },
  processed_at: { path: 'order.processedAt' },
  tracking_numbers: { path: 'order.fulfillments' },
  tracking_urls: { path: 'order.fulfillments' },
  fulfilled_at: { path: 'order.closedAt' },
};

const customerFields: Record<string, LegacyField> = {
  customer_id: { path: 'customer.id' },
  customer_email: { path: 'customer.email' },
  first_name: { path: 'customer.firstName' },
  last_name: { path: 'customer.lastName' },
  phone: { path: 'customer.phone' },
  accepts_marketing: { path: 'customer.emailMarketingConsent.marketingState' },
  tags: { path: 'customer.tags' },
  note: { path: 'customer.note' },
  created_at: { path: 'customer.createdAt' },
};

const productFields: Record<string, LegacyField> = {
  product_id: { path: 'product.id' },
  title: { path: 'product.title' },
  product_type: { path: 'product.productType' },
  vendor: { path: 'product.vendor' },
  tags: { path: 'product.tags' },
  status: { path: 'product.status', values: { active: 'ACTIVE', archived: 'ARCHIVED', draft: 'DRAFT' } },
  online_store_url: { path: 'product.onlineStoreUrl' },
  created_at: { path: 'product.createdAt' },
};

const inventoryFields: Record<string, LegacyField> = {
  product_id: { path: 'product.id' },
  variant_id: { path: 'productVariant.id' },
  sku: { path: 'productVariant.sku' },
  inventory_item_id: { path: 'productVariant.inventoryItem.id' },
  available_quantity: { path: 'productVariant.inventoryQuantity' },
  previous_available_quantity: { path: 'inventoryQuantityPrior' },
  updated_at: { path: 'productVariant.updatedAt' },
};

/** By Shopify trigger handle: the flat fields it had and their paths now. */
export const legacyShopifyFields: Readonly<Record<string, Readonly<Record<string, LegacyField>>>> = {
  order_created: orderFields,
  order_paid: orderFields,
  order_fulfilled: orderFields,
  customer_created: customerFields,
  product_created: productFields,
  inventory_quantity_changed: inventoryFields,
  scheduled_time: { scheduled_at: { path: 'scheduledAt' } },
};

/**
 * A definition written with the old flat names, in Flow's paths: conditions, For each lists, and the
 * variables of every Liquid template. A definition on another trigger (a connector's, whose fields are
 * what the app sends) comes back unchanged; so does one already in paths.
 */
export function migrateLegacyFieldPaths(definition: WorkflowDefinition): WorkflowDefinition {
  const trigger = definition.trigger;
  if (!trigger || trigger.task.app !== 'shopify') return definition;
  const fields = legacyShopifyFields[trigger.task.handle];
  if (!fields) return definition;
  return { ...definition, steps: definition.steps.map((step) => migrateStep(step, fields, null)) };
}

/** `item` inside a For each is now the item variable Flow names after its list. */
function migrateStep(step: Step, fields: Readonly<Record<string, LegacyField>>, item: string | null): Step {
  switch (step.kind) {
    case 'action':
      return { ...step, inputs: Object.fromEntries(Object.entries(step.inputs).map(([k, v]) => [k, migrateTemplate(v, fields, item)])) };
    case 'condition':
      return {
        ...step,
        condition: migrateCondition(step.condition, fields, item, false),
        then: step.then.map((s) => migrateStep(s, fields, item)),
        else: step.else.map((s) => migrateStep(s, fields, item)),
      };
    case 'foreach': {
      const list = fields[step.list]?.path ?? step.list;
      return { ...step, list, body: step.body.map((s) => migrateStep(s, fields, forEachItemVariable(list))) };
    }
    default:
      return step;
  }
}

/** Inside a list test, `item` and the item's own keys stay as they are: they are relative to the item. */
function migrateCondition(
  expression: ConditionExpression,
  fields: Readonly<Record<string, LegacyField>>,
  item: string | null,
  inList: boolean,
): ConditionExpression {
  switch (expression.kind) {
    case 'group':
      return { ...expression, items: expression.items.map((e) => migrateCondition(e, fields, item, inList)) };
    case 'list': {
      const field = inList ? expression.field : renamed(expression.field, fields, item);
      return { ...expression, field, item: migrateCondition(expression.item, fields, item, true) };
    }
    case 'compare': {
      if (inList) return expression;
      const legacy = fields[expression.field];
      const field = renamed(expression.field, fields, item);
      return expression.value === undefined
        ? { ...expression, field }
        : { ...expression, field, value: migrateValue(expression.value, legacy) };
    }
  }
}

function renamed(field: string, fields: Readonly<Record<string, LegacyField>>, item: string | null): string {
  if (field === 'item' && item) return item;
  return fields[field]?.path ?? field;
}

function migrateValue(value: Literal, legacy: LegacyField | undefined): Literal {
  const values = legacy?.values;
  if (!values) return value;
  if (typeof value === 'string') return values[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => values[v] ?? v);
  return value;
}

const markup = /({{-?|{%-?)([\s\S]*?)(-?}}|-?%})/g;
const identifier = /(?<![\w.'"])([a-z_][a-z0-9_]*)(?![\w'"])/g;

/** Renames the old flat variables where they are read in Liquid markup; text outside the markup is left alone. */
export function migrateTemplate(template: string, fields: Readonly<Record<string, LegacyField>>, item: string | null): string {
  if (!template.includes('{{') && !template.includes('{%')) return template;
  return template.replace(markup, (_all, open: string, inner: string, close: string) => {
    const renamedInner = inner.replace(identifier, (word: string) => {
      if (word === 'item' && item) return item;
      return fields[word]?.path ?? word;
    });
    return `${open}${renamedInner}${close}`;
  });
}
