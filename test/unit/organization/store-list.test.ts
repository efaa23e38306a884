import { describe, expect, it } from 'vitest';
import { parseStoreList, type StoreListContext } from '../../../electron/domain/organization/store-list';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

const empty: StoreListContext = { existingNames: [], storeWithDomain: () => undefined, defaultTimeZone: 'Europe/Oslo' };

describe('reading a pasted list of stores', () => {
  it('reads addresses one per line, naming each store after its address, with the default time zone and the Flow app', () => {
    const text =
      'nordic-goods-oslo.myshopify.com\n\n  https://Nordic-Goods-Bergen.myshopify.com/admin/orders  \r\n# a comment\nnordic-goods-tromso.myshopify.com';
    expect(parseStoreList(text, empty)).toEqual({
      rows: [
        { line: 1, name: 'Nordic Goods Oslo', domain: 'nordic-goods-oslo.myshopify.com', timeZone: 'Europe/Oslo', flowInstalled: true },
        { line: 3, name: 'Nordic Goods Bergen', domain: 'nordic-goods-bergen.myshopify.com', timeZone: 'Europe/Oslo', flowInstalled: true },
        { line: 5, name: 'Nordic Goods Tromso', domain: 'nordic-goods-tromso.myshopify.com', timeZone: 'Europe/Oslo', flowInstalled: true },
      ],
      problems: [],
    });
  });

  it('reads CSV with name, address, time zone and Flow app, by position or under a header in any order, with quotes and semicolons', () => {
    const positional = parseStoreList(
      'Oslo,nordic-oslo.myshopify.com,europe/oslo,yes\n"Bergen, Vest",nordic-bergen.myshopify.com,,nei',
      empty,
    );
    expect(positional.problems).toEqual([]);
    expect(positional.rows).toEqual([
      { line: 1, name: 'Oslo', domain: 'nordic-oslo.myshopify.com', timeZone: 'Europe/Oslo', flowInstalled: true },
      { line: 2, name: 'Bergen, Vest', domain: 'nordic-bergen.myshopify.com', timeZone: 'Europe/Oslo', flowInstalled: false },
    ]);
    const header = parseStoreList('Tidssone;Adresse;Navn;Flow-appen\nEurope/Stockholm;nordic-sthlm.myshopify.com;Stockholm;ja', empty);
    expect(header).toEqual({
      rows: [{ line: 2, name: 'Stockholm', domain: 'nordic-sthlm.myshopify.com', timeZone: 'Europe/Stockholm', flowInstalled: true }],
      problems: [],
    });
    const tabs = parseStoreList('name\tdomain\ttime zone\tflow app\nHelsinki\tnordic-hel.myshopify.com\tEurope/Helsinki\tno', empty);
    expect(tabs.rows).toEqual([
      { line: 2, name: 'Helsinki', domain: 'nordic-hel.myshopify.com', timeZone: 'Europe/Helsinki', flowInstalled: false },
    ]);
  });

  it('names every problem with its line: a bad address, a repeat in the list, an address or name already taken, an unknown time zone, a Flow app that is not yes or no, extra columns', () => {
    const context: StoreListContext = {
      existingNames: ['Trondheim'],
      storeWithDomain: (domain) => (domain === 'taken.myshopify.com' ? { name: 'Old Store' } : undefined),
      defaultTimeZone: 'UTC',
    };
    const text = [
      'Oslo,nordic-oslo.myshopify.com,Europe/Oslo,yes', // 1: fine
      'Bergen,nordic-bergen.shopify.com,Europe/Oslo,yes', // 2: bad address
      'Oslo 2,NORDIC-OSLO.myshopify.com,Europe/Oslo,yes', // 3: same address as line 1
      'Gamle,taken.myshopify.com,Europe/Oslo,yes', // 4: address of another store
      'oslo,nordic-oslo-2.myshopify.com,Europe/Oslo,yes', // 5: same name as line 1 (case aside)
      'TRONDHEIM,nordic-trd.myshopify.com,Europe/Oslo,yes', // 6: name of an existing store
      'Tromsø,nordic-tos.myshopify.com,Europe/Tromso,yes', // 7: no such time zone
      'Bodø,nordic-bod.myshopify.com,Europe/Oslo,maybe', // 8: not yes/no
      'Alta,nordic-alta.myshopify.com,Europe/Oslo,yes,extra', // 9: too many columns
    ].join('\n');
    const { rows, problems } = parseStoreList(text, context);
    expect(rows.map((r) => r.line)).toEqual([1]);
    expect(problems.map((p) => [p.line, p.code, p.field])).toEqual([
      [2, 'bad_domain', 'domain'],
      [3, 'duplicate_domain', 'domain'],
      [4, 'domain_taken', 'domain'],
      [5, 'duplicate_name', 'name'],
      [6, 'name_taken', 'name'],
      [7, 'unknown_time_zone', 'timeZone'],
      [8, 'bad_flow_app', 'flowApp'],
      [9, 'too_many_columns', null],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'Line 2: "nordic-bergen.shopify.com" is not a store address like nordic-goods-oslo.myshopify.com',
      'Line 3: nordic-oslo.myshopify.com is already on line 1',
      'Line 4: taken.myshopify.com is already used by the store "Old Store"',
      'Line 5: the name "oslo" is already on line 1',
      'Line 6: the organization already has a store named "Trondheim"',
      'Line 7: "Europe/Tromso" is not a time zone such as Europe/Oslo',
      'Line 8: "maybe" is not yes or no (Flow app)',
      'Line 9: has more columns than name, address, time zone and Flow app: "Alta,nordic-alta.myshopify.com,Europe/Oslo,yes,extra"',
    ]);
  });
});

