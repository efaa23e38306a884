import { i18n } from './i18n/i18n.svelte';
import type { AuditEntry } from './state/audit.svelte';

/**
 * Names the sentences need that an entry may carry only as ids: looked up in what the screen has loaded.
 * A lookup answers null for what it does not know (a removed store, a deleted workflow).
 */
export interface AuditNames {
  store(id: string): string | null;
  workflow(id: string): string | null;
  app(id: string): string | null;
}

type Data = Record<string, unknown>;
type Counted = 'stores' | 'workflows';

function obj(value: unknown): Data {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
}
function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
function len(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

interface Parts {
  before: Data;
  after: Data;
  entry: AuditEntry;
  t(options: Record<string, unknown>): string;
  count(what: Counted, n: number): string;
  /** The recorded name, else the loaded one for the entry's store, else "a store". */
  store(recorded?: unknown): string;
  workflow(recorded?: unknown): string;
  app(id: unknown): string;
  /** A store by name when the change concerns one, otherwise "N stores". */
  where(n: number, recorded?: unknown): string;
}

/**
 * The entry as a sentence in the current language, built from its structured data; the API's English summary
 * for an action this UI has no words for (a newer backend, or a kind of change it does not know).
 */
export function auditSentence(entry: AuditEntry, names: AuditNames): string {
  const key = `activity.sentence.${entry.action}`;
  const build = builders[entry.action];
  if (!build) return entry.summary;
  const count = (what: Counted, n: number) => i18n.t(`activity.count.${what}`, { count: n });
  const store = (recorded?: unknown) =>
    str(recorded) ?? (entry.storeId ? names.store(entry.storeId) : null) ?? i18n.t('activity.unknown.store');
  const sentence = build({
    before: obj(entry.before),
    after: obj(entry.after),
    entry,
    t: (options) => i18n.t(key, options),
    count,
    store,
    workflow: (recorded) =>
      str(recorded) ?? (entry.workflowId ? names.workflow(entry.workflowId) : null) ?? i18n.t('activity.unknown.workflow'),
    app: (id) => (str(id) ? (names.app(id as string) ?? (id as string)) : i18n.t('activity.unknown.app')),
    where: (n, recorded) => (n === 1 ? i18n.t('activity.quoted', { name: store(recorded) }) : count('stores', n)),
  });
  // A builder whose words are missing in this language (i18next answers with the key) falls back too.
  return sentence.startsWith('activity.sentence.') ? entry.summary : sentence;
}

/** The keys whose values changed between two flat records (settings), or all when none did. */
function changedKeys(before: Data, after: Data): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return (changed.length > 0 ? changed : keys).join(', ');
}

function activation({ before, after, entry, t, count, store, workflow }: Parts): string {
  const n = len(before.off) + len(before.enabled) + len(before.deactivated);
  // Recorded per workflow (the workflow named, its stores counted) or per store (the other way round).
  if (entry.workflowId || !entry.storeId)
    return t({ count: n, workflow: workflow(after.workflowName), store: store(after.storeName), stores: count('stores', n) });
  return t({ context: 'perStore', count: n, store: store(after.storeName), workflows: count('workflows', n) });
}

