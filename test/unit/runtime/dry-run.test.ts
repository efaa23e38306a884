import { describe, expect, it } from 'vitest';
import { call, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { bigOrder, orderEvent, bigOrderToKlaviyo, count, openRuntimeApp, orgWithStore, waitFor } from './fixture';
import { useStoreWithApp } from './store-with-app';

const tempDir = useTempDir();
const { storeWithApp } = useStoreWithApp(tempDir);

describe('dry run', () => {
  it('shows the branch taken and the actions that would be sent, with what, and sends and records nothing', async () => {
    const { app, fake, org } = await storeWithApp();

    const result = await call(app, 'runtime.dryRun', {
      organizationId: org.organizationId,
      definition: bigOrderToKlaviyo,
      payload: bigOrder,
    });
    expect(result.problems).toEqual([]);
    expect(result.branches).toEqual([{ stepId: 'is-big', iteration: null, taken: 'then' }]);
    expect(result.actions).toEqual([
      expect.objectContaining({
        stepId: 'track',
        delivery: 'app',
        properties: { event_name: 'Big order #1001', customer_email: 'kari@example.com', value: 250 },
      }),
      expect.objectContaining({ stepId: 'tag', delivery: 'recorded', properties: { order_id: 'gid://shopify/Order/1001', tags: 'big' } }),
    ]);

    const small = await call(app, 'runtime.dryRun', {
      organizationId: org.organizationId,
      definition: bigOrderToKlaviyo,
      payload: orderEvent({ total: 5 }),
    });
    expect(small.branches).toEqual([{ stepId: 'is-big', iteration: null, taken: 'else' }]);
    expect(small.actions).toEqual([]);

    for (const table of ['trigger_events', 'runs', 'run_steps', 'outbox']) expect(count(app, table)).toBe(0);
    // A real test event afterwards is delivered, and alone: the dry runs queued nothing ahead of it.
    await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: orderEvent({ name: '#1002' }),
    });
    await waitFor(
      () => fake.received.length,
      (n) => n >= 1,
    );
    expect(fake.received.map((d) => (d.body.properties as { event_name: string }).event_name)).toEqual(['Big order #1002']);
  });

  it('evaluates an unsaved draft, reporting its problems alongside what it would do', async () => {
    const app = await openRuntimeApp(tempDir());
    const org = await orgWithStore(app);
    const draft = {
      ...bigOrderToKlaviyo,
      steps: [
        {
          id: 'vip',
          kind: 'condition' as const,
          condition: { kind: 'compare' as const, field: 'order.tags', operator: 'includes' as const, value: 'vip' },
          then: [
            {
              id: 'note',
              kind: 'action' as const,
              task: { app: 'shopify', handle: 'add_order_note' },
              inputs: { order_id: 'order.id', note: 'VIP: {{ order.customer.email | upcase }}' },
            },
          ],
          else: [
            {
              id: 'track',
              kind: 'action' as const,
              task: { app: 'klaviyo', handle: 'track_event' },
              inputs: { event_name: 'x', customer_email: '{{ order.customer.email }}' },
            },
          ],
        },
      ],
    };
    const result = await call(app, 'runtime.dryRun', {
      organizationId: org.organizationId,
      definition: draft,
      payload: orderEvent({ tags: ['vip'] }),
    });
    expect(result.branches).toEqual([{ stepId: 'vip', iteration: null, taken: 'then' }]);
    expect(result.actions).toEqual([
      expect.objectContaining({ stepId: 'note', properties: { order_id: 'gid://shopify/Order/1001', note: 'VIP: KARI@EXAMPLE.COM' } }),
    ]);
    // Klaviyo is installed nowhere in the organization (R5): validation says so, the dry run still shows the plan.
    expect(result.problems.map((p) => p.code)).toContain('app_not_installed_in_organization');
    expect(count(app, 'runs')).toBe(0);
  });

  it('refuses an unknown organization', async () => {
    const app = await openRuntimeApp(tempDir());
    const id = '0b9f3c1e-3a57-4b8e-9f00-000000000000';
    expect(await refusal(app, 'runtime.dryRun', { organizationId: id, definition: bigOrderToKlaviyo, payload: {} })).toMatchObject({
      code: 'not_found',
    });
  });
});