describe('stores.previewMany and stores.addMany', () => {
  it('adds 30 pasted stores in one go, each recorded in the audit log', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId } = await organizationWithStores(app, ['Oslo']);
    const text = Array.from({ length: 30 }, (_, i) => `nordic-outlet-${i + 1}.myshopify.com`).join('\n');
    const preview = await call(app, 'stores.previewMany', { organizationId, text, defaultTimeZone: 'Europe/Oslo' });
    expect(preview.problems).toEqual([]);
    expect(preview.rows).toHaveLength(30);
    expect((await call(app, 'stores.list', { organizationId })).length).toBe(1);

    const { added } = await call(app, 'stores.addMany', { organizationId, text, defaultTimeZone: 'Europe/Oslo' });
    expect(added.map((s) => s.name).slice(0, 2)).toEqual(['Nordic Outlet 1', 'Nordic Outlet 2']);
    expect((await call(app, 'stores.list', { organizationId })).length).toBe(31);
    const log = await call(app, 'audit.query', { organizationId, action: 'store.added', limit: 100 });
    expect(log.entries).toHaveLength(31);
  });

  it('writes nothing when any line has a problem, and says which lines', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId } = await organizationWithStores(app, ['Oslo']);
    const before = app.handlerContext.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const text =
      'nordic-a.myshopify.com\nnordic-b.myshopify.com\nnot an address\nnordic-goods-oslo.myshopify.com\nNordic A,nordic-c.myshopify.com,Mars/Olympus';
    const error = await refusal(app, 'stores.addMany', { organizationId, text });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^3 lines have problems; no store was added\./);
    const problems = (error.details as { problems: { line: number; code: string }[] }).problems;
    expect(problems.map((p) => `${p.line}:${p.code}`)).toEqual([
      '3:bad_domain',
      '4:domain_taken',
      '5:duplicate_name',
      '5:unknown_time_zone',
    ]);
    expect((await call(app, 'stores.list', { organizationId })).map((s) => s.name)).toEqual(['Oslo']);
    expect(app.handlerContext.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
  });

  it('refuses an empty list and an unknown default time zone', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId } = await organizationWithStores(app, []);
    expect((await refusal(app, 'stores.addMany', { organizationId, text: '\n  \n' })).message).toBe(
      'The list has no stores: paste store addresses, one per line',
    );
    const zone = await refusal(app, 'stores.addMany', { organizationId, text: 'a.myshopify.com', defaultTimeZone: 'Nowhere' });
    expect(zone.code).toBe('invalid_input');
  });
});
