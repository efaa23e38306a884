import type { Catalog } from '../domain/catalog/catalog';
import type { CatalogTrigger, TriggerSchedule } from '../domain/catalog/catalog-schema';
import { isScheduledTimeTrigger, scheduledTimeSettings } from '../domain/workflow/scheduled-time';
import type { ScheduleMark, ScheduleStore } from '../store/schedule-store';
import type { GroupCommit } from './group-commit';
import type { Routing, RoutingSnapshot, StoreInfo } from './routing';
import type { Runner } from './runner';
import { latestSlot, localDateAfter, localTime } from './schedule-slots';
import { dueSlot, nextSlot } from './workflow-slots';

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
const HOUR_MS = 60 * 60 * 1000;
/**
 * Under the shortest gap between two slots of a repeat, with room to spare: a day, a week, or 28 days
 * (31 January → 28 February), each an hour shorter when clocks go forward between them.
 */
const minSlotGapMs = { daily: 22 * HOUR_MS, weekly: 7 * DAY_MS - 2 * HOUR_MS, monthly: 28 * DAY_MS - 2 * HOUR_MS, once: Infinity } as const;

/**
 * Fires the scheduled triggers (daily ones, birthdays, Shopify's "Scheduled time") in each store's time zone
 * while Flow Admin runs. Each (store, trigger) — for "Scheduled time", each (store, trigger, workflow), since
 * every workflow has its own time — remembers the last slot it fired for; at start, a slot missed while Flow
 * Admin was closed fires once (the latest one, not one per missed day). A pair seen for the first time starts
 * counting from now: nothing was missed before Flow Admin knew it.
 */
export class Scheduler {
  private readonly scheduled: Scheduled[];
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<number> | null = null;

  constructor(private readonly deps: SchedulerDeps) {
    this.scheduled = deps.catalog.apps.flatMap((app) =>
      app.triggers.filter((t) => t.schedule && !t.deprecated).map((trigger) => ({ appId: app.id, trigger, schedule: trigger.schedule! })),
    );
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

  /** Fires every slot due now; returns how many trigger events it recorded. */
  tick(): Promise<number> {
    if (this.ticking) return this.ticking;
    this.ticking = this.deps.commit
      .run(() => this.fireDue())
      .catch((error: unknown) => {
        this.deps.log('scheduled triggers could not be fired', error);
        return 0;
      })
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private fireDue(): number {
    const { routing, schedules } = this.deps;
    const nowMs = this.deps.nowMs();
    const snapshot = routing.current();
    const marks = new Map(schedules.all().map((m) => [markKey(m), m]));
    const kept = new Set<string>();
    let fired = 0;
    for (const store of snapshot.stores.values()) {
      if (!store.flowInstalled) continue;
      try {
        localTime(nowMs, store.timeZone);
      } catch (error) {
        this.deps.log(`store ${store.name} has an unknown time zone "${store.timeZone}"`, error);
        continue;
      }
      for (const scheduled of this.scheduled) {
        fired += isScheduledTimeTrigger({ app: scheduled.appId, handle: scheduled.trigger.handle })
          ? this.fireWorkflows(store, scheduled, snapshot, marks, kept, nowMs)
          : this.fireTrigger(store, scheduled, snapshot, marks, nowMs);
      }
    }
    // A workflow that stopped running (or was deleted, or changed trigger) forgets its slots: running again
    // counts from then, rather than catching up a slot missed while it was stopped.
    for (const [key, mark] of marks) {
      if (isScheduledTimeTrigger({ app: mark.appId, handle: mark.triggerHandle }) && !kept.has(key)) schedules.forget(mark);
    }
    return fired;
  }

  /** A trigger on the catalog's schedule: one event per slot for every workflow running on it in the store. */
  private fireTrigger(
    store: StoreInfo,
    { appId, trigger, schedule }: Scheduled,
    snapshot: RoutingSnapshot,
    marks: Marks,
    nowMs: number,
  ): number {
    const slot = latestSlot(nowMs, schedule.at, store.timeZone);
    const last = marks.get(markKey({ storeId: store.id, appId, triggerHandle: trigger.handle, workflowId: '' }))?.lastSlotAt;
    if (last !== undefined && slot <= last) return 0;
    this.deps.schedules.mark({
      storeId: store.id,
      appId,
      triggerHandle: trigger.handle,
      workflowId: '',
      lastSlotAt: slot,
      firstSlotAt: null,
      settings: null,
    });
    if (last === undefined) return 0;
    if (snapshot.running(store.id, appId, trigger.handle).length === 0) return 0;
    const payload = scheduledPayload(trigger, schedule, slot, store.timeZone);
    this.deps.runner.record({ storeId: store.id, appId, handle: trigger.handle, source: 'schedule', payload });
    return 1;
  }

  /**
   * Shopify's "Scheduled time": each running workflow on its own time and repeat (the catalog's 00:00 daily
   * when its time is unset or unreadable), one event per workflow and slot. A workflow first seen, or seen
   * with other settings, starts counting from now; its first slot fixes weekday, day of the month or the one time.
   */
  private fireWorkflows(
    store: StoreInfo,
    { appId, trigger, schedule }: Scheduled,
    snapshot: RoutingSnapshot,
    marks: Marks,
    kept: Set<string>,
    nowMs: number,
  ): number {
    let fired = 0;
    for (const workflow of snapshot.running(store.id, appId, trigger.handle)) {
      const own = scheduledTimeSettings(workflow.compiled.triggerConfig);
      const at = own.at ?? schedule.at;
      const repeat = own.at === null ? 'daily' : own.repeat;
      const settings = `${at} ${repeat}`;
      const where = { storeId: store.id, appId, triggerHandle: trigger.handle, workflowId: workflow.workflowId };
      const key = markKey(where);
      kept.add(key);
      const mark = marks.get(key);
      if (!mark || mark.settings !== settings || mark.firstSlotAt === null) {
        this.deps.schedules.mark({ ...where, lastSlotAt: nowMs, firstSlotAt: nextSlot(nowMs, at, store.timeZone), settings });
        continue;
      }
      // Most ticks nothing is due: not before the first slot, nor too soon after the last.
      if (nowMs < mark.firstSlotAt || (mark.lastSlotAt >= mark.firstSlotAt && nowMs - mark.lastSlotAt < minSlotGapMs[repeat])) continue;
      const slot = dueSlot(nowMs, at, repeat, mark.firstSlotAt, store.timeZone);
      if (slot === null || slot <= mark.lastSlotAt) continue;
      this.deps.schedules.mark({ ...mark, lastSlotAt: slot });
      const payload = scheduledPayload(trigger, schedule, slot, store.timeZone);
      this.deps.runner.record({
        storeId: store.id,
        appId,
        handle: trigger.handle,
        source: 'schedule',
        payload,
        workflowId: workflow.workflowId,
      });
      fired++;
    }
    return fired;
  }
}

type Marks = ReadonlyMap<string, ScheduleMark>;

function markKey(m: Pick<ScheduleMark, 'storeId' | 'appId' | 'triggerHandle' | 'workflowId'>): string {
  return `${m.storeId}|${m.appId}|${m.triggerHandle}|${m.workflowId}`;
}

/**
 * What a scheduled trigger knows offline: its times. A birthday trigger carries the birthday date (the slot's
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
  return payload;
}
