import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { exportFlow } from '../../../electron/transfer/flow-file/export-flow';
import { call, openTestApp, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { flowFixture, orderTagDefinition, rowCounts, zipOf } from '../../support/transfer-fixture';

const tempDir = useTempDir();
const catalog = loadCatalog();

/** An organization with one store where Klaviyo is installed (so it is on the Installed list) and Asana is not. */
async function setUp() {
  const app = await openTestApp(tempDir());
  const organization = await call(app, 'organizations.create', { name: 'Nordic Goods' });
  const store = await call(app, 'stores.add', { organizationId: organization.id, name: 'Oslo', domain: 'oslo.myshopify.com' });
  await call(app, 'apps.install', { appId: 'klaviyo', storeIds: [store.id], setupComplete: true });
  return { app, organizationId: organization.id, store };
}

const file = (name: string, text = flowFixture(name)) => ({ name: name.replace(/^bad\//, ''), text });

async function expectNothingWritten(app: AppContext, before: Record<string, number>) {
  expect(rowCounts(app)).toEqual(before);
}

describe('transfer.previewImport', () => {
  it('reports per file the workflow, the apps it needs on the Installed or Not installed list, and its problems; writes nothing', async () => {
    const { app, organizationId } = await setUp();
    const before = rowCounts(app);
    const { files } = await call(app, 'transfer.previewImport', {
      organizationId,
      files: [file('scheduled-connectors.flow'), file('order-tags-condition.flow')],
    });
    expect(files[0]).toMatchObject({
      name: 'scheduled-connectors.flow',
      status: 'ready',
      hash: 'verified',
      workflow: {
        name: 'Daily digest',
        importAs: 'Daily digest',
        trigger: { app: 'shopify', handle: 'scheduled_time', name: { en: 'Scheduled time' } },
        steps: 2,
      },
      apps: [
        { appId: 'asana', name: { en: 'Asana' }, list: 'not_installed' },
        { appId: 'klaviyo', name: { en: 'Klaviyo - Email Marketing' }, list: 'installed' },
      ],
      issues: [],
    });
    expect(files[0]!.problems).toContainEqual(
      expect.objectContaining({
        code: 'app_not_installed_in_organization',
        stepId: expect.any(String),
        params: expect.objectContaining({ appId: 'asana' }),
      }),
    );
    expect(files[1]).toMatchObject({ name: 'order-tags-condition.flow', status: 'ready', apps: [], problems: [] });
    await expectNothingWritten(app, before);
  });

  it('reports every file of a ZIP by its entry, and lists what it skipped', async () => {
    const { app, organizationId } = await setUp();
    const zip = zipOf({
      'flows/a.flow': flowFixture('list-tests.flow'),
      'flows/b.flow': flowFixture('wrong-hash.flow'),
      'notes.txt': 'hello',
    });
    const result = await call(app, 'transfer.previewImport', { organizationId, files: [{ name: 'batch.zip', contentBase64: zip }] });
    expect(result.files.map((f) => [f.name, f.file, f.entry, f.status, f.hash])).toEqual([
      ['batch.zip/flows/a.flow', 'batch.zip', 'flows/a.flow', 'ready', 'verified'],
      ['batch.zip/flows/b.flow', 'batch.zip', 'flows/b.flow', 'needs_confirmation', 'mismatch'],
    ]);
    expect(result.files[1]!.issues[0]!.message).toMatch(
      /^batch\.zip\/flows\/b\.flow: line 1, column 1: the SHA-256 prefix \([0-9a-f]{12}…\) does not match the JSON/,
    );
    expect(result.skipped).toEqual([{ file: 'batch.zip', entry: 'notes.txt' }]);
  });
});

describe('transfer.import', () => {
  it('imports switched off, as version 1 noted "Imported from <file>", and records it', async () => {
    const { app, organizationId } = await setUp();
    const result = await call(app, 'transfer.import', { organizationId, files: [file('foreach-and-wait.flow')] });
    expect(result.imported).toEqual([
      { file: 'foreach-and-wait.flow', workflowId: expect.any(String), name: 'Tracking mails, then points' },
    ]);
    const { workflowId } = result.imported[0]!;
    const workflow = await call(app, 'workflows.get', { id: workflowId });
    expect(workflow).toMatchObject({
      name: 'Tracking mails, then points',
      currentVersion: 1,
      note: 'Imported from foreach-and-wait.flow',
      savedBy: 'test-admin',
      apps: ['loyaltylion'],
    });
    expect(app.db.prepare(`SELECT count(*) FROM activations WHERE workflow_id = ?`).pluck().get(workflowId)).toBe(0);
    const status = await call(app, 'status.workflow', { workflowId });
    expect(status.items.map((i) => [i.name, i.state])).toEqual([['Oslo', 'off']]);
    expect(app.handlerContext.audit.query({ workflowId, limit: 5 })).toEqual([
      expect.objectContaining({
        action: 'workflow.imported',
        summary: 'Imported workflow "Tracking mails, then points" from foreach-and-wait.flow (switched off)',
      }),
    ]);
  });

  it('gives a name already in the organization a number', async () => {
    const { app, organizationId } = await setUp();
    await call(app, 'transfer.import', { organizationId, files: [file('order-tags-condition.flow')] });
    const again = await call(app, 'transfer.import', {
      organizationId,
      files: [file('order-tags-condition.flow'), file('order-tags-condition.flow')],
    });
    expect(again.imported.map((i) => [i.file, i.name])).toEqual([
      ['order-tags-condition.flow', 'Tag big staff orders (2)'],
      ['order-tags-condition.flow (2)', 'Tag big staff orders (3)'],
    ]);
  });

  it('imports a file whose hash does not match only when the admin confirms it by name', async () => {
    const { app, organizationId } = await setUp();
    const before = rowCounts(app);
    const error = await refusal(app, 'transfer.import', { organizationId, files: [file('wrong-hash.flow')] });
    expect(error.code).toBe('confirmation_required');
    expect(error.message).toMatch(
      /^Nothing was imported: 1 file of 1 cannot be imported as it is\. wrong-hash\.flow: line 1, column 1: the SHA-256 prefix/,
    );
    await expectNothingWritten(app, before);
    const confirmed = await call(app, 'transfer.import', {
      organizationId,
      files: [file('wrong-hash.flow')],
      confirmHashMismatch: ['wrong-hash.flow'],
    });
    expect(confirmed.imported).toHaveLength(1);
  });

  it('imports a file with tasks this app does not know only when confirmed, keeping them verbatim', async () => {
    const { app, organizationId } = await setUp();
    const before = rowCounts(app);
    const error = await refusal(app, 'transfer.import', { organizationId, files: [file('bad/unknown-task.flow')] });
    expect(error.code).toBe('confirmation_required');
    expect(error.message).toContain('unknown-task.flow: root.steps[1].task_id, step ');
    expect(error.message).toContain('the action "acme::flow-connectors::launch_rocket" is not in this app\'s catalog');
    await expectNothingWritten(app, before);
    const { imported } = await call(app, 'transfer.import', {
      organizationId,
      files: [file('bad/unknown-task.flow')],
      confirmUnknownTasks: ['unknown-task.flow'],
    });
    const workflow = await call(app, 'workflows.get', { id: imported[0]!.workflowId });
    expect(workflow.definition.steps).toEqual([
      expect.objectContaining({ kind: 'opaque', taskId: 'acme::flow-connectors::launch_rocket' }),
    ]);
    expect(workflow.problems).toContainEqual(expect.objectContaining({ code: 'opaque_step', severity: 'warning' }));
    // Written back on export exactly as it came.
    const exported = await call(app, 'transfer.exportWorkflow', { workflowId: imported[0]!.workflowId });
    expect(JSON.parse(exported.text.slice(65))).toEqual(JSON.parse(flowFixture('bad/unknown-task.flow').slice(65)));
  });

  describe('bad input: a clear error naming the file and the place, and nothing written', () => {
    const big = `{"root":{"steps":[],"links":[],"workflow_name":"${'x'.repeat(5 * 1024 * 1024)}"}}`;
    const bomb = (() => {
      const zip = zipSync({ 'ok.flow': strToU8(flowFixture('list-tests.flow')), 'bomb.flow': new Uint8Array(8 * 1024 * 1024).fill(32) });
      const view = new DataView(zip.buffer);
      for (let i = 0; i < zip.length - 46; i++) {
        const sig = view.getUint32(i, true);
        if (sig !== 0x04034b50 && sig !== 0x02014b50) continue;
        const local = sig === 0x04034b50;
        const n = view.getUint16(i + (local ? 26 : 28), true);
        const at = i + (local ? 30 : 46);
        if (Buffer.from(zip.subarray(at, at + n)).toString() === 'bomb.flow') view.setUint32(i + (local ? 22 : 24), 100, true);
      }
      return Buffer.from(zip).toString('base64');
    })();
    const cases: [string, { name: string; text?: string; contentBase64?: string }, string][] = [
      [
        'a truncated file',
        file('bad/truncated.flow'),
        'truncated.flow: line 1, column 1947: invalid JSON: the JSON ends too early (is the file cut short?)',
      ],
      [
        'invalid JSON',
        file('bad/invalid-json.flow'),
        'invalid-json.flow: line 1, column 192: invalid JSON: expected a property name in double quotes, found "}"',
      ],
      [
        'a wrong envelope',
        file('bad/wrong-envelope.flow'),
        'wrong-envelope.flow: root: missing: a .flow file keeps its workflow under "root"',
      ],
      ['a step of the wrong shape', file('bad/wrong-step-shape.flow'), 'wrong-step-shape.flow: root.steps[1].task_id: must be text'],
      [
        'a prefix that is not a SHA-256',
        file('bad/short-prefix.flow'),
        'short-prefix.flow: line 1, column 1: this is not a .flow file: the prefix has 6 hex digits where a SHA-256 has 64',
      ],
      [
        'an oversized file',
        { name: 'big.flow', text: big },
        `big.flow: the file is ${big.length} bytes; a .flow file may be at most 5242880 bytes`,
      ],
      ['content that is not base64', { name: 'x.zip', contentBase64: 'not base64!' }, 'x.zip: the content is not valid base64'],
      [
        'a ZIP bomb',
        { name: 'bomb.zip', contentBase64: bomb },
        'bomb.zip: bomb.flow: the entry inflates to more than 5242880 bytes (its header claimed less: a ZIP bomb?); nothing from this ZIP is imported',
      ],
      [
        'a ZIP with too many entries',
        { name: 'many.zip', contentBase64: zipOf(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`w${i}.flow`, 'x']))) },
        'many.zip: the ZIP has 501 entries; at most 500 are accepted',
      ],
      [
        'a file that is not a ZIP',
        { name: 'fake.zip', contentBase64: Buffer.from('PK, but no').toString('base64') },
        'fake.zip: this is not a ZIP file, or it is damaged',
      ],
    ];
    for (const [what, input, message] of cases) {
      it(what, async () => {
        const { app, organizationId } = await setUp();
        const before = rowCounts(app);
        const preview = await call(app, 'transfer.previewImport', { organizationId, files: [input] });
        expect(preview.files[0]).toMatchObject({ status: 'rejected', workflow: null });
        expect(preview.files[0]!.issues[0]!.message).toContain(message);
        const error = await refusal(app, 'transfer.import', { organizationId, files: [input], importGoodOnly: true });
        expect(error.code).toBe('invalid_input');
        expect(error.message).toContain(message);
        await expectNothingWritten(app, before);
      });
    }
  });

  it('a ZIP with one bad file out of ten imports nothing, unless the admin chooses to import the good ones', async () => {
    const { app, organizationId } = await setUp();
    const entries: Record<string, string> = {};
    for (let i = 1; i <= 9; i++) entries[`good-${i}.flow`] = exportFlow(`Workflow ${i}`, orderTagDefinition, catalog).text;
    entries['bad.flow'] = flowFixture('bad/truncated.flow');
    const files = [{ name: 'ten.zip', contentBase64: zipOf(entries) }];
    const before = rowCounts(app);
    const error = await refusal(app, 'transfer.import', { organizationId, files });
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toBe(
      'Nothing was imported: 1 file of 10 cannot be imported as it is. ten.zip/bad.flow: line 1, column 1947: invalid JSON: the JSON ends too early (is the file cut short?) Choose to import the 9 good files only, or fix these.',
    );
    await expectNothingWritten(app, before);

    const result = await call(app, 'transfer.import', { organizationId, files, importGoodOnly: true });
    expect(result.imported.map((i) => i.name).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `Workflow ${i + 1}`));
    expect(result.notImported).toEqual([
      { file: 'ten.zip/bad.flow', reason: expect.stringContaining('ten.zip/bad.flow: line 1, column 1947') },
    ]);
    expect((await call(app, 'workflows.list', { organizationId })).length).toBe(9);
  });

  it('refuses files given both as text and base64, naming the field', async () => {
    const { app, organizationId } = await setUp();
    const error = await refusal(app, 'transfer.import', { organizationId, files: [{ name: 'a.flow', text: 'x', contentBase64: 'eA==' }] });
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'transfer.import: files[0]: give either text or contentBase64, not both or neither',
    });
  });
});

