import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogApp } from '../../../electron/domain/catalog/catalog-schema.js';
import { loadCatalog, type Catalog } from '../../../electron/domain/catalog/load-catalog.js';

/**
 * The catalog must hold the source document's catalog part word for word: every app
 * heading, every trigger ("Utløsere") and action ("Handlinger") with its Norwegian name
 * and description, and nothing the document does not have.
 */

const SOURCE = path.resolve(__dirname, '../../fixtures/flow-connectors-nb.txt');
const KLAVIYO_HEADING = 'Klaviyo - Email Marketing';

interface SourceEntry {
  name: string;
  description: string;
}
interface SourceApp {
  heading: string;
  /** Set for a group whose heading the document lost (mapped to an app id here). */
  lostUnder?: string;
  triggers: SourceEntry[];
  actions: SourceEntry[];
}

/** Whitespace as printed (non-breaking spaces included) becomes one plain space. */
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The part after "Apper som fungerer med Flow", up to "Er du klar...". */
function parseSourceCatalog(text: string): SourceApp[] {
  const lines = text.split(/\r?\n/).map(clean);
  const start = lines.indexOf('Apper som fungerer med Flow');
  const end = lines.findIndex((l, i) => i > start && l.startsWith('Er du klar'));
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);

  const apps: SourceApp[] = [];
  let app: SourceApp | undefined;
  let section: 'triggers' | 'actions' | undefined;
  for (const line of lines.slice(start + 1, end)) {
    if (line === '') continue;
    if (line.startsWith('•')) {
      if (!app || !section) throw new Error(`entry outside a section: ${line}`);
      // "name – description" or "name - description"; a cut-off entry may end at the dash.
      const match = /^(.*?) [–-](?: (.*))?$/u.exec(clean(line.slice(1)));
      if (!match?.[1]) throw new Error(`entry without a separator: ${line}`);
      app[section].push({ name: match[1].trim(), description: (match[2] ?? '').trim() });
    } else if (line === 'Utløsere' || line === 'Handlinger') {
      if (!app) throw new Error(`section before any heading: ${line}`);
      const kind = line === 'Utløsere' ? 'triggers' : 'actions';
      // A second Utløsere/Handlinger pair under one heading: the next app's heading was lost.
      if (app[kind].length > 0 || (kind === 'triggers' && app.actions.length > 0)) {
        app = { heading: app.heading, lostUnder: app.heading, triggers: [], actions: [] };
        apps.push(app);
      }
      section = kind;
    } else {
      app = { heading: line, triggers: [], actions: [] };
      apps.push(app);
      section = undefined;
    }
  }
  return apps;
}

/** The words the document printed for a catalog entry. */
const sourceWords = (entry: CatalogApp['triggers'][number] | CatalogApp['actions'][number]): SourceEntry =>
  entry.sourceText ?? { name: entry.name.nb, description: entry.description.nb };

let catalog: Catalog;
let source: SourceApp[];
let connectorApps: readonly CatalogApp[];

/** The catalog app a source group belongs to. */
function appFor(group: SourceApp): CatalogApp | undefined {
  if (group.lostUnder !== undefined) return group.lostUnder === KLAVIYO_HEADING ? catalog.app('klevu') : undefined;
  return connectorApps.find((app) => app.name.nb === group.heading);
}

beforeAll(() => {
  catalog = loadCatalog();
  source = parseSourceCatalog(fs.readFileSync(SOURCE, 'utf8'));
  connectorApps = catalog.apps.filter((app) => !app.builtIn);
});

describe('the source document', () => {
  it('has 52 headings, one lost heading (under Klaviyo) and 103 entries', () => {
    expect(source.filter((g) => g.lostUnder === undefined)).toHaveLength(52);
    expect(source.filter((g) => g.lostUnder !== undefined).map((g) => g.lostUnder)).toEqual([KLAVIYO_HEADING]);
    expect(source.reduce((n, g) => n + g.triggers.length + g.actions.length, 0)).toBe(103);
  });
});

