import type { SettingsStore } from '../store/settings-store';

/** The runtime's settings an admin may change, kept in the settings table. */
export interface RuntimeSettings {
  /** Runs (with their trigger events and deliveries) older than this are deleted. Flow itself keeps 7. */
  retentionDays: number;
  /** Requests to an app before a delivery fails for good. */
  maxAttempts: number;
  /** How long a delivery may wait on an app that asks it to wait (429/503 with Retry-After) or finish (202). */
  deliveryWaitHours: number;
  /** The trigger endpoint's port on 127.0.0.1; 0 lets the system pick a free one at each start. */
  triggerPort: number;
}

export const defaultRuntimeSettings: RuntimeSettings = { retentionDays: 90, maxAttempts: 10, deliveryWaitHours: 24, triggerPort: 0 };

const keys: Record<keyof RuntimeSettings, string> = {
  retentionDays: 'runtime.retentionDays',
  maxAttempts: 'runtime.maxAttempts',
  deliveryWaitHours: 'runtime.deliveryWaitHours',
  triggerPort: 'runtime.triggerPort',
};

export function readRuntimeSettings(store: SettingsStore): RuntimeSettings {
  const out = { ...defaultRuntimeSettings };
  for (const key of Object.keys(keys) as (keyof RuntimeSettings)[]) {
    const raw = store.get(keys[key]);
    const n = raw === undefined ? Number.NaN : Number(raw);
    if (Number.isInteger(n)) out[key] = n;
  }
  return out;
}

export function writeRuntimeSettings(store: SettingsStore, change: Partial<RuntimeSettings>): void {
  for (const key of Object.keys(keys) as (keyof RuntimeSettings)[]) {
    const value = change[key];
    if (value !== undefined) store.set(keys[key], String(value));
  }
}
