import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { SeededOrganization } from './seed-organization';
import type { WalkStep } from './ui-walk';

/** Runs in the page, as a string (this file is type-checked for Node, without the DOM's types). */
const apiCall = (method: string, input: unknown) => `(async () => {
  const response = await fetch('./api/${method}', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + (sessionStorage.getItem('flow-admin-token') ?? '') },
    body: ${JSON.stringify(JSON.stringify(input))},
  });
  return response.json();
})()`;

/**
 * The runtime's screens for the language walk and the axe check: a run's detail (a test event sent to Oslo
 * starts "Tag big orders", a condition and a recorded action), the Runs screen with its "Send test event"
 * form filled, and a store's app endpoint just saved, its signing secret shown once. Selectors are ids and
 * data attributes: the same steps run in both languages. The page must have the token (opened once).
 */
export async function runWalkSteps(page: Page, seeded: SeededOrganization, has: (screen: string) => boolean): Promise<WalkStep[]> {
  if (!has('runs')) return [];
  const sent = (await page.evaluate(
    apiCall('runtime.sendTestEvent', {
      storeId: seeded.stores.Oslo,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: {
        order: {
          id: 'gid://shopify/Order/1001',
          name: '#1001',
          totalPriceSet: { shopMoney: { amount: '7500.0', currencyCode: 'NOK' } },
          customer: { email: 'kari@example.com' },
        },
      },
    }),
  )) as { runIds?: string[] };
  if (!sent.runIds?.[0]) throw new Error(`The walk's test event started no run: ${JSON.stringify(sent)}`);
  const steps: WalkStep[] = [{ name: 'run', hash: `#/runs/${sent.runIds[0]}`, detail: true }];
  steps.push({
    name: 'runs-send-test-event',
    hash: '#/runs',
    then: async (p: Page) => {
      await p.locator('#runs-send-test').click();
      await p.locator('#test-store').selectOption(seeded.stores.Oslo!);
      await p.locator('#test-trigger option[value="shopify:customer_created"]').waitFor({ state: 'attached' });
      await p.locator('#test-trigger').selectOption('shopify:customer_created');
      // The example payload arrives from the API after the trigger is chosen.
      // Polled from here, not by a string evaluated in the page: the page's CSP forbids eval.
      await expect.poll(() => p.locator('#test-event-payload').inputValue()).toContain('"customer"');
    },
  });
  if (has('stores')) {
    steps.push({
      name: 'store-app-endpoint-secret',
      hash: `#/stores/${seeded.stores.Oslo}`,
      detail: true,
      then: async (p: Page) => {
        await p.locator('[data-endpoint-app="klaviyo"]').click();
        await p.locator('#endpoint-url-klaviyo').fill('http://127.0.0.1:9/flow/actions');
        if (await p.locator('#endpoint-rotate-klaviyo').count()) await p.locator('#endpoint-rotate-klaviyo').check();
        await p.locator('#endpoint-url-klaviyo').press('Enter');
        await p.locator('#secret-title').waitFor();
      },
    });
  }
  return steps;
}
