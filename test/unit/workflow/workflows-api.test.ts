import { describe, expect, it } from 'vitest';
import { contract } from '../../../electron/api/contract';
import type { AppContext } from '../../../electron/app-context';
import { call, inputIssues, openTestApp, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { action, soundWorkflow, workflow } from './definitions';

const tempDir = useTempDir();

async function setUp() {
  const app = await openTestApp(tempDir());
  const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
  return { app, org };
}

/** Stores and installations are another area's API; the rows are what matters here. */
function addStore(app: AppContext, organizationId: string, name: string, apps: string[]): string {
  const id = app.handlerContext.newId();
  const at = '2024-05-01T00:00:00.000Z';
  app.db
    .prepare(
      `INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, created_at, updated_at) VALUES (?, ?, ?, ?, 'Europe/Oslo', 1, ?, ?)`,
    )
    .run(id, organizationId, name, `${name.toLowerCase()}.myshopify.com`, at, at);
  for (const appId of apps)
    app.db.prepare(`INSERT INTO installations (store_id, app_id, installed_at) VALUES (?, ?, ?)`).run(id, appId, at);
  return id;
}

/** Everything a refused call could have written. */
function written(app: AppContext) {
  const count = (table: string) => (app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    workflows: count('workflows'),
    versions: count('workflow_versions'),
    audit: count('audit_log'),
    activations: count('activations'),
  };
}

const slackOnly = () =>
  workflow('shopify:order_paid', action('say', 'slack:send_message', { channel: '#sales', text: 'Paid: {{ order.name }}' }));

describe('workflows through the API handlers', () => {
  it('creates, lists with trigger and apps, and gets the definition with its problems in the organization as it is', async () => {
    const { app, org } = await setUp();
    const created = await call(app, 'workflows.create', {
      organizationId: org.id,
      name: 'Big orders',
      description: 'Tags and tells Slack',
      definition: soundWorkflow(),
    });
    expect(created).toMatchObject({ name: 'Big orders', currentVersion: 1, apps: ['slack'], savedBy: 'test-admin' });
    // Slack is installed in no store of the organization yet: it is on the Not installed list (R5).
    expect(created.problems.map((p) => `${p.code}@${p.stepId}`)).toEqual(['app_not_installed_in_organization@tell-slack']);

    addStore(app, org.id, 'Oslo', ['slack']);
    expect((await call(app, 'workflows.get', { id: created.id })).problems).toEqual([]);

    await call(app, 'workflows.create', { organizationId: org.id, name: 'a draft' });
    const list = await call(app, 'workflows.list', { organizationId: org.id });
    expect(list.map((w) => [w.name, w.trigger?.name?.en ?? null, w.apps])).toEqual([
      ['a draft', null, []],
      ['Big orders', 'Order paid', ['slack']],
    ]);
    expect((await call(app, 'organizations.list', {}))[0]!.workflowCount).toBe(2);
  });

  it('save keeps every version; revert writes a new version with the old definition; versions and version read them back', async () => {
    const { app, org } = await setUp();
    addStore(app, org.id, 'Oslo', ['slack', 'klaviyo']);
    const v1 = await call(app, 'workflows.create', { organizationId: org.id, name: 'Paid orders', definition: slackOnly() });
    const edited = workflow(
      'shopify:order_paid',
      action('track', 'klaviyo:track_event', { event_name: 'Paid', customer_email: '{{ order.customer.email }}' }),
    );
    const v2 = await call(app, 'workflows.save', { id: v1.id, definition: edited, note: 'Klaviyo instead of Slack', expectedVersion: 1 });
    expect(v2.workflow).toMatchObject({ currentVersion: 2, apps: ['klaviyo'], note: 'Klaviyo instead of Slack' });
    expect(v2.problems).toEqual([]);

    const reverted = await call(app, 'workflows.revert', { id: v1.id, version: 1, expectedVersion: 2 });
    expect(reverted.workflow.currentVersion).toBe(3);
    expect(reverted.workflow.definition).toEqual(v1.definition);
    expect(reverted.workflow.note).toBe('Reverted to version 1');

    const versions = await call(app, 'workflows.versions', { id: v1.id });
    expect(versions.map((v) => [v.version, v.triggerKey, v.current, v.note])).toEqual([
      [3, 'shopify:order_paid', true, 'Reverted to version 1'],
      [2, 'shopify:order_paid', false, 'Klaviyo instead of Slack'],
      [1, 'shopify:order_paid', false, ''],
    ]);
    const second = await call(app, 'workflows.version', { id: v1.id, version: 2 });
    expect(second).toMatchObject({ version: 2, current: false, savedBy: 'test-admin', definition: edited, problems: [] });

    const log = app.handlerContext.audit.query({ workflowId: v1.id, limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['workflow.reverted', 'workflow.saved', 'workflow.created']);
    expect(log[1]!.summary).toBe('Saved workflow "Paid orders" as version 2 (no problems; published, as it runs nowhere)');
    expect(log[1]!.before).toMatchObject({ version: 1, apps: ['slack'] });
    expect(log[1]!.after).toMatchObject({ version: 2, apps: ['klaviyo'], errors: 0, note: 'Klaviyo instead of Slack' });
    expect(log[0]!.after).toMatchObject({ version: 3, revertedTo: 1 });
  });

  it('refuses a save based on a stale version, saying who saved which version meanwhile, and writes nothing', async () => {
    const { app, org } = await setUp();
    const w = await call(app, 'workflows.create', { organizationId: org.id, name: 'Paid orders', definition: slackOnly() });
    await call(app, 'workflows.save', { id: w.id, definition: slackOnly(), expectedVersion: 1 });
    const before = written(app);
    const error = await refusal(app, 'workflows.save', { id: w.id, definition: workflow(null), expectedVersion: 1 });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /^test-admin saved version 2 of workflow "Paid orders" meanwhile \(at .+\); your changes are based on version 1\. /,
    );
    expect(error.details).toMatchObject({ path: ['expectedVersion'], currentVersion: 2, expectedVersion: 1 });
    expect((await refusal(app, 'workflows.revert', { id: w.id, version: 1, expectedVersion: 1 })).code).toBe('conflict');
    expect(written(app)).toEqual(before);
  });

  it('keeps the version of an invalid definition (nothing an admin edits is lost) and returns its problems', async () => {
    const { app, org } = await setUp();
    const w = await call(app, 'workflows.create', { organizationId: org.id, name: 'Draft' });
    expect(w.problems.map((p) => p.code)).toEqual(['trigger_missing']);
    const broken = workflow(
      'shopify:product_created',
      action('boost', 'klevu:promote_demote_product', { product_id: '{{ product.id }}', boost_score: 'lots' }),
    );
    const saved = await call(app, 'workflows.save', { id: w.id, name: 'Boost new products', definition: broken, expectedVersion: 1 });
    expect(saved.workflow).toMatchObject({ name: 'Boost new products', currentVersion: 2, definition: broken });
    expect(saved.problems.map((p) => `${p.code}@${p.stepId}/${p.field}`)).toEqual([
      'app_not_installed_in_organization@boost/task.app',
      'constraint_requires_trigger@boost/task.handle',
      'wrong_type@boost/boost_score',
    ]);
    expect(saved.workflow.problems).toEqual(saved.problems);
    expect(app.handlerContext.audit.query({ workflowId: w.id, limit: 1 })[0]!.summary).toBe(
      'Saved workflow "Boost new products" as version 2 (3 errors; a draft: what runs is unchanged)',
    );
  });

  it('lets a workflow that already used a deprecated trigger keep it (a warning), but not a new one or a copy', async () => {
    const { app, org } = await setUp();
    addStore(app, org.id, 'Oslo', ['enquire']);
    const legacy = workflow(
      'enquire:survey_response_created_legacy',
      action('tag', 'shopify:add_order_tags', { order_id: '{{ order_id }}', tags: 'surveyed' }),
    );
    const w = await call(app, 'workflows.create', { organizationId: org.id, name: 'Survey tags', definition: legacy });
    expect(w.problems.map((p) => p.severity)).toEqual(['error']);
    const draft = await call(app, 'workflows.validate', { organizationId: org.id, definition: legacy, workflowId: w.id });
    expect(draft).toMatchObject({ valid: true, problems: [{ code: 'deprecated_trigger', severity: 'warning' }] });
    const saved = await call(app, 'workflows.save', { id: w.id, definition: legacy, expectedVersion: 1 });
    expect(saved.problems).toMatchObject([{ code: 'deprecated_trigger', severity: 'warning' }]);
    const copy = await call(app, 'workflows.duplicate', { id: w.id, name: 'Survey tags (copy)' });
    expect(copy.problems).toMatchObject([{ code: 'deprecated_trigger', severity: 'error' }]);
  });

  it('validates an unsaved draft against the organization without writing anything', async () => {
    const { app, org } = await setUp();
    addStore(app, org.id, 'Oslo', ['firepush']);
    const before = written(app);
    const result = await call(app, 'workflows.validate', {
      organizationId: org.id,
      definition: workflow(
        'shopify:customer_created',
        action('sms', 'firepush:send_sms', { phone: '91234567', message: 'Hi {{ customer.firstName }}' }),
      ),
    });
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => `${p.code}@${p.stepId}/${p.field}`)).toEqual(['wrong_format@sms/phone']);
    expect(written(app)).toEqual(before);

    const other = await call(app, 'organizations.create', { name: 'Other' });
    const theirs = await call(app, 'workflows.create', { organizationId: other.id, name: 'Theirs' });
    const error = await refusal(app, 'workflows.validate', { organizationId: org.id, definition: workflow(null), workflowId: theirs.id });
    expect(error).toMatchObject({ code: 'refused', message: 'Workflow "Theirs" belongs to another organization' });
  });

  it('keeps names unique in an organization, ignoring case (Æ/æ too), on create, save, duplicate and revert', async () => {
    const { app, org } = await setUp();
    const other = await call(app, 'organizations.create', { name: 'Other' });
    const first = await call(app, 'workflows.create', { organizationId: org.id, name: 'Ærlige ordre' });
    await call(app, 'workflows.create', { organizationId: other.id, name: 'Ærlige ordre' }); // another organization: fine
    const second = await call(app, 'workflows.create', { organizationId: org.id, name: 'Second' });
    const before = written(app);
    for (const [method, input] of [
      ['workflows.create', { organizationId: org.id, name: 'ærlige ORDRE' }],
      ['workflows.save', { id: second.id, name: 'ÆRLIGE ordre', definition: workflow(null), expectedVersion: 1 }],
      ['workflows.duplicate', { id: second.id, name: 'ærlige ordre' }],
    ] as const) {
      const error = await refusal(app, method, input);
      expect(error, method).toMatchObject({
        code: 'conflict',
        message: 'A workflow named "Ærlige ordre" already exists in this organization',
      });
    }
    expect(written(app)).toEqual(before);

    // A revert brings the old name back, so it may clash too.
    await call(app, 'workflows.save', { id: first.id, name: 'Renamed', definition: workflow(null), expectedVersion: 1 });
    await call(app, 'workflows.save', { id: second.id, name: 'Ærlige Ordre', definition: workflow(null), expectedVersion: 1 });
    expect((await refusal(app, 'workflows.revert', { id: first.id, version: 1, expectedVersion: 2 })).code).toBe('conflict');
    // Saving under its own name in another case is not a clash.
    await call(app, 'workflows.save', { id: second.id, name: 'ÆRLIGE ORDRE', definition: workflow(null), expectedVersion: 2 });
  });

  it('duplicates the current version into a new workflow of the same organization', async () => {
    const { app, org } = await setUp();
    const w = await call(app, 'workflows.create', {
      organizationId: org.id,
      name: 'Paid orders',
      description: 'd',
      definition: slackOnly(),
    });
    const copy = await call(app, 'workflows.duplicate', { id: w.id, name: 'Paid orders 2' });
    expect(copy).toMatchObject({
      organizationId: org.id,
      name: 'Paid orders 2',
      description: 'd',
      currentVersion: 1,
      definition: w.definition,
      note: 'Duplicated from "Paid orders" version 1',
    });
    expect(copy.id).not.toBe(w.id);
    expect(app.handlerContext.audit.query({ workflowId: copy.id, limit: 1 })[0]).toMatchObject({
      action: 'workflow.duplicated',
      before: { workflowId: w.id },
    });
  });

  it('deletes a workflow with its versions and activations, and the audit log keeps its last definition', async () => {
    const { app, org } = await setUp();
    const store = addStore(app, org.id, 'Oslo', []);
    const w = await call(app, 'workflows.create', { organizationId: org.id, name: 'Paid orders', definition: slackOnly() });
    await call(app, 'workflows.save', { id: w.id, definition: slackOnly(), expectedVersion: 1 });
    app.db
      .prepare(`INSERT INTO activations (workflow_id, store_id, enabled, updated_at) VALUES (?, ?, 1, ?)`)
      .run(w.id, store, '2024-05-01T00:00:00Z');
    expect(await call(app, 'workflows.deletionImpact', { id: w.id })).toMatchObject({
      workflow: { name: 'Paid orders' },
      versions: 2,
      activations: 1,
    });
    const impact = await call(app, 'workflows.delete', { id: w.id });
    expect(impact).toMatchObject({ versions: 2, activations: 1 });
    expect(written(app)).toMatchObject({ workflows: 0, versions: 0, activations: 0 });
    expect(await call(app, 'workflows.list', { organizationId: org.id })).toEqual([]);
    const [entry] = app.handlerContext.audit.query({ workflowId: w.id, limit: 1 });
    expect(entry).toMatchObject({
      action: 'workflow.deleted',
      summary: 'Deleted workflow "Paid orders" with 2 versions and 1 activations',
      before: { definition: slackOnly() },
    });
    expect((await refusal(app, 'workflows.get', { id: w.id })).code).toBe('not_found');
  });
});

