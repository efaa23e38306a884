import type { RunDetail } from '../../lib/state/runs.svelte';
import { formatNumber } from '../../lib/format';
import { catalog } from '../../lib/state/catalog.svelte';
import { i18n, t } from '../../lib/i18n/i18n.svelte';

export type Delivery = RunDetail['deliveries'][number];
export type RunStep = RunDetail['steps'][number];

/**
 * A delivery's state as an admin asks about it: still to be sent, sent again after a failure, the app asked
 * to be asked later (202), given up, or done. The API's `pending` with attempts behind it is a retry.
 */
export type DeliveryState = 'pending' | 'retrying' | 'waiting' | 'failed' | 'done';

export function deliveryState(delivery: Delivery): DeliveryState {
  switch (delivery.state) {
    case 'pending':
      return delivery.attempts > 0 ? 'retrying' : 'pending';
    case 'accepted':
      return 'waiting';
    case 'delivered':
      return 'done';
    case 'failed':
      return 'failed';
  }
}

/** "Klaviyo: Track an event" in the current language, or the ids where the catalog does not know them. */
export function taskName(app: string | null, handle: string | null): string {
  if (!app || !handle) return '';
  return `${catalog.names.appName(app) ?? app}: ${catalog.names.taskName(app, handle) ?? handle}`;
}

/** How long something took, for timings in the run detail. */
export function duration(from: string | null, to: string | null): string {
  if (!from || !to) return '';
  const ms = Math.max(0, new Date(to).getTime() - new Date(from).getTime());
  if (ms < 1000) return t('runs.durationMs', { n: formatNumber(ms) });
  if (ms < 120_000) return t('runs.durationS', { n: formatNumber(Math.round(ms / 100) / 10) });
  return t('runs.durationMin', { n: formatNumber(Math.round(ms / 6000) / 10) });
}

/** Inputs, outputs and payloads as readable JSON; nothing for an empty value. */
export function json(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && Object.keys(value as object).length === 0) return '';
  return JSON.stringify(value, null, 2);
}

/** A moment to the second: runs often start within the same minute. */
export function formatRunTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18n.language === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}