describe('export', () => {
  it('exports a workflow as a .flow file with the prefix, which imports back as the same workflow', async () => {
    const { app, organizationId } = await setUp();
    const created = await call(app, 'workflows.create', { organizationId, name: 'Tag orders: big/small', definition: orderTagDefinition });
    const exported = await call(app, 'transfer.exportWorkflow', { workflowId: created.id });
    expect(exported.fileName).toBe('Tag orders- big-small.flow');
    expect(exported.text).toBe(exportFlow('Tag orders: big/small', orderTagDefinition, catalog).text);
    const other = await call(app, 'organizations.create', { name: 'Other' });
    const { imported } = await call(app, 'transfer.import', {
      organizationId: other.id,
      files: [{ name: exported.fileName, text: exported.text }],
    });
    const again = await call(app, 'workflows.get', { id: imported[0]!.workflowId });
    expect(again.definition).toEqual(created.definition);
    expect(again.name).toBe('Tag orders: big/small');
  });

  it('exports several workflows as a ZIP that imports back as the same workflows', async () => {
    const { app, organizationId } = await setUp();
    const { imported } = await call(app, 'transfer.import', {
      organizationId,
      files: [file('every-operator.flow'), file('branches-join.flow'), file('kept-verbatim.flow')],
      confirmUnknownTasks: ['kept-verbatim.flow'],
    });
    const ids = imported.map((i) => i.workflowId);
    const zip = await call(app, 'transfer.exportWorkflows', { workflowIds: ids });
    expect(zip.fileName).toMatch(/^workflows \d{4}-\d\d-\d\d\.zip$/);
    expect(Object.keys(unzipSync(Buffer.from(zip.zipBase64, 'base64'))).sort()).toEqual([
      'Every operator.flow',
      'Kept verbatim.flow',
      'Tier moves.flow',
    ]);
    const other = await call(app, 'organizations.create', { name: 'Other' });
    const back = await call(app, 'transfer.import', {
      organizationId: other.id,
      files: [{ name: zip.fileName, contentBase64: zip.zipBase64 }],
      confirmUnknownTasks: [`${zip.fileName}/Kept verbatim.flow`],
    });
    for (const { workflowId, name } of imported) {
      const original = await call(app, 'workflows.get', { id: workflowId });
      const copy = back.imported.find((i) => i.name === name)!;
      expect((await call(app, 'workflows.get', { id: copy.workflowId })).definition).toEqual(original.definition);
    }
  });

  it('says which workflow does not exist', async () => {
    const { app } = await setUp();
    const id = '0b9f3c1e-3a57-4b8e-9f00-000000000000';
    expect(await refusal(app, 'transfer.exportWorkflows', { workflowIds: [id] })).toMatchObject({
      code: 'not_found',
      message: `Workflow ${id} does not exist`,
    });
  });
});

