import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { computeStatus } from '../../../electron/domain/status/compute-status';
import { statusFromGrid } from '../../../electron/domain/status/grid-status';
import { computeStateGrid, emptyCounts, STATE_CODES, type OrganizationFacts } from '../../../electron/domain/status/state-grid';
import { buildStoreFacts, buildWorkflowFacts, type ActivationFacts } from '../../../electron/domain/status/status-facts';
import { statusOverview } from '../../../electron/domain/status/status-overview';
import { readinessOverview } from '../../../electron/domain/status/readiness-overview';
import type { StoreReadiness } from '../../../electron/domain/status/readiness';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';

const catalog = loadCatalog();
/** Apps with several setup steps, and two whose connection Flow keeps (R7). */
const APPS = ['agechecked', 'asana', 'klaviyo', 'slack', 'covet_pics', 'google_sheets'] as const;
const error: ValidationProblem = {
  code: 'missing_required_field',
  severity: 'error',
  stepId: 'a1',
  field: 'tags',
  message: 'Step "a1": "Tags" is required',
  params: {},
};
const warning: ValidationProblem = { ...error, code: 'early_access_only', severity: 'warning', message: 'early access' };

const setupKeys = (appId: string) => catalog.app(appId)!.setup.map((s) => s.key);

const storeArb = fc.record({
  flowInstalled: fc.boolean(),
  installed: fc.subarray([...APPS]),
  setupSeed: fc.array(fc.nat(7), { minLength: APPS.length, maxLength: APPS.length }),
  connections: fc.subarray([...APPS]),
  // Readiness: endpoints set, and deliveries failed since the last success (0: none).
  endpoints: fc.subarray([...APPS]),
  failed: fc.array(fc.nat(3), { minLength: APPS.length, maxLength: APPS.length }),
});
const workflowArb = fc.record({
  apps: fc.subarray([...APPS], { maxLength: 3 }),
  problems: fc.constantFrom<ValidationProblem[]>([], [warning], [error], [error, warning]),
});

/** A random organization: stores with the Flow app or not, apps installed and partly set up, connections, workflows (some invalid), activations. */
/** The organization's facts, and each store's readiness as the runtime's tables would give it. */
const organizationArb = fc
  .record({ stores: fc.array(storeArb, { minLength: 0, maxLength: 7 }), workflows: fc.array(workflowArb, { minLength: 0, maxLength: 7 }) })
  .chain(({ stores, workflows }) =>
    fc.record({
      stores: fc.constant(stores),
      workflows: fc.constant(workflows),
      // 0 off (never enabled or switched off), 1 enabled, 2 deactivated by the Flow app's removal (R8).
      activations: fc.array(fc.uint8Array({ min: 0, max: 2, minLength: stores.length, maxLength: stores.length }), {
        minLength: workflows.length,
        maxLength: workflows.length,
      }),
    }),
  )
  .map(({ stores, workflows, activations }): OrganizationFacts & { readiness: Map<string, StoreReadiness> } => ({
    readiness: new Map(
      stores.map((s, i) => [
        `s${i}`,
        {
          endpoints: new Set(s.endpoints),
          failing: new Map(APPS.flatMap((appId, a) => (s.failed[a]! > 0 ? [[appId, s.failed[a]!]] : []))),
        },
      ]),
    ),
    organizationId: 'o',
    stores: stores.map((s, i) =>
      buildStoreFacts(
        {
          id: `s${i}`,
          name: `Store ${i}`,
          flowInstalled: s.flowInstalled,
          flowUninstalledAt: s.flowInstalled ? null : '2025-03-02T08:30:00.000Z',
          // Each installed app has a random prefix of its setup steps done.
          installations: s.installed.map((appId) => ({
            appId,
            setupDone: setupKeys(appId).slice(0, s.setupSeed[APPS.indexOf(appId)]! % (setupKeys(appId).length + 1)),
          })),
          connections: s.connections,
        },
        catalog,
      ),
    ),
    workflows: workflows.map((w, i) => buildWorkflowFacts(`w${i}`, `Workflow ${i}`, w.apps, w.problems)),
    activations,
  }));

