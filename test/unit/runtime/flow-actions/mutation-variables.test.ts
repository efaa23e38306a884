import { describe, expect, it } from 'vitest';
import { catalogAction } from '../../../../electron/domain/catalog/catalog-schema';
import { describeCall, mutationCall, tagList } from '../../../../electron/runtime/flow-actions/mutation-variables';
import { shopifyActions } from '../shopify-actions-catalog';

const action = (handle: string) => catalogAction.parse(shopifyActions.find((a) => a.handle === handle));

describe('the Admin API mutation an offline action would send', () => {
  it('Add order tags: tagsAdd with the order id and the tags as a list', () => {
    const call = mutationCall({
      action: action('add_order_tags'),
      properties: { order_id: 'gid://shopify/Order/1001', tags: 'vip, big order' },
      objectField: 'order_id',
      objectId: 'gid://shopify/Order/1001',
    });
    expect(call).toEqual({ mutation: 'tagsAdd', variables: { id: 'gid://shopify/Order/1001', tags: ['vip', 'big order'] } });
    expect(describeCall(call!)).toBe('tagsAdd(id: "gid://shopify/Order/1001", tags: ["vip","big order"])');
  });

  it('Update order metafield: metafieldsSet with ownerId, namespace, key, type and value', () => {
    const call = mutationCall({
      action: action('update_order_metafield'),
      properties: { order_id: 'gid://shopify/Order/7', namespace: 'custom', key: 'delivery_date', value: '2026-12-24', value_type: 'date' },
      objectField: 'order_id',
      objectId: 'gid://shopify/Order/7',
    });
    expect(call).toEqual({
      mutation: 'metafieldsSet',
      variables: {
        metafields: [{ ownerId: 'gid://shopify/Order/7', namespace: 'custom', key: 'delivery_date', type: 'date', value: '2026-12-24' }],
      },
    });
  });

  it('generic: fields in camelCase beside the object id; input-object mutations wrap them', () => {
    const base = catalogAction.parse({
      ...shopifyActions[0],
      handle: 'x',
      fields: [{ key: 'collection_id', name: { nb: 'c', en: 'c' }, type: 'single_line_text_field', required: true }],
    });
    expect(
      mutationCall({
        action: { ...base, mutation: 'collectionAddProducts' },
        properties: { collection_id: 'gid://shopify/Collection/3' },
        objectField: null,
        objectId: null,
      }),
    ).toEqual({
      mutation: 'collectionAddProducts',
      variables: { collectionId: 'gid://shopify/Collection/3' },
    });
    const note = catalogAction.parse({
      ...shopifyActions[0],
      handle: 'y',
      mutation: 'orderUpdate',
      fields: [shopifyActions[0]!.fields[0], { key: 'note', name: { nb: 'n', en: 'n' }, type: 'multi_line_text_field', required: true }],
    });
    expect(
      mutationCall({ action: note, properties: { note: 'Gift' }, objectField: 'order_id', objectId: 'gid://shopify/Order/1' }),
    ).toEqual({
      mutation: 'orderUpdate',
      variables: { input: { id: 'gid://shopify/Order/1', note: 'Gift' } },
    });
  });

  it('tags as a .flow file writes them (a JSON array in a string) or typed with commas', () => {
    expect(tagList('["vip","gold"]')).toEqual(['vip', 'gold']);
    expect(tagList(' vip ,, gold ')).toEqual(['vip', 'gold']);
  });
});
