import { describe, expect, it } from 'vitest';
import { planLargeOrganization } from '../../../electron/domain/organization/demo-organization';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { call, openTestApp, refusal } from '../../support/app';
import { statesByStore } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('the demo organizations', () => {
  it('builds the four-store LoyaltyLion scenario through the API, with each kind of reason, and a second one beside it', async () => {
    const app = await openTestApp(tempDir());
    const org = await call(app, 'demo.openScenario', {});
    expect(org).toMatchObject({ name: 'Nordic Goods (demo)', storeCount: 4, workflowCount: 5 });
    const workflows = await call(app, 'workflows.list', { organizationId: org.id });
    const id = (name: string) => workflows.find((w) => w.name === name)!.id;
    expect(await statesByStore(app, id('Reward loyal customers'))).toEqual({
      Bergen: 'running',
      Copenhagen: 'blocked',
      Oslo: 'running',
      Stockholm: 'blocked',
    });
    expect(await statesByStore(app, id('Tag big orders'))).toEqual({
      Bergen: 'running',
      Copenhagen: 'running',
      Oslo: 'running',
      Stockholm: 'running',
    });
    expect(await statesByStore(app, id('Welcome new customers'))).toEqual({
      Bergen: 'running',
      Copenhagen: 'running',
      Oslo: 'running',
      Stockholm: 'running',
    });
    expect(await statesByStore(app, id('Tell the team about large orders'))).toEqual({
      Bergen: 'off',
      Copenhagen: 'off',
      Oslo: 'running',
      Stockholm: 'blocked',
    });
    expect(await statesByStore(app, id('Move big spenders up a tier'))).toMatchObject({ Oslo: 'invalid' });
    const reward = await call(app, 'status.workflow', { workflowId: id('Reward loyal customers') });
    expect(reward.items.flatMap((i) => i.reasons.map((r) => `${i.name}: ${r.code}`))).toEqual([
      'Copenhagen: app_not_installed',
      'Stockholm: app_not_set_up',
    ]);
    const team = await call(app, 'status.workflow', { workflowId: id('Tell the team about large orders') });
    expect(team.items.flatMap((i) => i.reasons.map((r) => `${i.name}: ${r.code}`))).toEqual(['Stockholm: connection_missing']);
    // Made as an admin would have: every change is in the Activity log.
    const log = await call(app, 'audit.query', { organizationId: org.id, limit: 100 });
    expect(log.entries.map((e) => e.action)).toContain('app.installed');

    const again = await call(app, 'demo.openScenario', {});
    expect(again).toMatchObject({ name: 'Nordic Goods (demo) (2)', storeCount: 4 });
  });

  it('plans a large organization deterministically for a seed, with workflows in chunks', () => {
    const catalog = loadCatalog();
    const a = planLargeOrganization(catalog, { seed: 4, stores: 30, workflows: 25 });
    const b = planLargeOrganization(catalog, { seed: 4, stores: 30, workflows: 25 });
    const chunks = [...a.workflowChunks(10)];
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(chunks.flat()).toEqual([...b.workflowChunks(25)].flat());
    expect(a.stores).toEqual(b.stores);
    expect(new Set(a.stores.map((s) => s.domain)).size).toBe(30);
    expect(planLargeOrganization(catalog, { seed: 5, stores: 30, workflows: 0 }).stores).not.toEqual(a.stores);
  });

  it('builds a large one of the chosen size, says how far it has come, and every state shows up', async () => {
    const app = await openTestApp(tempDir());
    expect(await call(app, 'demo.progress', {})).toMatchObject({ building: false });
    const building = call(app, 'demo.openLarge', { stores: 40, workflows: 250 });
    const seen: number[] = [];
    // Between chunks the API answers: progress moves on while the organization is built.
    for (let i = 0; i < 1000; i++) {
      const progress = await call(app, 'demo.progress', {});
      if (!progress.building) break;
      seen.push(progress.workflowsDone);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const org = await building;
    expect(org).toMatchObject({ name: 'Demo: 40 stores × 250 workflows', storeCount: 40, workflowCount: 250 });
    expect(seen.some((n) => n > 0 && n < 250)).toBe(true);
    expect(await call(app, 'demo.progress', {})).toMatchObject({ building: false, phase: 'done', workflowsDone: 250, workflowsTotal: 250 });
    const overview = await call(app, 'status.overview', { organizationId: org.id });
    for (const state of ['running', 'off', 'blocked'] as const) expect(overview.counts.pairs[state], state).toBeGreaterThan(0);
    expect((await refusal(app, 'demo.openLarge', { stores: 0, workflows: 10 })).code).toBe('invalid_input');
  });
});
