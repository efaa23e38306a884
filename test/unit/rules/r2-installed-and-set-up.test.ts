import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('R2 an app is usable in a store only when it is installed and set up there', () => {
  it('an installed app whose setup is not done blocks the workflow with the steps still to do, until they are done', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo']);
    const oslo = stores.Oslo!;
    await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: [oslo] });
    const workflow = await workflowWith(app, organizationId, 'Points for orders', 'shopify:order_created', ['loyaltylion:add_points']);
    await call(app, 'activations.set', { workflowId: workflow.id, storeIds: [oslo], enabled: true });

    const blocked = await call(app, 'status.pair', { workflowId: workflow.id, storeId: oslo });
    expect(blocked.state).toBe('blocked');
    expect(blocked.reasons).toEqual([
      {
        code: 'app_not_set_up',
        appId: 'loyaltylion',
        missingSetup: ['account', 'paid_plan', 'configuration'],
        message:
          'LoyaltyLion rewards & referral is installed but not set up: Create a LoyaltyLion account; Choose a paid LoyaltyLion plan; Set up the loyalty program with tiers and segments',
        // Its fix: the steps still to do, in that store.
        fix: { kind: 'finish_setup', storeId: oslo, appId: 'loyaltylion', steps: ['account', 'paid_plan', 'configuration'], inPlace: true },
      },
    ]);
    const inStore = (await call(app, 'apps.ofStore', { storeId: oslo })).find((a) => a.appId === 'loyaltylion')!;
    expect(inStore).toMatchObject({ installed: true, usable: false, setup: { setUp: false } });

    await call(app, 'apps.setSetupStep', { storeId: oslo, appId: 'loyaltylion', step: 'account', done: true });
    const progress = await call(app, 'apps.setSetupStep', { storeId: oslo, appId: 'loyaltylion', step: 'paid_plan', done: true });
    expect(progress.setup.steps.map((s) => [s.key, s.done])).toEqual([
      ['account', true],
      ['paid_plan', true],
      ['configuration', false],
    ]);
    expect((await call(app, 'status.pair', { workflowId: workflow.id, storeId: oslo })).reasons[0]!.missingSetup).toEqual([
      'configuration',
    ]);

    await call(app, 'apps.setSetupStep', { storeId: oslo, appId: 'loyaltylion', step: 'configuration', done: true });
    expect(await call(app, 'status.pair', { workflowId: workflow.id, storeId: oslo })).toMatchObject({ state: 'running', reasons: [] });
    expect((await call(app, 'apps.ofStore', { storeId: oslo })).find((a) => a.appId === 'loyaltylion')).toMatchObject({ usable: true });

    // Reopening a step makes it unusable again.
    await call(app, 'apps.setSetupStep', { storeId: oslo, appId: 'loyaltylion', step: 'paid_plan', done: false });
    expect((await call(app, 'status.pair', { workflowId: workflow.id, storeId: oslo })).state).toBe('blocked');
  });

  it('a setup step cannot be recorded for an app that is not installed, nor for a step the app does not have', async () => {
    const app = await openTestApp(tempDir());
    const { stores } = await organizationWithStores(app, ['Oslo']);
    const notInstalled = await refusal(app, 'apps.setSetupStep', {
      storeId: stores.Oslo,
      appId: 'loyaltylion',
      step: 'account',
      done: true,
    });
    expect(notInstalled).toMatchObject({
      code: 'refused',
      message: 'LoyaltyLion rewards & referral is not installed in the store "Oslo": install it before setting it up',
    });
    await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: [stores.Oslo!] });
    const unknownStep = await refusal(app, 'apps.setSetupStep', {
      storeId: stores.Oslo,
      appId: 'loyaltylion',
      step: 'billing',
      done: true,
    });
    expect(unknownStep).toMatchObject({
      code: 'invalid_input',
      message: 'step: LoyaltyLion rewards & referral has no setup step "billing"; its steps are account, paid_plan, configuration',
    });
  });
});
