import { describe, expect, it } from 'vitest';
import { deactivatedStoreFix, fixesFor, overviewFix, problemFix, reasonFix, stateFix } from '../../../electron/domain/status/reason-fix';
import type { BlockReason } from '../../../electron/domain/status/workflow-status';
import { call, openTestApp } from '../../support/app';
import { organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const pair = { workflowId: 'w1', storeId: 's1' };
const reason = (code: string, appId: string | null, missingSetup: string[] = []) =>
  ({ code, appId, missingSetup, message: '' }) as unknown as BlockReason;

describe('every reason with its fix', () => {
  it('maps each block reason to the action that resolves it in that store', () => {
    expect(reasonFix(reason('flow_app_not_installed', null), pair)).toEqual({ kind: 'install_flow_app', storeId: 's1', inPlace: true });
    expect(reasonFix(reason('app_not_installed', 'loyaltylion'), pair)).toEqual({
      kind: 'install_app',
      storeId: 's1',
      appId: 'loyaltylion',
      inPlace: true,
    });
    expect(reasonFix(reason('app_not_set_up', 'loyaltylion', ['plan']), pair)).toEqual({
      kind: 'finish_setup',
      storeId: 's1',
      appId: 'loyaltylion',
      steps: ['plan'],
      inPlace: true,
    });
    expect(reasonFix(reason('connection_missing', 'slack'), pair)).toEqual({
      kind: 'set_connection',
      storeId: 's1',
      appId: 'slack',
      inPlace: false,
    });
    expect(reasonFix(reason('endpoint_missing', 'klaviyo'), pair)).toEqual({
      kind: 'set_endpoint',
      storeId: 's1',
      appId: 'klaviyo',
      inPlace: false,
    });
    // A reason from a newer API has no fix rather than a wrong one.
    expect(reasonFix(reason('something_new', 'klaviyo'), pair)).toBeNull();
  });

  it('opens the editor at the step of an error; a warning needs no fix', () => {
    expect(problemFix({ severity: 'error', stepId: 'tier', field: 'tier' }, 'w1')).toEqual({
      kind: 'open_editor',
      workflowId: 'w1',
      stepId: 'tier',
      field: 'tier',
      inPlace: false,
    });
    expect(problemFix({ severity: 'warning', stepId: 'tier', field: null }, 'w1')).toBeNull();
  });

  it('re-enables a deactivated pair only once the Flow app is back; until then the fix is to install it', () => {
    expect(stateFix('deactivated', pair, true)).toEqual({ kind: 'reenable', workflowId: 'w1', storeId: 's1', inPlace: true });
    expect(stateFix('deactivated', pair, false)).toEqual({ kind: 'install_flow_app', storeId: 's1', inPlace: true });
    expect(stateFix('running', pair, true)).toBeNull();
  });

  it("on the Overview, a reason grouped across stores is fixed on the app's page, the Flow app from the stores; a deactivated store waits for the Flow app", () => {
    expect(overviewFix({ code: 'app_not_installed', appId: 'loyaltylion' })).toEqual({
      kind: 'install_app',
      appId: 'loyaltylion',
      where: 'app',
    });
    expect(overviewFix({ code: 'connection_missing', appId: 'slack' })).toEqual({ kind: 'set_connection', appId: 'slack', where: 'app' });
    expect(overviewFix({ code: 'flow_app_not_installed', appId: null })).toEqual({ kind: 'install_flow_app', where: 'stores' });
    expect(deactivatedStoreFix('s1', false).kind).toBe('install_flow_app');
    expect(deactivatedStoreFix('s1', true).kind).toBe('reenable');
  });

  it('lists each fix once, in the order of the reasons', () => {
    const fixes = fixesFor(
      {
        state: 'invalid',
        reasons: [reason('app_not_installed', 'loyaltylion'), reason('app_not_installed', 'loyaltylion')],
        problems: [
          { severity: 'error', stepId: 'a', field: null },
          { severity: 'error', stepId: 'b', field: null },
        ],
      },
      pair,
      true,
    );
    expect(fixes.map((f) => f.kind)).toEqual(['install_app', 'open_editor']);
  });

  it("resolves each of a real pair's reasons when the fix's API call is made: install, finish setup", async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo']);
    const w = await workflowWith(app, organizationId, 'Reward', 'shopify:order_paid', ['loyaltylion:add_points']);
    await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    const fixOf = async () => {
      const status = await call(app, 'status.pair', { workflowId: w.id, storeId: stores.Oslo! });
      return { state: status.state, fixes: fixesFor(status, { workflowId: w.id, storeId: stores.Oslo! }, true) };
    };
    const first = await fixOf();
    expect(first.state).toBe('blocked');
    const install = first.fixes[0]!;
    expect(install.kind).toBe('install_app');
    if (install.kind !== 'install_app') throw new Error('unreachable');
    await call(app, 'apps.install', { appId: install.appId, storeIds: [install.storeId] });
    const second = await fixOf();
    const setup = second.fixes[0]!;
    expect(setup.kind).toBe('finish_setup');
    if (setup.kind !== 'finish_setup') throw new Error('unreachable');
    for (const step of setup.steps) await call(app, 'apps.setSetupStep', { storeId: setup.storeId, appId: setup.appId, step, done: true });
    expect(await fixOf()).toEqual({ state: 'running', fixes: [] });
  });
});
