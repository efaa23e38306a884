import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { blockReasons, computeStatus, stateOf } from '../../../electron/domain/status/compute-status';
import { computeStateGrid, STATE_CODES } from '../../../electron/domain/status/state-grid';
import { buildStoreFacts, buildWorkflowFacts, type StoreFactsInput } from '../../../electron/domain/status/status-facts';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';

const catalog = loadCatalog();

function store(overrides: Partial<StoreFactsInput> = {}) {
  return buildStoreFacts(
    { id: 's1', name: 'Oslo', flowInstalled: true, flowUninstalledAt: null, installations: [], connections: [], ...overrides },
    catalog,
  );
}
const error: ValidationProblem = {
  code: 'missing_required_field',
  severity: 'error',
  stepId: 'a1',
  field: 'points',
  message: 'Step "a1": "Points" is required',
  params: {},
};
const warning: ValidationProblem = { ...error, code: 'early_access_only', severity: 'warning', message: 'early access' };

describe('the status of a (workflow, store) pair, from plain data', () => {
  const usesThree = buildWorkflowFacts('w1', 'Everything', ['klaviyo', 'loyaltylion', 'slack'], []);

  it('lists every reason at once, in order: the Flow app, then per app not installed, not set up, no connection', () => {
    const s = store({
      flowInstalled: false,
      installations: [
        { appId: 'loyaltylion', setupDone: ['account'] },
        { appId: 'slack', setupDone: ['account'] },
      ],
    });
    expect(blockReasons(usesThree, s, catalog).map((r) => [r.code, r.appId, r.missingSetup])).toEqual([
      ['flow_app_not_installed', null, []],
      ['app_not_installed', 'klaviyo', []],
      ['app_not_set_up', 'loyaltylion', ['paid_plan', 'configuration']],
      ['connection_missing', 'slack', []],
    ]);
  });

  it('a Flow connection counts only with the app installed, set up and connected', () => {
    const ready = store({
      installations: ['klaviyo', 'loyaltylion', 'slack'].map((appId) => ({
        appId,
        setupDone: catalog.app(appId)!.setup.map((x) => x.key),
      })),
      connections: ['slack'],
    });
    expect(blockReasons(usesThree, ready, catalog)).toEqual([]);
    expect(stateOf(usesThree, ready, { enabled: true, deactivatedAt: null })).toBe('running');
  });

  it('follows the activation first: never enabled is off, switched off by the Flow app removal is deactivated since then', () => {
    const s = store({ flowInstalled: false });
    expect(computeStatus(usesThree, s, null, catalog)).toMatchObject({ state: 'off', reasons: [], since: null });
    expect(computeStatus(usesThree, s, { enabled: false, deactivatedAt: null }, catalog).state).toBe('off');
    expect(computeStatus(usesThree, s, { enabled: false, deactivatedAt: '2025-03-02T08:30:00.000Z' }, catalog)).toMatchObject({
      state: 'deactivated',
      since: '2025-03-02T08:30:00.000Z',
      reasons: [],
    });
  });

  it('validation errors make an enabled workflow invalid (still listing what the store lacks); warnings do not', () => {
    const invalid = buildWorkflowFacts('w2', 'Broken', ['klaviyo'], [error, warning]);
    const status = computeStatus(invalid, store(), { enabled: true, deactivatedAt: null }, catalog);
    expect(status).toMatchObject({ state: 'invalid', problems: [error], reasons: [{ code: 'app_not_installed', appId: 'klaviyo' }] });
    const warned = buildWorkflowFacts('w3', 'Fine', [], [warning]);
    expect(stateOf(warned, store(), { enabled: true, deactivatedAt: null })).toBe('running');
  });

  it('the whole grid agrees with the pair function for every pair', () => {
    const stores = [
      store({ id: 'a', installations: [{ appId: 'klaviyo', setupDone: ['account', 'configuration'] }] }),
      store({ id: 'b', flowInstalled: false }),
      store({ id: 'c', installations: [{ appId: 'klaviyo', setupDone: [] }] }),
    ];
    const workflows = [
      buildWorkflowFacts('w1', 'K', ['klaviyo'], []),
      buildWorkflowFacts('w2', 'S', [], []),
      buildWorkflowFacts('w3', 'X', ['klaviyo'], [error]),
    ];
    const activations = [Uint8Array.of(1, 1, 1), Uint8Array.of(1, 2, 0), Uint8Array.of(1, 0, 2)];
    const grid = computeStateGrid({ organizationId: 'o', stores, workflows, activations });
    const facts = [null, { enabled: true, deactivatedAt: null }, { enabled: false, deactivatedAt: 't' }];
    workflows.forEach((w, wi) =>
      stores.forEach((s, si) => {
        expect(STATE_CODES[grid.cells[wi * 3 + si]!]).toBe(stateOf(w, s, facts[activations[wi]![si]!]!));
      }),
    );
  });
});
