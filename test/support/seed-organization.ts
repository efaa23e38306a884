import type { ApiInput, ApiMethod, ApiOutput } from '../../electron/api/contract';
import type { AppContext } from '../../electron/app-context';
import type { WorkflowDefinition } from '../../electron/domain/workflow/workflow-definition';

async function call<M extends ApiMethod>(app: AppContext, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await app.api.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as ApiOutput<M>;
}

function workflow(trigger: string, steps: WorkflowDefinition['steps']): WorkflowDefinition {
  const [app, handle] = trigger.split(':') as [string, string];
  return { trigger: { id: 'trigger', task: { app, handle }, config: {} }, steps };
}

function action(id: string, task: string, inputs: Record<string, string>): WorkflowDefinition['steps'][number] {
  const [app, handle] = task.split(':') as [string, string];
  return { id, kind: 'action', task: { app, handle }, inputs };
}

export interface SeededOrganization {
  organizationId: string;
  stores: Record<string, string>;
  workflows: Record<string, string>;
}

/**
 * A realistic organization set up through the API (not the UI): six Nordic stores, apps installed in some
 * of them with setup partly done, a Slack connection, five workflows enabled in various stores, one of them
 * invalid, and the Flow app uninstalled in one store so its workflows are deactivated. Screens, screenshots
 * and the language and accessibility walks use it to show every kind of status.
 */
export async function seedOrganization(app: AppContext, name = 'Nordic Goods Group'): Promise<SeededOrganization> {
  const organization = await call(app, 'organizations.create', { name });
  const organizationId = organization.id;
  const stores: Record<string, string> = {};
  const storeSpecs: [string, string, string][] = [
    ['Oslo', 'nordic-goods-oslo', 'Europe/Oslo'],
    ['Bergen', 'nordic-goods-bergen', 'Europe/Oslo'],
    ['Stockholm', 'nordic-goods-stockholm', 'Europe/Stockholm'],
    ['Copenhagen', 'nordic-goods-copenhagen', 'Europe/Copenhagen'],
    ['Helsinki', 'nordic-goods-helsinki', 'Europe/Helsinki'],
    ['Reykjavik', 'nordic-goods-reykjavik', 'Atlantic/Reykjavik'],
  ];
  for (const [city, domain, timeZone] of storeSpecs) {
    const store = await call(app, 'stores.add', {
      organizationId,
      name: `Nordic Goods ${city}`,
      domain: `${domain}.myshopify.com`,
      timeZone,
    });
    stores[city] = store.id;
  }
  const all = Object.values(stores);
  const s = (...cities: string[]) => cities.map((c) => stores[c] as string);

  await call(app, 'apps.install', { appId: 'klaviyo', storeIds: all, setupComplete: true });
  await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: s('Oslo', 'Bergen', 'Helsinki'), setupComplete: true });
  await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: s('Stockholm') });
  await call(app, 'apps.setSetupStep', { storeId: stores.Stockholm as string, appId: 'loyaltylion', step: 'account', done: true });
  await call(app, 'apps.install', { appId: 'slack', storeIds: s('Oslo', 'Stockholm', 'Helsinki'), setupComplete: true });
  await call(app, 'apps.install', { appId: 'order_tagger', storeIds: s('Oslo', 'Copenhagen'), setupComplete: true });
  for (const city of ['Oslo', 'Helsinki']) {
    await call(app, 'connections.set', {
      storeId: stores[city] as string,
      appId: 'slack',
      account: 'ops@nordicgoods.example',
      secret: 'xoxb-not-a-real-token',
    });
  }

  const workflows: Record<string, string> = {};
  const specs: [string, string, WorkflowDefinition, string[] | 'all'][] = [
    [
      'Tag big orders',
      'Adds the VIP tag to orders over 5,000.',
      workflow('shopify:order_created', [
        {
          id: 'big',
          kind: 'condition',
          condition: { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 5000 },
          then: [action('tag', 'shopify:add_order_tags', { order_id: 'order.id', tags: 'vip' })],
          else: [],
        },
      ]),
      'all',
    ],
    [
      'Reward paid orders',
      'Gives 100 loyalty points for every paid order.',
      workflow('shopify:order_paid', [
        action('points', 'loyaltylion:add_points', { customer_id: '{{ order.customer.id }}', points: '100' }),
      ]),
      'all',
    ],
    [
      'Welcome new customers',
      'Starts the welcome email series in Klaviyo.',
      workflow('shopify:customer_created', [
        action('welcome', 'klaviyo:track_event', { event_name: 'Welcome', customer_email: '{{ customer.email }}' }),
      ]),
      'all',
    ],
    [
      'Tell the team about large orders',
      'Posts large orders to the sales channel in Slack.',
      workflow('shopify:order_created', [action('post', 'slack:send_message', { channel: '#sales', text: 'New order {{ order.name }}' })]),
      s('Oslo', 'Bergen', 'Stockholm', 'Helsinki'),
    ],
    [
      'Move big spenders up a tier',
      'Unfinished: the tier is not chosen yet.',
      workflow('shopify:order_paid', [action('tier', 'loyaltylion:change_tier', { customer_id: '{{ order.customer.id }}' })]),
      s('Oslo'),
    ],
    ['Daily stock report', 'Draft, not enabled anywhere yet.', { trigger: null, steps: [] }, []],
  ];
  for (const [name, description, definition, storeIds] of specs) {
    const created = await call(app, 'workflows.create', { organizationId, name, description, definition });
    workflows[name] = created.id;
    if (storeIds === 'all' || storeIds.length > 0) await call(app, 'activations.set', { workflowId: created.id, storeIds, enabled: true });
  }

  await call(app, 'stores.setFlowApp', { storeId: stores.Helsinki as string, installed: false });
  return { organizationId, stores, workflows };
}