const builders: Record<string, (p: Parts) => string> = {
  'organization.created': ({ after, t }) => t({ name: str(after.name) ?? '' }),
  'organization.renamed': ({ before, after, t }) => t({ from: str(before.name) ?? '', to: str(after.name) ?? '' }),
  'organization.deleted': ({ before, t, count }) =>
    t({
      name: str(obj(before.organization).name) ?? '',
      stores: count('stores', num(before.stores)),
      workflows: count('workflows', num(before.workflows)),
    }),
  'organization.backup_exported': ({ after, t }) =>
    t({ context: after.includeSecrets ? 'secrets' : after.encrypted ? 'encrypted' : undefined }),
  'organization.restored': ({ after, t, count }) =>
    t({
      name: str(after.name) ?? '',
      stores: count('stores', num(obj(after.counts).stores)),
      workflows: count('workflows', num(obj(after.counts).workflows)),
    }),
  'database.restored': ({ after, t }) => t({ file: str(after.restored) ?? '' }),
  'store.added': ({ after, t }) => t({ name: str(after.name) ?? '', domain: str(after.domain) ?? '' }),
  'store.renamed': ({ before, after, t }) => t({ from: str(before.name) ?? '', to: str(after.name) ?? '' }),
  'store.removed': ({ before, t, store }) => t({ name: store(obj(before.store).name) }),
  'store.flow_installed': ({ after, t, store }) => t({ store: store(after.storeName) }),
  'store.flow_uninstalled': ({ after, t, store }) => t({ store: store(after.storeName), count: len(after.deactivatedWorkflowIds) }),
  'app.installed': ({ after, t, app, where }) => t({ app: app(after.appId), where: where(len(after.storeIds)) }),
  'app.uninstalled': ({ before, after, t, app, where }) =>
    t({ app: app(before.appId), where: where(len(before.installations)), count: num(after.blockedEnabledPairs) }),
  'app.setup_changed': ({ before, after, t, app, store }) =>
    t({ context: len(after.setupDone) >= len(before.setupDone) ? 'done' : 'reopened', app: app(after.appId), store: store() }),
  'connection.created': ({ after, t, app, store }) => t({ app: app(after.appId), store: store(), account: str(after.account) ?? '' }),
  'connection.changed': ({ after, t, app, store }) => t({ app: app(after.appId), store: store(), account: str(after.account) ?? '' }),
  'connection.removed': ({ before, t, app, store }) => t({ app: app(before.appId), store: store(), account: str(before.account) ?? '' }),
  'workflow.created': ({ after, t, workflow }) => t({ name: workflow(after.name) }),
  'workflow.saved': ({ after, t, workflow }) => t({ name: workflow(after.name), version: num(after.version) }),
  'workflow.reverted': ({ after, t, workflow }) =>
    t({ name: workflow(after.name), version: num(after.revertedTo), saved: num(after.version) }),
  'workflow.published': ({ after, t, workflow }) =>
    t({ name: workflow(after.name), version: num(after.version), count: num(after.changes) }),
  'workflow.rolled_back': ({ after, t, workflow }) =>
    t({ name: workflow(after.name), version: num(after.version), count: num(after.changes) }),
  'workflow.duplicated': ({ before, after, t }) => t({ from: str(before.name) ?? '', name: str(after.name) ?? '' }),
  'workflow.deleted': ({ before, t, workflow }) => t({ name: workflow(before.name) }),
  'workflow.imported': ({ after, t, workflow }) => t({ name: workflow(after.name), file: str(after.file) ?? '' }),
  'workflow.copied': ({ after, t, workflow }) => t({ name: workflow(after.name) }),
  'activation.enabled': activation,
  'activation.disabled': activation,
  'activation.reenabled': ({ before, t, where }) => {
    const deactivated = obj(before.deactivated);
    const pairs = Object.values(deactivated).reduce<number>((sum, ids) => sum + len(ids), 0);
    return t({ count: pairs, where: where(Object.keys(deactivated).length) });
  },
  'activation.bulk_undone': ({ after, t }) => t({ count: num(after.restored) }),
  'settings.updated': ({ before, after, t }) => t({ keys: changedKeys(before, after) }),
  'settings.backup_schedule_changed': ({ after, t }) =>
    t({ context: num(after.everyHours) === 0 ? 'off' : undefined, hours: num(after.everyHours), keep: num(after.keep) }),
  'runtime.settings_updated': ({ before, after, t }) => t({ keys: changedKeys(before, after) }),
  'runtime.test_event_sent': ({ after, t, store }) => t({ store: store(), count: len(after.runIds) }),
  'runtime.app_endpoint_set': ({ after, t, app, store }) =>
    t({ context: after.secretChanged ? 'secret' : undefined, app: app(after.appId), store: store(), url: str(after.url) ?? '' }),
  'run.replayed': ({ after, t, workflow }) =>
    t({ context: after.mode === 'from_start' ? undefined : 'failed', workflow: workflow(after.workflowName), count: num(after.replayed) }),
};