describe('copy to another organization', () => {
  it('reports the apps missing there and the stores where it would not run, and why; the preview writes nothing', async () => {
    const { app, organizationId } = await setUp();
    const source = await call(app, 'workflows.create', { organizationId, name: 'Points for big orders', definition: orderTagDefinition });
    const target = await call(app, 'organizations.create', { name: 'Arctic Outfitters' });
    const tromso = await call(app, 'stores.add', { organizationId: target.id, name: 'Tromsø', domain: 'tromso.myshopify.com' });
    await call(app, 'stores.add', { organizationId: target.id, name: 'Bodø', domain: 'bodo.myshopify.com' });
    const alta = await call(app, 'stores.add', {
      organizationId: target.id,
      name: 'Alta',
      domain: 'alta.myshopify.com',
      flowInstalled: false,
    });
    await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: [tromso.id], setupComplete: true });
    await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: [alta.id], setupComplete: true });

    const before = rowCounts(app);
    const preview = await call(app, 'transfer.previewCopyWorkflow', { workflowId: source.id, targetOrganizationId: target.id });
    await expectNothingWritten(app, before);
    expect(preview).toMatchObject({
      name: 'Points for big orders',
      missingApps: [],
      apps: [{ appId: 'loyaltylion', list: 'installed' }],
      problems: [],
    });
    const byName = Object.fromEntries(preview.stores.map((s) => [s.name, s]));
    expect(byName['Tromsø']).toMatchObject({ wouldRun: true, reasons: [] });
    expect(byName['Bodø']).toMatchObject({
      wouldRun: false,
      reasons: [
        { code: 'app_not_installed', appId: 'loyaltylion', message: 'LoyaltyLion rewards & referral is not installed in this store' },
      ],
    });
    expect(byName['Alta']).toMatchObject({ wouldRun: false, reasons: [{ code: 'flow_app_not_installed' }] });

    const copied = await call(app, 'transfer.copyWorkflow', { workflowId: source.id, targetOrganizationId: target.id });
    const copy = await call(app, 'workflows.get', { id: copied.workflowId });
    expect(copy).toMatchObject({
      organizationId: target.id,
      name: 'Points for big orders',
      currentVersion: 1,
      note: 'Copied from "Points for big orders" in Nordic Goods',
    });
    expect(copy.definition).toEqual(source.definition);
    expect(app.db.prepare(`SELECT count(*) FROM activations WHERE workflow_id = ?`).pluck().get(copied.workflowId)).toBe(0);
  });

  it('lists apps that are on the Not installed list of the target organization', async () => {
    const { app, organizationId } = await setUp();
    const source = await call(app, 'workflows.create', { organizationId, name: 'Points', definition: orderTagDefinition });
    const target = await call(app, 'organizations.create', { name: 'Empty' });
    const report = await call(app, 'transfer.previewCopyWorkflow', { workflowId: source.id, targetOrganizationId: target.id });
    expect(report).toMatchObject({ missingApps: ['loyaltylion'], apps: [{ appId: 'loyaltylion', list: 'not_installed' }], stores: [] });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'app_not_installed_in_organization' }));
  });
});
