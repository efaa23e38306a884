import type { Catalog } from '../domain/catalog/catalog';
import type { CatalogTrigger, TriggerSchedule } from '../domain/catalog/catalog-schema';
import { isScheduledTimeTrigger, scheduledTimeSchedules } from '../domain/workflow/scheduled-time';
import type { ScheduleStore } from '../store/schedule-store';
import type { GroupCommit } from './group-commit';
import type { Routing, RoutingSnapshot } from './routing';
import type { Runner } from './runner';
import { knownTimeZone, pairKey, ScheduleQueue, type ScheduledPair } from './schedule-queue';
import { localDateAfter } from './schedule-slots';

export interface SchedulerDeps {
  catalog: Catalog;
  routing: Routing;
  schedules: ScheduleStore;
  commit: GroupCommit;
  runner: Runner;
  nowMs: () => number;
  intervalMs: number;
  log: (message: string, error?: unknown) => void;
}

interface Scheduled {
  appId: string;
  trigger: CatalogTrigger;
  schedule: TriggerSchedule;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Fires the scheduled triggers (daily ones, birthdays, Shopify's "Scheduled time") in each store's time zone
 * while Flow Admin runs. Each (store, trigger) — for "Scheduled time", each (store, trigger, workflow), since
 * every workflow has its own rule — remembers the last slot it fired for; at start, a slot missed while Flow
 * Admin was closed fires once (the latest one, not one per missed day). A pair seen for the first time starts
 * counting from now: nothing was missed before Flow Admin knew it.
 *
 * Only the running pairs are kept, in a heap by their next due slot (ScheduleQueue): a tick that finds
 * routes unchanged looks at the heap's top only. When routes change (their generation moves), the running
 * pairs are read off the new snapshot once and the heap follows; the marks are read from the database once,
 * at the first tick (and again after a failed write, whose changes the heap cannot take back).
 */
export class Scheduler {
  private readonly scheduled: Scheduled[];
  private readonly byTrigger = new Map<string, Scheduled>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<number> | null = null;
  private queue = new ScheduleQueue();
  /** The routing generation the queue holds the running pairs of; null: read everything again. */
  private synced: number | null = null;
  /** What ran on the scheduled triggers in each store at `synced` (routing's signatures): a change syncs only the stores whose differ. */
  private signatures: ReadonlyMap<string, string> | null = null;
  private readonly triggerKeys: string[];

  constructor(private readonly deps: SchedulerDeps) {
    this.scheduled = deps.catalog.apps.flatMap((app) =>
      app.triggers.filter((t) => t.schedule && !t.deprecated).map((trigger) => ({ appId: app.id, trigger, schedule: trigger.schedule! })),
    );
    for (const s of this.scheduled) this.byTrigger.set(`${s.appId}:${s.trigger.handle}`, s);
    this.triggerKeys = [...this.byTrigger.keys()];
  }

  start(): Promise<number> {
    const first = this.tick();
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
    this.timer.unref?.();
    return first;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => 0);
  }

  /** Running scheduled pairs the scheduler keeps (for the bench and tests). */
  get queued(): number {
    return this.queue.size;
  }

  /** Fires every slot due now; returns how many trigger events it recorded. */
  tick(): Promise<number> {
    if (this.ticking) return this.ticking;
    let attempt = 0;
    this.ticking = this.deps.commit
      .run(() => {
        // A second attempt means the first one's transaction was rolled back (the group commit retries
        // pieces alone): the heap moved on without it, so it is built again from what the database holds.
        if (attempt++ > 0) this.forgetQueue();
        return this.fireDue();
      })
      .catch((error: unknown) => {
        this.forgetQueue();
        this.deps.log('scheduled triggers could not be fired', error);
        return 0;
      })
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private forgetQueue(): void {
    this.queue = new ScheduleQueue();
    this.synced = null;
    this.signatures = null;
  }

  private fireDue(): number {
    const { schedules, runner } = this.deps;
    const nowMs = this.deps.nowMs();
    const snapshot = this.deps.routing.current();
    if (snapshot.generation !== this.synced) {
      const signatures = snapshot.runningSignatures(this.triggerKeys);
      // Routing says which stores the change touched on the scheduled triggers: only their pairs are read
      // and synced (all of them at the first sync, and after a failed write).
      const scope = this.synced === null || !this.signatures ? undefined : changedStores(this.signatures, signatures);
      const stored = this.synced === null ? new Map(schedules.all().map((m) => [pairKey(m), m])) : undefined;
      const writes = this.queue.sync(this.runningPairs(snapshot, nowMs, scope), nowMs, stored, scope);
      for (const mark of writes.marks) schedules.mark(mark);
      for (const mark of writes.forgotten) schedules.forget(mark);
      this.synced = snapshot.generation;
      this.signatures = signatures;
    }
    if (this.queue.nextDueMs() > nowMs) return 0;
    const { fires, marks } = this.queue.due(nowMs);
    for (const mark of marks) schedules.mark(mark);
    for (const { pair, slotMs } of fires) {
      const scheduled = this.byTrigger.get(`${pair.appId}:${pair.triggerHandle}`)!;
      const payload = scheduledPayload(scheduled.trigger, scheduled.schedule, slotMs, pair.timeZone);
      runner.record({
        storeId: pair.storeId,
        appId: pair.appId,
        handle: pair.triggerHandle,
        source: 'schedule',
        payload,
        ...(pair.workflowId ? { workflowId: pair.workflowId } : {}),
      });
    }
    return fires.length;
  }

  /**
   * The scheduled pairs running in the snapshot: a catalog trigger in a store where any workflow runs on
   * it; a "Scheduled time" workflow on its own `recurrence` (its TZID's time, or the store's local time
   * for a rule without a zone).
   */
  private *runningPairs(snapshot: RoutingSnapshot, nowMs: number, only?: ReadonlySet<string>): Generator<ScheduledPair> {
    const stores = only ? [...only].flatMap((id) => snapshot.stores.get(id) ?? []) : snapshot.stores.values();
    for (const store of stores) {
      if (!store.flowInstalled) continue;
      if (!knownTimeZone(store.timeZone, nowMs)) {
        this.deps.log(`store ${store.name} has an unknown time zone "${store.timeZone}"`);
        continue;
      }
      for (const { appId, trigger, schedule } of this.scheduled) {
        const running = snapshot.running(store.id, appId, trigger.handle);
        if (running.length === 0) continue;
        const where = { storeId: store.id, appId, triggerHandle: trigger.handle, timeZone: store.timeZone };
        if (!isScheduledTimeTrigger({ app: appId, handle: trigger.handle })) {
          yield { ...where, workflowId: '', at: schedule.at, own: null };
          continue;
        }
        for (const workflow of running) {
          // A running workflow passed validation, so its rule reads; one that still has no schedule never fires.
          const own = scheduledTimeSchedules(workflow.compiled.triggerConfig);
          // One stored before today's checks (a rule rrule could never finish) is left out by parsing: say why.
          for (const issue of own.issues)
            this.deps.log(`workflow ${workflow.workflowId}'s schedule ${issue.schedule} is left out (${issue.code}): "${issue.value}"`);
          if (own.text === null || own.schedules.length === 0) continue;
          yield { ...where, workflowId: workflow.workflowId, at: null, own: { schedules: own.schedules, text: own.text } };
        }
      }
    }
  }
}

/** The stores whose signature differs between two snapshots (or that one of them does not have). */
function changedStores(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [id, signature] of after) if (before.get(id) !== signature) changed.add(id);
  for (const id of before.keys()) if (!after.has(id)) changed.add(id);
  return changed;
}

/**
 * What a scheduled trigger knows offline: its times (`scheduledAt` of Scheduled time). A birthday trigger carries the birthday date (the slot's
 * date plus the days before); a period ends at the slot and starts a day earlier; any other time is the slot.
 */
export function scheduledPayload(
  trigger: CatalogTrigger,
  schedule: TriggerSchedule,
  slotMs: number,
  timeZone: string,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of trigger.fields) {
    if (field.type !== 'date_time' || field.list) continue;
    if (field.key === 'birthday' && schedule.kind === 'birthday')
      payload[field.key] = new Date(localDateAfter(slotMs, schedule.daysBefore, timeZone)).toISOString();
    else if (field.key === 'period_start') payload[field.key] = new Date(slotMs - DAY_MS).toISOString();
    else payload[field.key] = new Date(slotMs).toISOString();
  }
  // Shopify's Scheduled time gives the workflow `scheduledAt`, the slot, as a DateTime of its own.
  for (const object of trigger.provides) {
    if (object.type === 'DateTime' && !object.list) payload[object.variable] = new Date(slotMs).toISOString();
  }
  return payload;
}
