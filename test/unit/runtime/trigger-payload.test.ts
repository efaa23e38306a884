import { describe, expect, it } from 'vitest';
import type { CatalogTrigger, PayloadField } from '../../../electron/domain/catalog/catalog-schema';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { checkPayload, samplePayload } from '../../../electron/runtime/trigger-payload';

const catalog = loadCatalog();
const field = (key: string, type: PayloadField['type'], list = false): PayloadField => ({ key, name: { nb: key, en: key }, type, list });
/**
 * A connector app's order trigger: what an app sends is flat, its own field keys of every type (Shopify's
 * own triggers give Admin API objects instead; test/unit/runtime/trigger-objects.test.ts).
 */
const order: CatalogTrigger = {
  ...catalog.trigger('order_tagger', 'order_processed')!,
  provides: [],
  fields: [
    field('order_id', 'order_reference'),
    field('customer_id', 'customer_reference'),
    field('total_price', 'number_decimal'),
    field('line_item_count', 'number_integer'),
    field('customer_email', 'email'),
    field('tags', 'single_line_text_field', true),
    field('test', 'boolean'),
    field('order_status_url', 'url'),
    field('created_at', 'date_time'),
    field('note', 'multi_line_text_field'),
  ],
};

describe("checking a trigger's payload against its fields", () => {
  it('accepts each type in the forms apps send, and any field left out or null', () => {
    expect(
      checkPayload(order, {
        order_id: 'gid://shopify/Order/1',
        customer_id: 42,
        total_price: '19.90',
        line_item_count: 3,
        customer_email: 'kari@example.com',
        tags: ['a', 'b'],
        test: false,
        order_status_url: 'https://shop.example/orders/1',
        created_at: '2025-03-01T10:00:00+01:00',
        note: null,
      }),
    ).toEqual({ ok: true, payload: expect.any(Object) });
    expect(checkPayload(order, {})).toMatchObject({ ok: true });
  });

  it('names every field that does not fit, with its path', () => {
    const result = checkPayload(order, {
      total_price: 'free',
      line_item_count: 2.5,
      tags: ['ok', 7],
      test: 'yes',
      order_status_url: 'ftp://x',
      created_at: 'yesterday',
      customer_id: '',
      colour: 'red',
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'payload.total_price', message: 'must be a number' },
        { path: 'payload.line_item_count', message: 'must be a whole number' },
        { path: 'payload.tags[1]', message: 'must be text' },
        { path: 'payload.test', message: 'must be true or false' },
        { path: 'payload.order_status_url', message: 'must be an http(s) URL' },
        { path: 'payload.created_at', message: 'must be a date and time (ISO 8601)' },
        { path: 'payload.customer_id', message: 'must be an id (text or a whole number)' },
        { path: 'payload', message: 'not a field of this trigger: colour' },
      ],
    });
    expect(checkPayload(order, { tags: 'vip' })).toEqual({ ok: false, issues: [{ path: 'payload.tags', message: 'must be a list' }] });
    expect(checkPayload(order, ['x'])).toEqual({ ok: false, issues: [{ path: 'payload', message: 'must be an object' }] });
  });

  it('holds a field with choices to them', () => {
    const trigger: CatalogTrigger = {
      ...order,
      fields: [{ key: 'status', name: { nb: 's', en: 's' }, type: 'single_line_text_field', list: false, choices: ['open', 'closed'] }],
    };
    expect(checkPayload(trigger, { status: 'open' }).ok).toBe(true);
    expect(checkPayload(trigger, { status: 'lost' })).toEqual({
      ok: false,
      issues: [{ path: 'payload.status', message: 'must be one of: open, closed' }],
    });
  });

  it('every sample payload of every trigger in the catalog passes the check', () => {
    for (const app of catalog.apps) {
      for (const trigger of app.triggers)
        expect(checkPayload(trigger, samplePayload(trigger, new Date())), `${app.id}:${trigger.handle}`).toMatchObject({ ok: true });
    }
  });
});
