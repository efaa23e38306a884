import type { Catalog } from '../domain/catalog/catalog';
import type { CatalogTrigger, TriggerSchedule } from '../domain/catalog/catalog-schema';
import type { ScheduleStore } from '../store/schedule-store';
import type { GroupCommit } from './group-commit';
import type { Routing } from './routing';
import type { Runner } from './runner';
import { latestSlot, localDateAfter } from './schedule-slots';

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
 * Fires the scheduled triggers (daily ones, birthdays) in each store's time zone while Flow Admin runs.
 * Each (store, trigger) remembers the last slot it fired for; at start, a slot missed while Flow Admin
 * was closed fires once (the latest one, not one per missed day). A pair seen for the first time starts
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
    const { routing, schedules, runner } = this.deps;
    const nowMs = this.deps.nowMs();
    const snapshot = routing.current();
    const marks = new Map(schedules.all().map((m) => [`${m.storeId}|${m.appId}|${m.triggerHandle}`, m.lastSlotAt]));
    let fired = 0;
    for (const store of snapshot.stores.values()) {
      if (!store.flowInstalled) continue;
      for (const { appId, trigger, schedule } of this.scheduled) {
        let slot: number;
        try {
          slot = latestSlot(nowMs, schedule.at, store.timeZone);
        } catch (error) {
          this.deps.log(`store ${store.name} has an unknown time zone "${store.timeZone}"`, error);
          break;
        }
        const key = `${store.id}|${appId}|${trigger.handle}`;
        const last = marks.get(key);
        if (last !== undefined && slot <= last) continue;
        schedules.mark({ storeId: store.id, appId, triggerHandle: trigger.handle, lastSlotAt: slot });
        if (last === undefined) continue;
        if (snapshot.running(store.id, appId, trigger.handle).length === 0) continue;
        runner.record({ storeId: store.id, appId, handle: trigger.handle, source: 'schedule', payload: scheduledPayload(trigger, schedule, slot, store.timeZone) });
        fired++;
      }
    }
    return fired;
  }
}

/**
 * What a scheduled trigger knows offline: its times. A birthday trigger carries the birthday date (the slot's
 * date plus the days before); a period ends at the slot and starts a day earlier; any other time is the slot.
 */
export function scheduledPayload(trigger: CatalogTrigger, schedule: TriggerSchedule, slotMs: number, timeZone: string): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of trigger.fields) {
    if (field.type !== 'date_time' || field.list) continue;
    if (field.key === 'birthday' && schedule.kind === 'birthday') payload[field.key] = new Date(localDateAfter(slotMs, schedule.daysBefore, timeZone)).toISOString();
    else if (field.key === 'period_start') payload[field.key] = new Date(slotMs - DAY_MS).toISOString();
    else payload[field.key] = new Date(slotMs).toISOString();
  }
  return payload;
}
