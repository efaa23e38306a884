import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldType, type FieldType } from '../../../electron/domain/catalog/catalog-schema.js';
import {
  CatalogError,
  clearCatalogCache,
  defaultCatalogDir,
  loadCatalog,
  RESOURCES_ENV,
  type Catalog,
} from '../../../electron/domain/catalog/load-catalog.js';

const REPO_CATALOG = path.resolve(__dirname, '../../../resources/catalog');
let catalog: Catalog;

beforeAll(() => {
  catalog = loadCatalog();
});

describe('catalog rules from the source document and its notes', () => {
  it(`marks deprecated exactly the legacy Enquire trigger and Shopify's "Customer left segment", which Shopify no longer lists`, () => {
    const deprecated = catalog.apps.flatMap((app) => app.triggers.filter((t) => t.deprecated).map((t) => `${app.id}:${t.handle}`));
    expect(deprecated).toEqual(['shopify:customer_left_segment', 'enquire:survey_response_created_legacy']);
    expect(catalog.trigger('enquire', 'survey_response_created_legacy')?.name.nb).toBe('Undersøkelsessvar opprettet (eldre)');
  });

  it('marks Edit Order "Utvid pakker" early access, and only it', () => {
    const early = catalog.apps.flatMap((app) => app.actions.filter((a) => a.earlyAccess).map((a) => `${app.id}:${a.handle}`));
    expect(early).toEqual(['edit_order:expand_bundles']);
    expect(catalog.action('edit_order', 'expand_bundles')?.name.nb).toBe('Utvid pakker');
  });

  it('requires the order reference for the AgeChecked verification', () => {
    const field = catalog.action('agechecked', 'verify_order')?.fields.find((f) => f.key === 'order_id');
    expect(field).toMatchObject({ type: 'order_reference', required: true });
  });

  it('requires an E.164 phone number for FirePush SMS', () => {
    const fields = catalog.action('firepush', 'send_sms')!.fields;
    expect(fields.find((f) => f.key === 'phone')).toMatchObject({ required: true, format: 'e164' });
    expect(fields.find((f) => f.key === 'message')).toMatchObject({ required: true });
  });

  it('allows Klevu promote/demote only after the Shopify trigger the Klevu text calls by its old name "Lagerantall endret"', () => {
    const action = catalog.action('klevu', 'promote_demote_product')!;
    expect(action.constraints).toEqual([
      expect.objectContaining({ kind: 'requires_trigger', triggers: ['shopify:inventory_quantity_changed'] }),
    ]);
    // Shopify renamed "Inventory quantity changed" to "Product variant inventory quantity changed"; the handle stays.
    expect(catalog.trigger('shopify', 'inventory_quantity_changed')?.name).toEqual({
      nb: 'Lagerantall for produktvariant endret',
      en: 'Product variant inventory quantity changed',
    });
    expect(action.constraints[0]?.reason.en).toMatch(/Inventory quantity changed/);
  });

  it("says an action's rule once: no description repeats the reason its constraint gives (the editor shows both)", () => {
    const repeated = catalog.apps
      .flatMap((app) => app.actions.map((a) => ({ id: `${app.id}:${a.handle}`, a })))
      .filter(({ a }) => a.constraints.some((c) => a.description.nb.includes(c.reason.nb) || a.description.en.includes(c.reason.en)))
      .map(({ id }) => id);
    expect(repeated).toEqual([]);
  });

  it('schedules the LoyaltyLion birthday triggers at 09:00, on the day and 7 days before', () => {
    expect(catalog.trigger('loyaltylion', 'customer_birthday_today')?.schedule).toEqual({ kind: 'birthday', at: '09:00', daysBefore: 0 });
    expect(catalog.trigger('loyaltylion', 'customer_birthday_in_7_days')?.schedule).toEqual({
      kind: 'birthday',
      at: '09:00',
      daysBefore: 7,
    });
  });

  it('runs the Algolia and Klevu top searches every day', () => {
    const daily = { kind: 'daily', at: '00:00' };
    expect(catalog.trigger('algolia', 'top_searches')?.schedule).toEqual(daily);
    expect(catalog.trigger('algolia', 'top_searches_without_results')?.schedule).toEqual(daily);
    expect(catalog.trigger('klevu', 'top_searches')?.schedule).toEqual(daily);
    expect(catalog.trigger('algolia', 'index_paused')?.schedule).toBeUndefined();
  });

  it('lets Flow keep the connection exactly for Asana, Google Sheets, Slack and Trello (R7)', () => {
    const ids = catalog.apps
      .filter((app) => app.flowConnection)
      .map((app) => app.id)
      .sort();
    expect(ids).toEqual(['asana', 'google_sheets', 'slack', 'trello']);
  });

  it('gives every text an English translation that differs from the Norwegian sentence', () => {
    // Shopify's Norwegian help center also calls the Sum action "Sum".
    const sameInBothLanguages = new Set(['Send SMS via SMSBump', 'Sum']);
    for (const app of catalog.apps) {
      for (const step of app.setup) expect(step.name.en, `${app.id} setup ${step.key}`).not.toBe(step.name.nb);
      for (const task of [...app.triggers, ...app.actions]) {
        const where = `${app.id}:${task.handle}`;
        expect(task.description.en, where).not.toBe(task.description.nb);
        if (!sameInBothLanguages.has(task.name.nb)) expect(task.name.en, where).not.toBe(task.name.nb);
        for (const field of task.fields) {
          if ('description' in field && field.description)
            expect(field.description.en, `${where} ${field.key}`).not.toBe(field.description.nb);
        }
      }
      for (const action of app.actions) {
        for (const c of action.constraints) expect(c.reason.en).not.toBe(c.reason.nb);
      }
    }
    const translatedNames = {
      bulk_discount_code_bot: 'Kvantumsrabatter',
      callback: 'Tilbakekall',
      order_merger: 'Bestillingsfusjon',
      google_sheets: 'Google Regneark for Shopify Flow',
    };
    for (const [id, nb] of Object.entries(translatedNames)) {
      expect(catalog.app(id)?.name.nb).toBe(nb);
      expect(catalog.app(id)?.name.en).not.toBe(nb);
    }
    expect(catalog.app('google_sheets')?.name.en).toBe('Google Sheets for Shopify Flow');
  });
});

