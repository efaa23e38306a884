import type { Step, WorkflowDefinition } from '../workflow/workflow-definition';

/**
 * The source document's example as a demo organization: four stores, a LoyaltyLion workflow that runs only
 * where the app is installed and set up (R2, R6), beside the apps a Nordic retailer uses. Plain data: the
 * API layer makes it with the same handlers the UI's changes go through, so the demo is what an admin
 * would have built by hand. Between them its workflows show each state and each reason with its fix:
 * running; blocked because LoyaltyLion is not installed (Copenhagen) or not set up (Stockholm); blocked
 * because Flow has no Slack connection (Stockholm, R7); and invalid (a tier never chosen). The workflows read
 * the trigger's data as Flow gives it: Admin API paths (`order.customer.id`), the acted-on order as `order.id`.
 */
export interface DemoScenario {
  name: string;
  stores: { key: string; name: string; timeZone: string }[];
  /** Apps installed per store; `setUp: false` leaves every setup step undone except `stepsDone`. */
  installs: { appId: string; stores: string[]; setUp: boolean; stepsDone?: string[] }[];
  connections: { appId: string; store: string; account: string; secret: string }[];
  workflows: { name: string; description: string; definition: WorkflowDefinition; enabledIn: string[] | 'all' }[];
}

function workflow(trigger: string, steps: Step[]): WorkflowDefinition {
  const [app, handle] = trigger.split(':') as [string, string];
  return { trigger: { id: 'trigger', task: { app, handle }, config: {} }, steps };
}

function action(id: string, task: string, inputs: Record<string, string>): Step {
  const [app, handle] = task.split(':') as [string, string];
  return { id, kind: 'action', task: { app, handle }, inputs };
}

export const demoScenario: DemoScenario = {
  name: 'Nordic Goods (demo)',
  stores: [
    { key: 'oslo', name: 'Oslo', timeZone: 'Europe/Oslo' },
    { key: 'bergen', name: 'Bergen', timeZone: 'Europe/Oslo' },
    { key: 'stockholm', name: 'Stockholm', timeZone: 'Europe/Stockholm' },
    { key: 'copenhagen', name: 'Copenhagen', timeZone: 'Europe/Copenhagen' },
  ],
  installs: [
    { appId: 'klaviyo', stores: ['oslo', 'bergen', 'stockholm', 'copenhagen'], setUp: true },
    { appId: 'loyaltylion', stores: ['oslo', 'bergen'], setUp: true },
    // Installed, the account made, the plan not chosen yet: blocked until setup is finished (R2).
    { appId: 'loyaltylion', stores: ['stockholm'], setUp: false, stepsDone: ['account'] },
    { appId: 'slack', stores: ['oslo', 'stockholm'], setUp: true },
  ],
  // Stockholm has Slack set up but Flow keeps no connection there yet (R7).
  connections: [{ appId: 'slack', store: 'oslo', account: 'ops@nordicgoods.example', secret: 'xoxb-demo-not-a-real-token' }],
  workflows: [
    {
      name: 'Reward loyal customers',
      description: 'Gives 100 LoyaltyLion points for every paid order.',
      definition: workflow('shopify:order_paid', [
        action('points', 'loyaltylion:add_points', { customer_id: '{{ order.customer.id }}', points: '100' }),
      ]),
      enabledIn: 'all',
    },
    {
      name: 'Tag big orders',
      description: 'Adds the VIP tag to orders over 5,000.',
      definition: workflow('shopify:order_created', [
        {
          id: 'big',
          kind: 'condition',
          condition: { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 5000 },
          then: [action('tag', 'shopify:add_order_tags', { order_id: 'order.id', tags: 'vip' })],
          else: [],
        },
      ]),
      enabledIn: 'all',
    },
    {
      name: 'Welcome new customers',
      description: 'Starts the welcome email series in Klaviyo.',
      definition: workflow('shopify:customer_created', [
        action('welcome', 'klaviyo:track_event', { event_name: 'Welcome', customer_email: '{{ customer.email }}' }),
      ]),
      enabledIn: 'all',
    },
    {
      name: 'Tell the team about large orders',
      description: 'Posts large orders to the sales channel in Slack.',
      definition: workflow('shopify:order_created', [
        action('post', 'slack:send_message', { channel: '#sales', text: 'New order {{ order.name }}' }),
      ]),
      enabledIn: ['oslo', 'stockholm'],
    },
    {
      name: 'Move big spenders up a tier',
      description: 'Unfinished: the tier is not chosen yet.',
      definition: workflow('shopify:order_paid', [action('tier', 'loyaltylion:change_tier', { customer_id: '{{ order.customer.id }}' })]),
      enabledIn: ['oslo'],
    },
  ],
};
