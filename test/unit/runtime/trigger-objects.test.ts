import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { loadAdminSchema } from '../../../electron/domain/schema/load-admin-schema';
import { exampleEvent } from '../../../electron/runtime/example-event';
import { checkDataObject } from '../../../electron/runtime/data-object-check';
import { checkPayload } from '../../../electron/runtime/trigger-payload';
import { call, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { openRuntimeApp, orgWithStore, type Org } from './fixture';

const tempDir = useTempDir();
const catalog = loadCatalog();
const schema = loadAdminSchema();
const check = (handle: string, payload: unknown) =>
  checkPayload(catalog.trigger('shopify', handle)!, payload, (o, v, p) => checkDataObject(schema, o, v, p));

describe("Shopify triggers' events carry their Admin API objects", () => {
  it('an order as the Admin API returns it (connections as arrays, money as strings) is accepted', () => {
    const order = {
      id: 'gid://shopify/Order/1001',
      name: '#1001',
      email: 'kari@example.com',
      createdAt: '2026-12-02T10:00:00Z',
      displayFinancialStatus: 'PAID',
      tags: ['vip'],
      totalPriceSet: { shopMoney: { amount: '250.00', currencyCode: 'NOK' } },
      customer: { id: 'gid://shopify/Customer/7', firstName: 'Kari', numberOfOrders: '3' },
      lineItems: [{ sku: 'MUG-1', quantity: 2, product: { id: 'gid://shopify/Product/5', status: 'ACTIVE' } }],
    };
    expect(check('order_created', { order })).toEqual({ ok: true, payload: { order } });
  });

  it('an unknown field is refused with its path and a did-you-mean; wrong kinds of values are named', () => {
    const result = check('order_created', {
      order: {
        nme: '#1001',
        lineItems: [{ sku: 'A', quantity: 'two' }],
        displayFinancialStatus: 'SETTLED',
        customer: 'kari',
        totalPriceSet: { shopMoney: { amount: 'lots' } },
        createdAt: 'yesterday',
      },
    });
    expect(result.ok).toBe(false);
    const issues = !result.ok ? result.issues : [];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'payload.order.nme', message: expect.stringMatching(/^not a field of Order \(did you mean name/) },
        { path: 'payload.order.lineItems[0].quantity', message: 'must be a number (Int)' },
        { path: 'payload.order.displayFinancialStatus', message: expect.stringMatching(/^must be one of OrderDisplayFinancialStatus: /) },
        { path: 'payload.order.customer', message: 'must be an object (Customer)' },
        { path: 'payload.order.totalPriceSet.shopMoney.amount', message: 'must be a number (Decimal)' },
        { path: 'payload.order.createdAt', message: 'must be a date (DateTime, ISO 8601)' },
      ]),
    );
    expect(check('order_created', { order: [{ id: 'gid://shopify/Order/1' }] })).toEqual({
      ok: false,
      issues: [{ path: 'payload.order', message: 'must be an object (Order), as the Admin API returns it' }],
    });
  });

  it('a list field given as a connection is refused: Flow gives lists as arrays', () => {
    const result = check('order_created', { order: { lineItems: { edges: [{ node: { sku: 'A' } }] } } });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'payload.order.lineItems', message: 'must be a list of LineItem (connections are given as arrays of their nodes)' }],
    });
  });

  it('the example event of every Shopify trigger is realistic and passes the intake', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    for (const trigger of catalog.app('shopify')!.triggers) {
      const event = exampleEvent(trigger, schema, now);
      for (const object of trigger.provides) expect(event, `${trigger.handle}.${object.variable}`).toHaveProperty(object.variable);
      const checked = checkPayload(trigger, event, (o, v, p) => checkDataObject(schema, o, v, p));
      expect(checked.ok ? [] : checked.issues, trigger.handle).toEqual([]);
      expect(JSON.stringify(event).length, trigger.handle).toBeLessThan(100_000);
    }
    const { order } = exampleEvent(catalog.trigger('shopify', 'order_created')!, schema, now) as { order: any };
    expect(order).toMatchObject({
      id: 'gid://shopify/Order/1001',
      name: '#1001',
      email: 'kari.nordmann@example.com',
      createdAt: '2026-12-02T12:00:00.000Z',
    });
    expect(order.totalPriceSet.shopMoney).toEqual({ amount: '19.99', currencyCode: schema.type('CurrencyCode')!.enumValues![0] });
    expect(order.lineItems).toHaveLength(2);
    expect(order.lineItems.map((li: { id: string }) => li.id)).toEqual(['gid://shopify/LineItem/1001', 'gid://shopify/LineItem/1002']);
    expect(order.customer).toMatchObject({ id: 'gid://shopify/Customer/1001', firstName: 'Kari' });
    expect(order.displayFinancialStatus).toBe(schema.type('OrderDisplayFinancialStatus')!.enumValues![0]);
  });
});

describe('the Test panel sends them', () => {
  const opened: AppContext[] = [];
  let org: Org;
  afterEach(() => {
    for (const app of opened.splice(0)) app.close();
  });

  it("runtime.samplePayload gives a Shopify trigger's objects, and sendTestEvent refuses an unknown field at its path", async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    org = await orgWithStore(app);
    const { payload } = await call(app, 'runtime.samplePayload', { app: 'shopify', handle: 'product_status_updated' });
    expect(payload.product).toMatchObject({ id: 'gid://shopify/Product/1001', status: schema.type('ProductStatus')!.enumValues![0] });
    await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'product_status_updated' },
      payload,
    });
    const error = await refusal(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'product_status_updated' },
      payload: { product: { titel: 'Mug' } },
    });
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('payload.product.titel: not a field of Product (did you mean title'),
    });
  });
});
