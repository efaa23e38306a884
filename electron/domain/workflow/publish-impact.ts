import type { Catalog } from '../catalog/catalog';
import { blockReasons, stateOf } from '../status/compute-status';
import type { ActivationFacts, StoreFacts, WorkflowFacts } from '../status/status-facts';
import type { BlockReason, BlockReasonCode, StatusState } from '../status/workflow-status';
import { runningVersion, type Publication } from './publishing';

/** One store a publish reaches: what runs there now and what will. */
export interface StoreImpact {
  storeId: string;
  name: string;
  enabled: boolean;
  fromVersion: number | null;
  toVersion: number;
  before: StatusState;
  after: StatusState;
  /** Why it will not run after the publish (empty unless `after` is blocked). */
  reasons: BlockReason[];
}

/** Why stores will block, grouped: "2 stores: LoyaltyLion is not installed". */
export interface BlockGroup {
  code: BlockReasonCode;
  appId: string | null;
  stores: number;
  message: string;
}

export interface PublishImpact {
  version: number;
  /** False when the version has errors: it cannot be published. */
  publishable: boolean;
  errors: number;
  /** Stores where the workflow is enabled and the running version changes: what the publish changes. */
  changes: number;
  /** Of those, stores where it will be blocked after the publish. */
  willBlock: number;
  /** Stores where the workflow is enabled now but stops running (it ran before, and will not after). */
  stopsRunning: number;
  /** Stores reached that already run this version. */
  unchanged: number;
  /** Stores reached where the workflow is not enabled: they will run this version once enabled. */
  notEnabled: number;
  blockedBecause: BlockGroup[];
  stores: StoreImpact[];
  /** In English, for the log and API users; the UI builds its own sentence from the counts. */
  summary: string;
}

export interface ImpactInput {
  version: number;
  /** Facts of the version to publish (its apps and errors). */
  target: WorkflowFacts;
  /** Facts of a version by number (what runs in a store now). */
  factsOf: (version: number) => WorkflowFacts | null;
  publication: Publication;
  /** The stores reached, with their activation of this workflow. */
  stores: readonly { store: StoreFacts; activation: ActivationFacts | null }[];
  catalog: Catalog;
}

/**
 * What publishing a version would do, store by store, before it is done: where what runs changes, where the
 * workflow will be blocked and why (the same rule as the status), and whether it may be published at all.
 */
export function publishImpact(input: ImpactInput): PublishImpact {
  const { version, target, publication, catalog } = input;
  const stores: StoreImpact[] = [];
  for (const { store, activation } of input.stores) {
    const from = runningVersion(publication, store.id);
    const current = from === null ? null : input.factsOf(from);
    const before: StatusState = current
      ? stateOf(current, store, activation)
      : activation?.enabled
        ? 'blocked'
        : stateOf(target, store, activation);
    const after = stateOf(target, store, activation);
    const reasons = after === 'blocked' ? blockReasons(target, store, catalog) : [];
    stores.push({
      storeId: store.id,
      name: store.name,
      enabled: activation?.enabled ?? false,
      fromVersion: from,
      toVersion: version,
      before,
      after,
      reasons,
    });
  }
  const changed = stores.filter((s) => s.enabled && s.fromVersion !== version);
  const blocked = changed.filter((s) => s.after === 'blocked');
  const groups = new Map<string, BlockGroup>();
  for (const s of blocked) {
    for (const r of s.reasons) {
      const key = `${r.code}:${r.appId ?? ''}`;
      const group = groups.get(key) ?? {
        code: r.code,
        appId: r.appId,
        stores: 0,
        message: r.message,
      };
      group.stores++;
      groups.set(key, group);
    }
  }
  const impact: Omit<PublishImpact, 'summary'> = {
    version,
    publishable: target.errors.length === 0,
    errors: target.errors.length,
    changes: changed.length,
    willBlock: blocked.length,
    stopsRunning: changed.filter((s) => s.before === 'running' && s.after !== 'running').length,
    unchanged: stores.filter((s) => s.fromVersion === version).length,
    notEnabled: stores.filter((s) => !s.enabled).length,
    blockedBecause: [...groups.values()].sort((a, b) => b.stores - a.stores),
    stores,
  };
  return { ...impact, summary: impactSummary(impact) };
}

const stores = (n: number) => `${n} ${n === 1 ? 'store' : 'stores'}`;

/** "publishes version 6: changes what runs in 12 stores; 2 stores will block: LoyaltyLion is not installed in this store" */
export function impactSummary(impact: Omit<PublishImpact, 'summary'>): string {
  if (!impact.publishable)
    return `version ${impact.version} has ${impact.errors === 1 ? '1 error' : `${impact.errors} errors`} and cannot be published`;
  const parts = [`publishes version ${impact.version}: changes what runs in ${stores(impact.changes)}`];
  if (impact.willBlock > 0) {
    const because = impact.blockedBecause
      .map((g) => (g.stores === impact.willBlock ? g.message : `${g.message} (${stores(g.stores)})`))
      .join('; ');
    parts.push(`${stores(impact.willBlock)} will block: ${because}`);
  }
  return parts.join('; ');
}
