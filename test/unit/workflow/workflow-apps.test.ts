import { describe, expect, it } from 'vitest';
import { appsUsedBy } from '../../../electron/domain/workflow/workflow-apps';
import { action, condition, soundWorkflow, workflow } from './definitions';

describe('appsUsedBy', () => {
  it('lists the connector apps of the trigger and of every action, at any depth, once each and sorted, without Shopify', () => {
    const definition = workflow(
      'yotpo:new_review',
      action('a', 'slack:send_message'),
      condition(
        'c',
        { kind: 'compare', field: 'rating', operator: 'less_than', value: 3 },
        [action('b', 'klaviyo:track_event')],
        [
          {
            id: 'f',
            kind: 'foreach',
            list: 'photo_urls',
            body: [action('d', 'slack:send_message'), action('e', 'shopify:add_customer_tags')],
          },
        ],
      ),
    );
    expect(appsUsedBy(definition)).toEqual(['klaviyo', 'slack', 'yotpo']);
    expect(appsUsedBy(soundWorkflow())).toEqual(['slack']);
    expect(appsUsedBy(workflow(null))).toEqual([]);
  });

  it('does not count an app named only in a condition (R4: a condition is never a connector)', () => {
    expect(
      appsUsedBy(workflow('shopify:order_paid', condition('c', { kind: 'compare', field: 'slack:send_message', operator: 'is_empty' }))),
    ).toEqual([]);
  });
});