describe('workflows API refusals: a clear error naming the field, and nothing written', () => {
  const missing = '0b9f3c1e-3a57-4b8e-9f00-000000000000';
  const badStep = { trigger: null, steps: [{ id: 'a', kind: 'loop' }] };

  // [method, input (ids filled in per test), expected code, message pattern, or zod's issues as `path: code`]
  type Case = [string, (ids: { org: string; wf: string }) => unknown, string, RegExp | string[]];
  const cases: Case[] = [
    ['workflows.list', () => ({ organizationId: 'nordic' }), 'invalid_input', /^workflows\.list: organizationId: must be an id \(UUID\)$/],
    ['workflows.list', () => ({ organizationId: missing }), 'not_found', /^Organization 0b9f3c1e-.* does not exist$/],
    ['workflows.get', () => ({}), 'invalid_input', ['id: invalid_type']],
    ['workflows.get', () => ({ id: missing }), 'not_found', /^Workflow 0b9f3c1e-.* does not exist$/],
    [
      'workflows.create',
      ({ org }) => ({ organizationId: org, name: 'X', definition: badStep }),
      'invalid_input',
      ['definition.steps[0].kind: invalid_union'],
    ],
    [
      'workflows.create',
      ({ org }) => ({ organizationId: org, name: '  ' }),
      'invalid_input',
      /^workflows\.create: name: must not be empty$/,
    ],
    ['workflows.create', ({ org }) => ({ organizationId: org, name: 'X', colour: 'red' }), 'invalid_input', ['(input): unrecognized_keys']],
    ['workflows.create', () => ({ organizationId: missing, name: 'X' }), 'not_found', /^Organization .* does not exist$/],
    [
      'workflows.save',
      ({ wf }) => ({ id: wf, definition: { trigger: null, steps: [] }, expectedVersion: 0 }),
      'invalid_input',
      /^workflows\.save: expectedVersion: must be a version number \(1 or more\)$/,
    ],
    ['workflows.save', ({ wf }) => ({ id: wf, expectedVersion: 1 }), 'invalid_input', ['definition: invalid_type']],
    [
      'workflows.save',
      ({ wf }) => ({
        id: wf,
        expectedVersion: 1,
        definition: {
          trigger: null,
          steps: [{ id: 'a', kind: 'action', task: { app: 'slack', handle: 'send_message' }, inputs: { text: 5 } }],
        },
      }),
      'invalid_input',
      ['definition.steps[0].inputs.text: invalid_type'],
    ],
    [
      'workflows.save',
      () => ({ id: missing, definition: { trigger: null, steps: [] }, expectedVersion: 1 }),
      'not_found',
      /^Workflow .* does not exist$/,
    ],
    [
      'workflows.save',
      ({ wf }) => ({ id: wf, definition: { trigger: null, steps: [] }, expectedVersion: 7 }),
      'conflict',
      /^Workflow "Paid orders" has no version 7; its current version is 1$/,
    ],
    [
      'workflows.validate',
      ({ org }) => ({ organizationId: org, definition: { trigger: { id: 't', task: { app: 'shopify' } }, steps: [] } }),
      'invalid_input',
      ['definition.trigger.task.handle: invalid_type'],
    ],
    [
      'workflows.validate',
      ({ org }) => ({ organizationId: org, definition: { trigger: null, steps: [] }, workflowId: missing }),
      'not_found',
      /^Workflow .* does not exist$/,
    ],
    ['workflows.versions', () => ({ id: 'abc' }), 'invalid_input', /^workflows\.versions: id: must be an id \(UUID\)$/],
    ['workflows.version', ({ wf }) => ({ id: wf, version: 'two' }), 'invalid_input', ['version: invalid_type']],
    [
      'workflows.version',
      ({ wf }) => ({ id: wf, version: 9 }),
      'not_found',
      /^Workflow "Paid orders" has no version 9; its versions are 1 to 1$/,
    ],
    ['workflows.revert', ({ wf }) => ({ id: wf, version: 1 }), 'invalid_input', ['expectedVersion: invalid_type']],
    ['workflows.revert', ({ wf }) => ({ id: wf, version: 4, expectedVersion: 1 }), 'not_found', /^Workflow "Paid orders" has no version 4/],
    ['workflows.duplicate', ({ wf }) => ({ id: wf, name: 'Copy', organizationId: wf }), 'invalid_input', ['(input): unrecognized_keys']],
    ['workflows.duplicate', () => ({ id: missing, name: 'Copy' }), 'not_found', /^Workflow .* does not exist$/],
    ['workflows.deletionImpact', () => ({ id: 42 }), 'invalid_input', ['id: invalid_type']],
    ['workflows.delete', () => ({ id: 'x' }), 'invalid_input', /^workflows\.delete: id: must be an id \(UUID\)$/],
    ['workflows.delete', () => ({ id: missing }), 'not_found', /^Workflow .* does not exist$/],
    ['workflows.publishImpact', ({ wf }) => ({ id: wf, version: 9 }), 'not_found', /^Workflow "Paid orders" has no version 9/],
    ['workflows.publish', ({ wf }) => ({ id: wf, storeIds: ['oslo'] }), 'invalid_input', ['storeIds[0]: invalid_format']],
    [
      'workflows.publish',
      ({ wf }) => ({ id: wf, storeIds: [missing] }),
      'not_found',
      /^Store .* is not a store of this workflow's organization$/,
    ],
    [
      'workflows.rollback',
      ({ wf }) => ({ id: wf, version: 1 }),
      'refused',
      /^Version 1 is the latest of workflow "Paid orders": publish it instead/,
    ],
  ];

  for (const [method, input, code, message] of cases) {
    it(`${method}: ${(message instanceof RegExp ? message.source.replace(/^\^/, '') : message.join(', ')).slice(0, 70)}`, async () => {
      const { app, org } = await setUp();
      const wf = await call(app, 'workflows.create', { organizationId: org.id, name: 'Paid orders', definition: slackOnly() });
      const before = written(app);
      const error = await refusal(app, method, input({ org: org.id, wf: wf.id }));
      expect(error.code).toBe(code);
      if (message instanceof RegExp) expect(error.message).toMatch(message);
      else expect(inputIssues(error)).toEqual(message);
      expect(written(app)).toEqual(before);
      expect(await call(app, 'workflows.get', { id: wf.id })).toMatchObject({ currentVersion: 1, definition: slackOnly() });
    });
  }

  it('covers every workflows method', () => {
    const methods = Object.keys(contract).filter((m) => m.startsWith('workflows.'));
    expect(methods.filter((m) => !cases.some(([c]) => c === m))).toEqual([]);
  });
});
