import { describe, expect, it } from 'vitest';
import { call, inputIssues, openTestApp, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('organizations through the API handlers', () => {
  it('creates, lists by name, renames and deletes, recording each change in the audit log', async () => {
    const app = await openTestApp(tempDir());
    const nordic = await call(app, 'organizations.create', { name: '  Nordic Goods  ' });
    expect(nordic).toMatchObject({ name: 'Nordic Goods', storeCount: 0, workflowCount: 0 });
    await call(app, 'organizations.create', { name: 'Arctic Outfitters' });
    expect((await call(app, 'organizations.list', {})).map((o) => o.name)).toEqual(['Arctic Outfitters', 'Nordic Goods']);

    const renamed = await call(app, 'organizations.rename', { id: nordic.id, name: 'Nordic Goods Group' });
    expect(renamed.name).toBe('Nordic Goods Group');

    const impact = await call(app, 'organizations.deletionImpact', { id: nordic.id });
    expect(impact).toMatchObject({ organization: { name: 'Nordic Goods Group' }, stores: 0, workflows: 0 });
    await call(app, 'organizations.delete', { id: nordic.id });
    expect((await call(app, 'organizations.list', {})).map((o) => o.name)).toEqual(['Arctic Outfitters']);

    const log = app.handlerContext.audit.query({ organizationId: nordic.id, limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['organization.deleted', 'organization.renamed', 'organization.created']);
    expect(log[1]).toMatchObject({ actor: 'test-admin', before: { name: 'Nordic Goods' }, after: { name: 'Nordic Goods Group' } });
  });

  it('refuses a second organization with the same name, ignoring case, and writes nothing', async () => {
    const app = await openTestApp(tempDir());
    await call(app, 'organizations.create', { name: 'Nordic Goods' });
    const error = await refusal(app, 'organizations.create', { name: 'NORDIC goods' });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('An organization named "Nordic Goods" already exists');
    expect(await call(app, 'organizations.list', {})).toHaveLength(1);
  });

  it('says which organization does not exist', async () => {
    const app = await openTestApp(tempDir());
    const id = '0b9f3c1e-3a57-4b8e-9f00-000000000000';
    const error = await refusal(app, 'organizations.rename', { id, name: 'X' });
    expect(error).toMatchObject({ code: 'not_found', message: `Organization ${id} does not exist` });
  });

  describe('bad input: a clear error naming the field, and nothing written', () => {
    // Our own rules by their words; zod's checks by field path and issue code.
    const cases: [string, string, unknown, RegExp | string[]][] = [
      ['a wrong type', 'organizations.create', { name: 42 }, ['name: invalid_type']],
      ['a missing field', 'organizations.create', {}, ['name: invalid_type']],
      ['an empty name', 'organizations.create', { name: '   ' }, /^organizations\.create: name: must not be empty$/],
      ['an unknown field', 'organizations.create', { name: 'A', color: 'red' }, ['(input): unrecognized_keys']],
      ['not an object', 'organizations.create', 'Nordic', ['(input): invalid_type']],
      ['a malformed id', 'organizations.rename', { id: 'abc', name: 'B' }, /^organizations\.rename: id: must be an id \(UUID\)$/],
    ];
    for (const [what, method, input, message] of cases) {
      it(what, async () => {
        const app = await openTestApp(tempDir());
        const error = await refusal(app, method, input);
        expect(error.code).toBe('invalid_input');
        if (message instanceof RegExp) expect(error.message).toMatch(message);
        else expect(inputIssues(error)).toEqual(message);
        expect(await call(app, 'organizations.list', {})).toEqual([]);
        expect(app.handlerContext.audit.query({ limit: 5 })).toEqual([]);
      });
    }

    it('an unknown method', async () => {
      const app = await openTestApp(tempDir());
      const error = await refusal(app, 'organizations.explode', {});
      expect(error).toMatchObject({ code: 'unknown_method', message: 'There is no API method "organizations.explode"' });
    });
  });
});
