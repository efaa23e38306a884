import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call } from '../../support/app';
import { FakeApp, openRuntimeApp, orgWithStore, workflow, type Org } from './fixture';

/** LoyaltyLion "moved up a tier" → Shopify tags the customer. */
export const tierUp: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'loyaltylion', handle: 'customer_moved_up_tier' }, config: {} },
  steps: [
    {
      id: 'tag',
      kind: 'action',
      task: { app: 'shopify', handle: 'add_customer_tags' },
      inputs: { customer_id: '{{ customer_id }}', tags: 'tier-{{ tier }}' },
    },
  ],
};

/** What LoyaltyLion sends when a customer moves up a tier. */
export const tierUpPayload = {
  customer_id: 'gid://shopify/Customer/7',
  customer_email: 'kari@example.com',
  points_balance: 1200,
  tier: 'gold',
  previous_tier: 'silver',
};

export interface TriggerEndpoint {
  app: AppContext;
  org: Org;
  /** LoyaltyLion's signing secret in the store: what the app signs its requests with. */
  secret: string;
  /** The runtime's trigger endpoint (POST /triggers on 127.0.0.1). */
  url: string;
  /** A trigger request body for the store: LoyaltyLion's "moved up a tier" unless changed. */
  envelope: (over?: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * A store running "Tier up" with the given apps installed, LoyaltyLion's signing secret set (its endpoint
 * given once to a local fake app, which is then stopped: only the secret matters here) and the runtime
 * started, listening for triggers. The app closes after the test (openRuntimeApp).
 */
export async function openTriggerEndpoint(dir: string, apps: string[] = ['loyaltylion']): Promise<TriggerEndpoint> {
  const app = await openRuntimeApp(dir);
  const org = await orgWithStore(app, apps);
  await workflow(app, org.organizationId, 'Tier up', tierUp, [org.storeId]);
  const fake = new FakeApp();
  await fake.start();
  const secret = (await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'loyaltylion', url: fake.url })).secret!;
  await fake.stop();
  await app.runtime.start();
  const envelope = (over: Record<string, unknown> = {}) => ({
    store: org.domain,
    app: 'loyaltylion',
    trigger: 'customer_moved_up_tier',
    payload: tierUpPayload,
    ...over,
  });
  return { app, org, secret, url: app.runtime.triggerEndpointUrl!, envelope };
}
