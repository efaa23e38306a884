import { afterEach, describe, expect, it } from 'vitest';
import { auditChanges } from '../../renderer/src/lib/audit-changes';
import { auditSentence, type AuditNames } from '../../renderer/src/lib/audit-sentence';
import { i18n } from '../../renderer/src/lib/i18n/i18n.svelte';
import type { AuditEntry } from '../../renderer/src/lib/state/audit.svelte';

afterEach(() => i18n.setLanguage('en'));

const names: AuditNames = {
  store: (id) => ({ s1: 'Oslo', s2: 'Bergen' })[id] ?? null,
  workflow: (id) => ({ w1: 'Tag big orders' })[id] ?? null,
  app: (id) => (id === 'slack' ? 'Slack' : null),
};

function entry(fields: Partial<AuditEntry> & Pick<AuditEntry, 'action'>): AuditEntry {
  return {
    seq: 1,
    at: '2025-01-01T00:00:00.000Z',
    actor: 'kari',
    summary: 'The English summary',
    organizationId: 'o1',
    storeId: null,
    workflowId: null,
    before: null,
    after: null,
    ...fields,
  };
}

const bulkEnable = entry({
  action: 'activation.enabled',
  workflowId: 'w1',
  before: { off: ['s1', 's2', 's3'], enabled: [], deactivated: [] },
  after: { enabled: true },
});
const oneStore = entry({
  action: 'activation.disabled',
  workflowId: 'w1',
  storeId: 's2',
  before: { off: [], enabled: ['s2'], deactivated: [] },
  after: { enabled: false },
});
const perStore = entry({
  action: 'activation.enabled',
  storeId: 's1',
  before: { off: ['w1', 'w2'], enabled: [], deactivated: [] },
  after: { enabled: true, storeName: 'Oslo' },
});
const renamed = entry({ action: 'store.renamed', storeId: 's1', before: { name: 'Oslo' }, after: { name: 'Oslo sentrum' } });
const uninstalled = entry({
  action: 'store.flow_uninstalled',
  storeId: 's1',
  before: { flowInstalled: true },
  after: { flowInstalled: false, deactivatedWorkflowIds: ['w1'] },
});
const connection = entry({ action: 'connection.created', storeId: 's2', after: { appId: 'slack', account: 'team', hasSecret: true } });
// An action this version does not know (a log written by a newer one): outside the typed list on purpose.
const unknown = entry({ action: 'store.teleported' as AuditEntry['action'], summary: 'Teleported store "Oslo"' });

describe('the sentence of an audit entry', () => {
  it('is built in English from the entry data and the names the screen knows', () => {
    expect(auditSentence(bulkEnable, names)).toBe('Enabled "Tag big orders" in 3 stores');
    expect(auditSentence(oneStore, names)).toBe('Disabled "Tag big orders" in "Bergen"');
    expect(auditSentence(perStore, names)).toBe('Enabled 2 workflows in "Oslo"');
    expect(auditSentence(renamed, names)).toBe('Renamed store "Oslo" to "Oslo sentrum"');
    expect(auditSentence(uninstalled, names)).toBe('Uninstalled the Flow app from "Oslo": deactivated 1 workflow there');
    expect(auditSentence(connection, names)).toBe('Created the Slack connection of "Bergen" (account team)');
  });

  it('is Norwegian in Norwegian, with the plural forms right', () => {
    i18n.setLanguage('nb');
    expect(auditSentence(bulkEnable, names)).toBe('Aktiverte arbeidsflyten «Tag big orders» i 3 butikker');
    expect(auditSentence(oneStore, names)).toBe('Deaktiverte arbeidsflyten «Tag big orders» i «Bergen»');
    expect(auditSentence(perStore, names)).toBe('Aktiverte 2 arbeidsflyter i «Oslo»');
    expect(auditSentence({ ...perStore, before: { off: ['w1'] }, workflowId: null }, names)).toBe('Aktiverte 1 arbeidsflyt i «Oslo»');
    expect(auditSentence(renamed, names)).toBe('Ga butikken «Oslo» det nye navnet «Oslo sentrum»');
    expect(auditSentence(uninstalled, names)).toBe('Avinstallerte Flow-appen fra «Oslo»: deaktiverte 1 arbeidsflyt der');
    expect(auditSentence({ ...uninstalled, after: { deactivatedWorkflowIds: ['a', 'b'] } }, names)).toBe(
      'Avinstallerte Flow-appen fra «Oslo»: deaktiverte 2 arbeidsflyter der',
    );
  });

  it('prefers the name recorded in the entry, and says "a workflow" when neither it nor the screen knows one', () => {
    expect(auditSentence({ ...bulkEnable, after: { enabled: true, workflowName: 'Old name' } }, names)).toBe(
      'Enabled "Old name" in 3 stores',
    );
    expect(auditSentence({ ...bulkEnable, workflowId: 'gone' }, names)).toBe('Enabled "a workflow" in 3 stores');
    i18n.setLanguage('nb');
    expect(auditSentence({ ...bulkEnable, workflowId: 'gone' }, names)).toBe('Aktiverte arbeidsflyten «en arbeidsflyt» i 3 butikker');
  });

  it('falls back to the English summary for an action it has no words for, in both languages', () => {
    expect(auditSentence(unknown, names)).toBe('Teleported store "Oslo"');
    i18n.setLanguage('nb');
    expect(auditSentence(unknown, names)).toBe('Teleported store "Oslo"');
  });
});

describe('the before and after of an audit entry', () => {
  it('are rows of readable fields, with nested data left as JSON', () => {
    const changes = auditChanges(
      { flowInstalled: true },
      { flowInstalled: false, deactivatedWorkflowIds: ['w1', 'w2'], counts: { stores: 2 } },
    );
    expect(changes.rows).toEqual([
      { key: 'Flow app installed', before: 'Yes', after: 'No' },
      { key: 'Deactivated workflows', before: '', after: 'w1, w2' },
    ]);
    expect(changes.restBefore).toBe('');
    expect(JSON.parse(changes.restAfter)).toEqual({ counts: { stores: 2 } });
    i18n.setLanguage('nb');
    expect(auditChanges({ off: ['s1', 'gone'] }, { enabled: true }, (id) => names.store(id)).rows).toEqual([
      { key: 'Av i', before: 'Oslo, gone', after: '' },
      { key: 'Slått på', before: '', after: 'Ja' },
    ]);
    // A field without words is made readable rather than shown as code.
    expect(auditChanges({ doneSteps: [] }, { doneSteps: null }).rows).toEqual([{ key: 'Done steps', before: 'ingen', after: 'ingen' }]);
  });
});
