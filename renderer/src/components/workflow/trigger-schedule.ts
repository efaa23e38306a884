/**
 * Shopify's scheduled-time trigger keeps its settings in the trigger's config, as .flow files carry them
 * (`config_field_values`, every value a string): `time` ("08:00") and `repeat` ("daily"). Other keys an
 * imported file brought are left as they are.
 */
export const SCHEDULED_TIME = { app: 'shopify', handle: 'scheduled_time' } as const;

export const repeatChoices = ['daily', 'weekly', 'monthly'] as const;

export function isScheduledTime(task: { app: string; handle: string } | null | undefined): boolean {
  return task?.app === SCHEDULED_TIME.app && task.handle === SCHEDULED_TIME.handle;
}

/** The config with one setting changed; an empty value removes the key (e.g. "does not repeat"). */
export function withSetting(config: Record<string, string>, key: 'time' | 'repeat', value: string): Record<string, string> {
  const { [key]: _old, ...rest } = config;
  return value === '' ? rest : { ...rest, [key]: value };
}
