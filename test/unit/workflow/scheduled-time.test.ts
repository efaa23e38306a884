import { describe, expect, it } from 'vitest';
import { scheduledTimeSettings } from '../../../electron/domain/workflow/scheduled-time';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { action, located, validate } from './definitions';

function scheduled(config: Record<string, string>): WorkflowDefinition {
  return {
    trigger: { id: 'when', task: { app: 'shopify', handle: 'scheduled_time' }, config },
    steps: [action('mail', 'shopify:send_internal_email', { to: 'ops@example.com', subject: 's', body: 'b' })],
  };
}

describe('Shopify’s scheduled time: its own settings', () => {
  it('accepts a time of day with any repeat, or none, and no time at all (it then runs at 00:00)', () => {
    const configs: Record<string, string>[] = [
      { time: '14:30', repeat: 'daily' },
      { time: '00:00', repeat: 'weekly' },
      { time: '23:59', repeat: 'monthly' },
      { time: '08:05' },
      {},
      { repeat: 'daily' },
    ];
    for (const config of configs) {
      expect(validate(scheduled(config))).toEqual([]);
    }
  });

  it('wrong_format: a time that is not HH:MM from 00:00 to 23:59, at the trigger and its time field', () => {
    for (const time of ['24:00', '9:30', '14.30', '14:60', 'noon', '14:30:00', ' 14:30']) {
      const problems = validate(scheduled({ time, repeat: 'daily' }));
      expect(located(problems)).toEqual(['wrong_format@when/time']);
      expect(problems[0]!.message).toBe(`Step "when": The time "${time}" is not a time of day as HH:MM, from 00:00 to 23:59`);
      expect(problems[0]!.params).toMatchObject({ fieldKey: 'time', value: time });
    }
  });

  it('an unknown repeat (kept from an imported file) is a warning: it runs daily', () => {
    const problems = validate(scheduled({ time: '14:30', repeat: 'hourly' }));
    expect(located(problems)).toEqual(['wrong_format@when/repeat (warning)']);
    expect(scheduledTimeSettings({ time: '14:30', repeat: 'hourly' })).toEqual({ at: '14:30', repeat: 'daily' });
  });

  it('what the runtime reads: no repeat is once; an unreadable time is no time', () => {
    expect(scheduledTimeSettings({ time: '14:30' })).toEqual({ at: '14:30', repeat: 'once' });
    expect(scheduledTimeSettings({ time: '14:30', repeat: '' })).toEqual({ at: '14:30', repeat: 'once' });
    expect(scheduledTimeSettings({ time: '25:00', repeat: 'weekly' })).toEqual({ at: null, repeat: 'weekly' });
  });
});