describe('catalog shape', () => {
  it('needs setup for every connector app (R2), and none for Shopify', () => {
    for (const app of catalog.apps) {
      if (app.builtIn) expect(app.setup).toEqual([]);
      else expect(app.setup.length, app.id).toBeGreaterThanOrEqual(1);
      expect(app.setup.length, app.id).toBeLessThanOrEqual(3);
    }
    expect(catalog.apps.filter((app) => app.builtIn).map((app) => app.id)).toEqual(['shopify']);
  });

  it('names connector tasks <app-id>::flow-connectors::<handle>', () => {
    for (const app of catalog.apps.filter((a) => !a.builtIn)) {
      for (const task of [...app.triggers, ...app.actions]) {
        expect(task.taskId).toBe(`${app.id.replace(/_/g, '-')}::flow-connectors::${task.handle}`);
      }
    }
    expect(catalog.findTask('google-sheets::flow-connectors::add_row')).toMatchObject({ kind: 'action', app: { id: 'google_sheets' } });
  });

  it('names Shopify tasks as Shopify .flow files do', () => {
    expect(catalog.findTask('shopify::admin::order_created')).toMatchObject({ kind: 'trigger', task: { handle: 'order_created' } });
    expect(catalog.findTask('shopify::flow::scheduled_time')?.kind).toBe('trigger');
    expect(catalog.findTask('shopify::flow::send_email')).toMatchObject({ kind: 'action', task: { handle: 'send_internal_email' } });
    expect(catalog.findTask('shopify::flow::send_http_request')?.kind).toBe('action');
    expect(catalog.findTask('shopify::admin::add_order_tags')?.app.id).toBe('shopify');
    expect(catalog.findTask('shopify::flow::condition')).toBeUndefined();
  });

  it('uses every field type, and the conventional keys for references', () => {
    const fields: { key: string; type: FieldType; list?: boolean }[] = catalog.apps.flatMap((app) => [
      ...app.triggers.flatMap((t) => t.fields),
      ...app.actions.flatMap((a) => a.fields),
    ]);
    expect(new Set(fields.map((f) => f.type))).toEqual(new Set(fieldType.options));
    const referenceKey = { order_reference: 'order_id', customer_reference: 'customer_id', product_reference: 'product_id' } as const;
    for (const f of fields) {
      if (f.type in referenceKey && !f.list) expect(f.key).toBe(referenceKey[f.type as keyof typeof referenceKey]);
    }
  });

  it('lists apps Shopify first, then by English name, and looks them up', () => {
    const names = catalog.apps.slice(1).map((app) => app.name.en);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(catalog.app('slack')?.name.en).toBe('Slack');
    expect(catalog.app('nope')).toBeUndefined();
    expect(catalog.trigger('slack', 'send_message')).toBeUndefined();
    expect(catalog.action('slack', 'send_message')?.fields.map((f) => f.key)).toEqual(['channel', 'text']);
  });

  it('is cached per directory and immutable', () => {
    expect(loadCatalog()).toBe(catalog);
    expect(loadCatalog(REPO_CATALOG)).toBe(catalog);
    expect(Object.isFrozen(catalog.apps)).toBe(true);
    expect(Object.isFrozen(catalog.app('slack')!.actions[0]!.fields)).toBe(true);
  });
});

