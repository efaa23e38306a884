import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call, inputIssues, openTestApp, refusal } from '../../support/app';
import { organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const ghost = '0b9f3c1e-3a57-4b8e-9f00-000000000000';

/** Every row of every table, and SQLite's count of rows this connection changed: nothing written means both stay. */
function footprint(app: AppContext) {
  const db = app.handlerContext.db;
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return {
    rows: Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()])),
    changes: db.prepare('SELECT total_changes()').pluck().get(),
  };
}

describe('every organization API method with bad input: a clear error naming the field, and nothing written', () => {
  let app: AppContext;
  let ids: { organizationId: string; storeId: string; workflowId: string };
  beforeAll(async () => {
    app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo']);
    const w = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    ids = { organizationId, storeId: stores.Oslo!, workflowId: w.id };
  });
  afterAll(() => app.close());

  // Our own rules are checked by their words; zod's checks by field path and issue code (its wording is zod's).
  const cases: [string, (i: typeof ids) => unknown, RegExp | string[]][] = [
    ['catalog.get', () => ({ language: 'nb' }), ['(input): unrecognized_keys']],
    ['catalog.schema', () => ({ apiVersion: '2024-01' }), ['(input): unrecognized_keys']],
    ['stores.list', () => ({}), ['organizationId: invalid_type']],
    ['stores.get', () => ({ storeId: 42 }), ['storeId: invalid_type']],
    [
      'stores.add',
      (i) => ({ organizationId: i.organizationId, name: '  ', domain: 'x.myshopify.com' }),
      /^stores\.add: name: must not be empty$/,
    ],
    [
      'stores.add',
      (i) => ({ organizationId: i.organizationId, name: 'Bergen', domain: 'bergen.example.com' }),
      /^stores\.add: domain: must be a store address like nordic-goods-oslo\.myshopify\.com$/,
    ],
    [
      'stores.add',
      (i) => ({ organizationId: i.organizationId, name: 'Bergen', domain: 'b.myshopify.com', timeZone: 'Mars/Olympus' }),
      /^stores\.add: timeZone: must be a time zone such as Europe\/Oslo \(IANA name\)$/,
    ],
    [
      'stores.add',
      (i) => ({ organizationId: i.organizationId, name: 'Bergen', domain: 'b.myshopify.com', flowInstalled: 'yes' }),
      ['flowInstalled: invalid_type'],
    ],
    ['stores.previewMany', (i) => ({ organizationId: i.organizationId, text: 42 }), ['text: invalid_type']],
    [
      'stores.addMany',
      (i) => ({ organizationId: i.organizationId, text: 'a.myshopify.com', defaultTimeZone: 'Mars/Olympus' }),
      /^stores\.addMany: defaultTimeZone: must be a time zone such as Europe\/Oslo \(IANA name\)$/,
    ],
    ['stores.rename', (i) => ({ storeId: i.storeId, name: 'x'.repeat(121) }), /^stores\.rename: name: must be at most 120 characters$/],
    ['stores.removalImpact', () => ({ storeId: 'oslo' }), /^stores\.removalImpact: storeId: must be an id \(UUID\)$/],
    ['stores.remove', () => ({ storeId: 'oslo' }), /^stores\.remove: storeId: must be an id \(UUID\)$/],
    ['stores.flowUninstallImpact', () => ({}), ['storeId: invalid_type']],
    ['stores.setFlowApp', (i) => ({ storeId: i.storeId }), ['installed: invalid_type']],
    ['apps.lists', () => ({ organizationId: 'nordic' }), /^apps\.lists: organizationId: must be an id \(UUID\)$/],
    ['apps.ofStore', (i) => ({ storeId: i.storeId, extra: 1 }), ['(input): unrecognized_keys']],
    ['apps.install', () => ({ appId: 'klaviyo', storeIds: [] }), /^apps\.install: storeIds: must list at least one store$/],
    [
      'apps.install',
      (i) => ({ appId: 'Klaviyo!', storeIds: [i.storeId] }),
      /^apps\.install: appId: must be an app id of the catalog, like loyaltylion$/,
    ],
    ['apps.install', (i) => ({ appId: 'klaviyo', storeIds: [i.storeId], setupComplete: 'true' }), ['setupComplete: invalid_type']],
    ['apps.uninstallImpact', () => ({ appId: 'klaviyo' }), ['storeIds: invalid_type']],
    ['apps.uninstall', () => ({ appId: 'klaviyo', storeIds: ['oslo'] }), /^apps\.uninstall: storeIds\[0\]: must be an id \(UUID\)$/],
    [
      'apps.setSetupStep',
      (i) => ({ storeId: i.storeId, appId: 'klaviyo', step: '', done: true }),
      /^apps\.setSetupStep: step: must not be empty$/,
    ],
    ['apps.setSetupStep', (i) => ({ storeId: i.storeId, appId: 'klaviyo', step: 'account' }), ['done: invalid_type']],
    ['connections.list', () => ({}), ['storeId: invalid_type']],
    [
      'connections.set',
      (i) => ({ storeId: i.storeId, appId: 'slack', account: '#orders', secret: '' }),
      /^connections\.set: secret: must not be empty$/,
    ],
    [
      'connections.set',
      (i) => ({ storeId: i.storeId, appId: 'slack', account: '   ', secret: 's' }),
      /^connections\.set: account: must not be empty$/,
    ],
    ['connections.remove', (i) => ({ storeId: i.storeId }), ['appId: invalid_type']],
    [
      'activations.set',
      (i) => ({ workflowId: i.workflowId, storeIds: 'some', enabled: true }),
      /^activations\.set: storeIds: must be "all" or a list of store ids$/,
    ],
    ['activations.set', (i) => ({ workflowId: i.workflowId, storeIds: 'all', enabled: 'yes' }), ['enabled: invalid_type']],
    [
      'activations.setInStore',
      (i) => ({ storeId: i.storeId, workflowIds: [], enabled: true }),
      /^activations\.setInStore: workflowIds: must list at least one workflow$/,
    ],
    [
      'activations.reenableDeactivated',
      (i) => ({ organizationId: i.organizationId, storeIds: [] }),
      /^activations\.reenableDeactivated: storeIds: must list at least one store$/,
    ],
    ['activations.bulk', (i) => ({ organizationId: i.organizationId, action: 'toggle', selection: {} }), ['action: invalid_value']],
    [
      'activations.bulk',
      (i) => ({ organizationId: i.organizationId, action: 'enable', selection: { cells: [{ workflowId: i.workflowId }] } }),
      ['selection.cells[0].storeId: invalid_type'],
    ],
    ['activations.bulkPreview', (i) => ({ organizationId: i.organizationId, action: 'toggle', selection: {} }), ['action: invalid_value']],
    ['activations.lastBulk', () => ({ organizationId: 'nordic' }), ['organizationId: invalid_format']],
    ['activations.undoBulk', () => ({ bulkChangeId: 42 }), ['bulkChangeId: invalid_type']],
    ['status.pair', (i) => ({ storeId: i.storeId }), ['workflowId: invalid_type']],
    ['status.store', (i) => ({ storeId: i.storeId, limit: 0 }), /^status\.store: limit: must be at least 1$/],
    ['status.store', (i) => ({ storeId: i.storeId, states: ['running', 'broken'] }), ['states[1]: invalid_value']],
    ['status.workflow', (i) => ({ workflowId: i.workflowId, offset: -1 }), /^status\.workflow: offset: must be 0 or more$/],
    [
      'status.matrix',
      (i) => ({ organizationId: i.organizationId, workflows: { limit: 5000 } }),
      /^status\.matrix: workflows\.limit: must be at most 1000$/,
    ],
    [
      'status.matrix',
      (i) => ({ organizationId: i.organizationId, filter: { states: [] } }),
      /^status\.matrix: filter\.states: must list at least one state$/,
    ],
    ['status.overview', () => ({ organizationId: ghost.slice(1) }), /^status\.overview: organizationId: must be an id \(UUID\)$/],
    ['audit.query', () => ({ limit: 0 }), /^audit\.query: limit: must be at least 1$/],
    ['audit.query', () => ({ beforeSeq: 0 }), /^audit\.query: beforeSeq: must be 1 or more$/],
  ];

  for (const [method, input, message] of cases) {
    it(`${method} ${JSON.stringify(input({ organizationId: 'O', storeId: 'S', workflowId: 'W' }))}`, async () => {
      const before = footprint(app);
      const error = await refusal(app, method, input(ids));
      expect(error.code).toBe('invalid_input');
      if (message instanceof RegExp) expect(error.message).toMatch(message);
      else expect(inputIssues(error)).toEqual(message);
      expect(footprint(app)).toEqual(before);
    });
  }

  it('every method of this part of the API has at least one bad-input case above', () => {
    const covered = new Set(cases.map(([m]) => m));
    const mine = app.api.methods.filter((m) => /^(catalog|stores|apps|connections|activations|status|audit)\./.test(m));
    expect(mine.length).toBeGreaterThan(25);
    expect(mine.filter((m) => !covered.has(m))).toEqual([]);
  });

  it('ids that do not exist: not_found naming what, and nothing written', async () => {
    const before = footprint(app);
    for (const [method, input] of [
      ['stores.rename', { storeId: ghost, name: 'X' }],
      ['stores.setFlowApp', { storeId: ghost, installed: false }],
      ['apps.install', { appId: 'klaviyo', storeIds: [ghost] }],
      ['connections.set', { storeId: ghost, appId: 'slack', account: 'a', secret: 's' }],
      ['activations.set', { workflowId: ghost, storeIds: 'all', enabled: true }],
      ['activations.reenableDeactivated', { organizationId: ghost }],
      ['activations.bulk', { organizationId: ghost, action: 'enable', selection: {} }],
      ['activations.lastBulk', { organizationId: ghost }],
      ['status.overview', { organizationId: ghost }],
    ] as const) {
      const error = await refusal(app, method, input);
      expect(error.code, method).toBe('not_found');
      expect(error.message, method).toMatch(new RegExp(`^(Store|Workflow|Organization) ${ghost} does not exist$`));
    }
    expect(footprint(app)).toEqual(before);
    expect(await call(app, 'stores.list', { organizationId: ids.organizationId })).toHaveLength(1);
  });
});
