import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from '../../../electron/domain/schema/load-admin-schema.js';

const schema = loadAdminSchema();

describe('the Admin API schema as Flow presents it', () => {
  it('describes API version 2026-07 from @shopify/dev-mcp 1.16.0', () => {
    expect(schema.apiVersion).toBe('2026-07');
    expect(schema.source).toMatchObject({ package: '@shopify/dev-mcp', version: '1.16.0', file: 'dist/data/admin_2026-07.json.gz' });
    expect(schema.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('knows an order’s name, customer, line items and total price', () => {
    expect(schema.field('Order', 'name')).toEqual({ name: 'name', type: 'String', list: false, nonNull: true });
    expect(schema.field('Order', 'customer')).toMatchObject({ type: 'Customer', list: false, nonNull: false });
    expect(schema.field('Order', 'lineItems')).toMatchObject({ type: 'LineItem', list: true });
    expect(schema.field('Order', 'totalPriceSet')).toMatchObject({ type: 'MoneyBag', list: false });
    expect(schema.field('MoneyBag', 'shopMoney')).toMatchObject({ type: 'MoneyV2' });
    expect(schema.field('MoneyV2', 'amount')).toMatchObject({ type: 'Decimal' });
    expect(schema.field('Order', 'nme')).toBeUndefined();
  });

  it('keeps deprecated fields that real workflows still use, marked deprecated', () => {
    expect(schema.field('Customer', 'email')).toMatchObject({ type: 'String', deprecated: true });
    expect(schema.field('Order', 'totalPrice')).toMatchObject({ type: 'Money', deprecated: true });
    expect(schema.field('Order', 'name')?.deprecated).toBeUndefined();
  });

  it('lists the values of enums: a product is ACTIVE, ARCHIVED or DRAFT', () => {
    const status = schema.type('ProductStatus');
    expect(status?.kind).toBe('ENUM');
    expect(status?.enumValues).toEqual(expect.arrayContaining(['ACTIVE', 'ARCHIVED', 'DRAFT']));
    expect(schema.field('Product', 'status')).toMatchObject({ type: 'ProductStatus', nonNull: true });
  });

  it('lists the members of unions and interfaces', () => {
    expect(schema.type('Node')?.possibleTypes).toEqual(expect.arrayContaining(['Order', 'Product', 'Customer']));
    expect(schema.type('Node')?.fields?.map((f) => f.name)).toEqual(['id']);
    expect(schema.type('MetafieldReference')?.kind).toBe('UNION');
    expect(schema.type('MetafieldReference')?.possibleTypes).toContain('Product');
  });

  it('flattens Relay connections to lists of their node type, as Flow does', () => {
    expect(schema.field('Product', 'variants')).toMatchObject({ type: 'ProductVariant', list: true });
    expect(schema.field('Customer', 'orders')).toMatchObject({ type: 'Order', list: true });
    expect(schema.field('Order', 'fulfillmentOrders')).toMatchObject({ type: 'FulfillmentOrder', list: true });
    expect(schema.type('LineItemConnection')).toBeUndefined();
    expect(schema.type('LineItemEdge')).toBeUndefined();
    expect(schema.field('Order', 'lineItems')?.type).not.toMatch(/Connection$/);
  });

  it('drops fields that need arguments, but keeps metafield for patched fields', () => {
    expect(schema.field('Product', 'translations')).toBeUndefined(); // translations(locale: String!)
    expect(schema.field('Order', 'metafield')).toMatchObject({ type: 'Metafield' });
    expect(schema.field('Order', 'metafields')).toMatchObject({ type: 'Metafield', list: true });
  });

  it('leaves out input objects and mutation payloads but names the mutations', () => {
    expect(schema.type('OrderInput')).toBeUndefined();
    expect(schema.type('TagsAddPayload')).toBeUndefined();
    expect(schema.type('Mutation')).toBeUndefined();
    expect(schema.mutations()).toEqual(expect.arrayContaining(['tagsAdd', 'tagsRemove', 'metafieldsSet', 'orderUpdate']));
  });

  it('suggests the closest field names for a misspelt one', () => {
    expect(schema.suggest('Order', 'nme')[0]).toBe('name');
    expect(schema.suggest('Customer', 'emial')[0]).toBe('email');
    expect(schema.suggest('Order', 'lineitem')[0]).toBe('lineItems');
    expect(schema.suggest('Order', 'nme', 1)).toEqual(['name']);
    expect(schema.suggest('Order', 'xyzzy')).toEqual([]);
    expect(schema.suggest('NoSuchType', 'name')).toEqual([]);
  });

  it('says how values of each type compare', () => {
    expect(['String', 'URL', 'HTML'].map((t) => schema.valueKind(t))).toEqual(['text', 'text', 'text']);
    expect(['Int', 'Float', 'Decimal', 'Money', 'UnsignedInt64'].map((t) => schema.valueKind(t))).toEqual(Array(5).fill('number'));
    expect(schema.valueKind('DateTime')).toBe('date');
    expect(schema.valueKind('Date')).toBe('date');
    expect(schema.valueKind('ID')).toBe('id');
    expect(schema.valueKind('Boolean')).toBe('boolean');
    expect(schema.valueKind('JSON')).toBe('json');
    expect(schema.valueKind('ProductStatus')).toBe('enum');
    expect(schema.valueKind('Order')).toBe('object');
    expect(schema.valueKind('MetafieldReference')).toBe('object');
    // The value kind of a path's last field: order.totalPriceSet.shopMoney.amount compares as a number.
    expect(schema.valueKind(schema.field('MoneyV2', 'amount')!.type)).toBe('number');
  });

  it('gives every trigger object of Flow’s reference a type', () => {
    for (const name of [
      'Shop',
      'Order',
      'Customer',
      'Product',
      'ProductVariant',
      'DraftOrder',
      'Fulfillment',
      'FulfillmentOrder',
      'Refund',
      'Return',
      'Company',
      'CompanyLocation',
      'SubscriptionContract',
      'SubscriptionBillingAttempt',
      'Collection',
      'Location',
      'InventoryItem',
      'Metaobject',
      'Market',
      'AbandonedCheckout',
      'ShopifyPaymentsDispute',
    ]) {
      expect(schema.type(name)?.kind, name).toBe('OBJECT');
    }
  });
});