describe('loading', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-catalog-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    clearCatalogCache();
  });

  /** A copy of the real catalog in a fresh directory, with `edit` applied to one app file. */
  function copyWith(name: string, file: string, edit: (app: any) => void): string {
    const dir = path.join(tmp, name);
    fs.cpSync(REPO_CATALOG, dir, { recursive: true });
    const target = path.join(dir, file);
    const data = JSON.parse(fs.readFileSync(target, 'utf8'));
    edit(data);
    fs.writeFileSync(target, JSON.stringify(data));
    return dir;
  }

  it('finds resources/catalog from the source tree, or from FLOW_ADMIN_RESOURCES', () => {
    expect(defaultCatalogDir()).toBe(REPO_CATALOG);
    const saved = process.env[RESOURCES_ENV];
    try {
      process.env[RESOURCES_ENV] = path.join(tmp, 'packaged');
      expect(defaultCatalogDir()).toBe(path.join(tmp, 'packaged', 'catalog'));
    } finally {
      if (saved === undefined) delete process.env[RESOURCES_ENV];
      else process.env[RESOURCES_ENV] = saved;
    }
  });

  it('names the file and the path inside it when data is invalid', () => {
    const dir = copyWith('bad-type', 'apps/slack.json', (app) => {
      app.actions[0].fields[1].type = 'rich_text';
    });
    let error: unknown;
    try {
      loadCatalog(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${escape(path.join(dir, 'apps', 'slack.json'))}: actions\\[0\\]\\.fields\\[1\\]\\.type: `),
    );
  });

  it('reports unknown keys, broken JSON and mismatched ids with their files', () => {
    const unknownKey = copyWith('unknown-key', 'apps/trello.json', (app) => {
      app.triggers = [{ ...app.actions[0], colour: 'red' }];
    });
    expect(() => loadCatalog(unknownKey)).toThrow(/apps[\\/]trello\.json: triggers\[0\]/);

    const broken = copyWith('broken', 'shopify.json', () => {});
    fs.writeFileSync(path.join(broken, 'shopify.json'), '{ "id": ');
    expect(() => loadCatalog(broken)).toThrow(/shopify\.json: .*JSON/);

    const renamed = copyWith('renamed', 'apps/tone.json', (app) => {
      app.id = 'tone_sms';
    });
    expect(() => loadCatalog(renamed)).toThrow(/apps[\\/]tone\.json: id: "tone_sms" does not match/);
  });

  it('rejects duplicate handles, duplicate task ids and unknown constraint triggers', () => {
    const dupHandle = copyWith('dup-handle', 'apps/wotio.json', (app) => {
      app.actions[1].handle = app.actions[0].handle;
    });
    expect(() => loadCatalog(dupHandle)).toThrow(/apps[\\/]wotio\.json: actions\[1\]\.handle: duplicate action handle/);

    const dupTask = copyWith('dup-task', 'apps/tone.json', (app) => {
      app.actions[0].taskId = 'slack::flow-connectors::send_message';
    });
    expect(() => loadCatalog(dupTask)).toThrow(/duplicate task id "slack::flow-connectors::send_message"/);

    const badRef = copyWith('bad-ref', 'apps/klevu.json', (app) => {
      app.actions[0].constraints[0].triggers = ['shopify:stock_changed'];
    });
    expect(() => loadCatalog(badRef)).toThrow(/apps[\\/]klevu\.json: actions\[0\]\.constraints\[0\]\.triggers\[0\]: unknown trigger/);
  });

  it('loads a valid copy into its own cache entry', () => {
    const dir = copyWith('valid', 'apps/tone.json', () => {});
    const copy = loadCatalog(dir);
    expect(copy).not.toBe(catalog);
    expect(copy.apps.map((a) => a.id)).toEqual(catalog.apps.map((a) => a.id));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