describe('catalog against the source document', () => {
  it('has 53 connector apps plus Shopify, and 103 connector triggers and actions', () => {
    expect(catalog.apps).toHaveLength(54);
    expect(catalog.apps[0]?.id).toBe('shopify');
    expect(connectorApps).toHaveLength(53);
    expect(connectorApps.reduce((n, app) => n + app.triggers.length + app.actions.length, 0)).toBe(103);
  });

  it('has an app for every heading, named as written (the lost Klaviyo pair is Klevu)', () => {
    for (const group of source) {
      expect(appFor(group), `no app for heading "${group.heading}"`).toBeDefined();
    }
    expect(appFor(source.find((g) => g.lostUnder !== undefined)!)?.id).toBe('klevu');
  });

  it('has every entry of the document in its app, with the exact Norwegian words, in order', () => {
    for (const group of source) {
      const app = appFor(group)!;
      expect(app.triggers.map(sourceWords), `${app.id} triggers`).toEqual(group.triggers);
      expect(app.actions.map(sourceWords), `${app.id} actions`).toEqual(group.actions);
    }
  });

  it('has no app and no entry the document does not have', () => {
    const matched = new Set(source.map((g) => appFor(g)?.id));
    expect(connectorApps.filter((app) => !matched.has(app.id)).map((app) => app.id)).toEqual([]);
    // Per app, the equality above already rules out extra entries; check the whole once more.
    const inDocument = new Set(
      source.flatMap((g) =>
        [...g.triggers.map((e) => `T ${e.name} | ${e.description}`), ...g.actions.map((e) => `A ${e.name} | ${e.description}`)].map(
          (key) => `${appFor(g)?.id} ${key}`,
        ),
      ),
    );
    for (const app of connectorApps) {
      for (const t of app.triggers) {
        const w = sourceWords(t);
        expect(inDocument.has(`${app.id} T ${w.name} | ${w.description}`), `${app.id} trigger ${t.handle}`).toBe(true);
      }
      for (const a of app.actions) {
        const w = sourceWords(a);
        expect(inDocument.has(`${app.id} A ${w.name} | ${w.description}`), `${app.id} action ${a.handle}`).toBe(true);
      }
    }
  });

  it('keeps the document words in sourceText exactly where it corrects them', () => {
    const corrected = connectorApps.flatMap((app) =>
      [...app.triggers, ...app.actions].filter((entry) => entry.sourceText !== undefined).map((entry) => `${app.id}:${entry.handle}`),
    );
    expect(corrected.sort()).toEqual(
      [
        'klevu:promote_demote_product',
        'ns8_protect:eq8_score',
        'ns8_protect:order_risk',
        'ns8_protect:order_status',
        'wotio:send_activation_email_by_customer',
      ].sort(),
    );
    for (const app of connectorApps) {
      for (const entry of [...app.triggers, ...app.actions]) {
        if (!entry.sourceText) continue;
        const changed = entry.sourceText.name !== entry.name.nb || entry.sourceText.description !== entry.description.nb;
        expect(changed, `${app.id}:${entry.handle} sourceText equals the catalog text`).toBe(true);
      }
    }
  });

  it('completes the cut-off NS8 descriptions and tells the two WOTIO actions apart', () => {
    const ns8 = catalog.app('ns8_protect')!;
    for (const t of ns8.triggers) expect(t.description.nb).toMatch(/^Starter når .+\.$/u);
    expect(catalog.trigger('ns8_protect', 'eq8_score')?.sourceText).toEqual({ name: 'NS8 Protect EQ8-poeng', description: 'Starter når' });
    expect(catalog.trigger('ns8_protect', 'order_risk')?.sourceText?.description).toBe('');

    const wotio = catalog.app('wotio')!;
    expect(wotio.actions.map((a) => a.name.nb)).toEqual([
      'Send kontoaktiverings-e-post basert på bestillings-ID',
      'Send kontoaktiverings-e-post basert på kunde-ID',
    ]);
    expect(wotio.actions[1]?.sourceText?.name).toBe('Send kontoaktiverings-e-post basert på bestillings-ID');
  });
});