function activationOf(byte: number): ActivationFacts | null {
  if (byte === 1) return { enabled: true, deactivatedAt: null };
  if (byte === 2) return { enabled: false, deactivatedAt: '2025-03-02T08:30:00.000Z' };
  return null;
}

describe('one status rule: the state grid (what the app uses) agrees with the plain per-pair reference', () => {
  it('every pair of random organizations has the same state, reasons, problems and time in the grid as in computeStatus', () => {
    fc.assert(
      fc.property(organizationArb, (facts) => {
        const grid = computeStateGrid(facts);
        facts.workflows.forEach((workflow, w) =>
          facts.stores.forEach((store, s) => {
            const activation = activationOf(facts.activations[w]![s]!);
            const readiness = facts.readiness.get(store.id);
            const reference = computeStatus(workflow, store, activation, catalog, readiness);
            expect(STATE_CODES[grid.cells[w * facts.stores.length + s]!]).toBe(reference.state);
            expect(statusFromGrid(grid, w, s, workflow, store, activation?.deactivatedAt ?? null, catalog, readiness)).toEqual(reference);
            // Readiness is a warning beside Running, never a state of its own.
            if (reference.state !== 'running') expect(reference.warnings).toEqual([]);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the overview derived from the grid counts what the reference says: states, running somewhere, every blocked pair under each of its reasons', () => {
    fc.assert(
      fc.property(organizationArb, (facts) => {
        const overview = statusOverview(facts, computeStateGrid(facts), catalog);
        const pairs = emptyCounts();
        const blocked = new Map<string, number>();
        let somewhere = 0;
        facts.workflows.forEach((workflow, w) => {
          let runs = false;
          facts.stores.forEach((store, s) => {
            const status = computeStatus(workflow, store, activationOf(facts.activations[w]![s]!), catalog);
            pairs[status.state]++;
            runs ||= status.state === 'running';
            if (status.state !== 'blocked') return;
            for (const r of status.reasons) blocked.set(`${r.code}:${r.appId ?? ''}`, (blocked.get(`${r.code}:${r.appId ?? ''}`) ?? 0) + 1);
          });
          if (runs) somewhere++;
        });
        expect(overview.counts.pairs).toEqual(pairs);
        expect(overview.running.workflowsRunningSomewhere).toBe(somewhere);
        expect(new Map(overview.attention.blocked.map((g) => [`${g.code}:${g.appId ?? ''}`, g.pairs]))).toEqual(blocked);
      }),
      { numRuns: 300 },
    );
  });

  it('the readiness the overview counts is every running pair under each of its warnings, with the stores they are in', () => {
    fc.assert(
      fc.property(organizationArb, (facts) => {
        const groups = readinessOverview(facts, computeStateGrid(facts), facts.readiness, catalog);
        const pairs = new Map<string, number>();
        const stores = new Map<string, Set<string>>();
        facts.workflows.forEach((workflow, w) =>
          facts.stores.forEach((store, s) => {
            const status = computeStatus(workflow, store, activationOf(facts.activations[w]![s]!), catalog, facts.readiness.get(store.id));
            for (const warning of status.warnings) {
              const key = `${warning.code}:${warning.appId}`;
              pairs.set(key, (pairs.get(key) ?? 0) + 1);
              stores.set(key, (stores.get(key) ?? new Set()).add(store.id));
            }
          }),
        );
        expect(new Map(groups.map((g) => [`${g.code}:${g.appId}`, g.pairs]))).toEqual(pairs);
        expect(new Map(groups.map((g) => [`${g.code}:${g.appId}`, new Set(g.stores.map((x) => x.storeId))]))).toEqual(stores);
      }),
      { numRuns: 300 },
    );
  });
});
