import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { buildStoreFacts, buildWorkflowFacts } from '../../../electron/domain/status/status-facts';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import { publishImpact } from '../../../electron/domain/workflow/publish-impact';
import {
  ensurePublishable,
  isRollback,
  publishesOnSave,
  publishTo,
  runningVersion,
  type Publication,
} from '../../../electron/domain/workflow/publishing';

const catalog = loadCatalog();
const error: ValidationProblem = {
  code: 'missing_required_field',
  severity: 'error',
  stepId: 'tag',
  field: 'tags',
  message: 'Tags is required',
  params: {},
};
const store = (id: string, apps: string[] = []) =>
  buildStoreFacts(
    {
      id,
      name: id,
      flowInstalled: true,
      flowUninstalledAt: null,
      installations: apps.map((appId) => ({ appId, setupDone: ['account', 'paid_plan', 'configuration'] })),
      connections: [],
    },
    catalog,
  );
const staged: Publication = { publishedVersion: 5, storeVersions: new Map([['bergen', 6]]) };

describe('drafts and published versions (F4: editing never stops what runs until a valid version is published)', () => {
  it('a store runs its own version where it has one, else the published one; none before the first publish', () => {
    expect(runningVersion(staged, 'bergen')).toBe(6);
    expect(runningVersion(staged, 'oslo')).toBe(5);
    expect(runningVersion({ publishedVersion: null, storeVersions: new Map() }, 'oslo')).toBeNull();
  });

  it('a save is a draft while the workflow is enabled anywhere; published only when nothing runs, and never with errors', () => {
    expect(publishesOnSave({ enabledStores: 3, publishedVersion: 5 }, 0)).toBe(false);
    expect(publishesOnSave({ enabledStores: 0, publishedVersion: 5 }, 0)).toBe(true);
    expect(publishesOnSave({ enabledStores: 3, publishedVersion: null }, 0)).toBe(true);
    expect(publishesOnSave({ enabledStores: 0, publishedVersion: 5 }, 2)).toBe(false);
  });

  it('a version with errors cannot be published: refused naming the version and its errors', () => {
    expect(() => ensurePublishable('Tag orders', 7, [])).not.toThrow();
    expect(() => ensurePublishable('Tag orders', 7, [error])).toThrow(
      /^Version 7 of workflow "Tag orders" has 1 error and cannot be published: Tags is required/,
    );
  });

  it('publishing to chosen stores first gives them their own version; to all stores makes it the published one and clears them', () => {
    const first = publishTo({ publishedVersion: 5, storeVersions: new Map() }, 6, ['bergen', 'oslo']);
    expect(first).toEqual({
      publishedVersion: 5,
      storeVersions: new Map([
        ['bergen', 6],
        ['oslo', 6],
      ]),
    });
    expect(publishTo(first, 6, null)).toEqual({ publishedVersion: 6, storeVersions: new Map() });
    // Rolling one store back to the published version simply drops its own.
    expect(publishTo(first, 5, ['oslo'])).toEqual({ publishedVersion: 5, storeVersions: new Map([['bergen', 6]]) });
  });

  it('a publish of an older version than a store runs is a rollback', () => {
    expect(isRollback(staged, 5, ['bergen'])).toBe(true);
    expect(isRollback(staged, 6, ['oslo'])).toBe(false);
  });
});

describe('the impact of a publish, before it is done', () => {
  const current = buildWorkflowFacts('w', 'Points', [], [], 5);
  const next = buildWorkflowFacts('w', 'Points', ['loyaltylion'], [], 6);
  const stores = [
    { store: store('oslo', ['loyaltylion']), activation: { enabled: true, deactivatedAt: null } },
    { store: store('bergen'), activation: { enabled: true, deactivatedAt: null } },
    { store: store('tromso'), activation: { enabled: true, deactivatedAt: null } },
    { store: store('bodo'), activation: null },
  ];
  const factsOf = (v: number) => (v === 5 ? current : v === 6 ? next : null);

  it('counts the stores where what runs changes, and those that will block, with why', () => {
    const impact = publishImpact({
      version: 6,
      target: next,
      factsOf,
      publication: { publishedVersion: 5, storeVersions: new Map() },
      stores,
      catalog,
    });
    expect(impact).toMatchObject({ publishable: true, changes: 3, willBlock: 2, stopsRunning: 2, unchanged: 0, notEnabled: 1 });
    expect(impact.blockedBecause).toEqual([
      {
        code: 'app_not_installed',
        appId: 'loyaltylion',
        stores: 2,
        message: 'LoyaltyLion rewards & referral is not installed in this store',
      },
    ]);
    expect(impact.summary).toBe(
      'publishes version 6: changes what runs in 3 stores; 2 stores will block: LoyaltyLion rewards & referral is not installed in this store',
    );
    expect(impact.stores.find((s) => s.storeId === 'oslo')).toMatchObject({
      fromVersion: 5,
      toVersion: 6,
      before: 'running',
      after: 'running',
    });
  });

  it('stores already running the version are unchanged; a version with errors is not publishable', () => {
    const publication = { publishedVersion: 5, storeVersions: new Map([['oslo', 6]]) };
    expect(publishImpact({ version: 6, target: next, factsOf, publication, stores, catalog })).toMatchObject({ changes: 2, unchanged: 1 });
    const broken = buildWorkflowFacts('w', 'Points', [], [error], 7);
    const refused = publishImpact({ version: 7, target: broken, factsOf, publication, stores, catalog });
    expect(refused).toMatchObject({ publishable: false, errors: 1, summary: 'version 7 has 1 error and cannot be published' });
  });
});
