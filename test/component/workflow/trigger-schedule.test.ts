import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import TaskPicker from '../../../renderer/src/components/workflow/TaskPicker.svelte';
import TriggerSection from '../../../renderer/src/components/workflow/TriggerSection.svelte';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { CatalogApp } from '../../../renderer/src/components/workflow/editor-model';
import type { TriggerStep } from '../../../electron/domain/workflow/workflow-definition';
import { apps } from './catalog-fixture';

beforeAll(() => catalog.set(apps));

function setup(trigger: TriggerStep) {
  const onchange = vi.fn();
  render(TriggerSection, { trigger, apps, unavailable: new Map(), problems: [], onchange });
  const config = () => (onchange.mock.lastCall?.[0] as TriggerStep).config;
  return { onchange, config };
}

describe("Shopify's scheduled-time trigger", () => {
  const weekly = '["DTSTART;TZID=America/New_York:20250106T090000\\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO"]';
  const rules = (config: Record<string, string>) => JSON.parse(config.recurrence!) as string[];

  it('shows a weekly rule from a .flow file as its start, zone, repeat and weekdays, and in words', () => {
    setup({ id: 'trigger', task: { app: 'shopify', handle: 'scheduled_time' }, config: { recurrence: weekly } });
    const schedule = screen.getByRole('group', { name: 'Schedule' });
    expect(within(schedule).getByLabelText('Start date')).toHaveValue('2025-01-06');
    expect(within(schedule).getByLabelText('Start time')).toHaveValue('09:00');
    expect(within(schedule).getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/New_York');
    const repeat = within(schedule).getByRole('combobox', { name: 'Repeats' }) as HTMLSelectElement;
    expect(repeat.value).toBe('WEEKLY');
    expect([...repeat.options].map((o) => o.textContent)).toEqual([
      'Does not repeat',
      'Minutes',
      'Hours',
      'Days',
      'Weeks',
      'Months',
      'Years',
    ]);
    expect(within(schedule).getByRole('spinbutton', { name: 'Every' })).toHaveValue(2);
    expect(within(schedule).getByRole('checkbox', { name: 'Monday' })).toBeChecked();
    expect(within(schedule).getByRole('checkbox', { name: 'Tuesday' })).not.toBeChecked();
    expect(schedule).toHaveTextContent('Every 2 weeks on Monday at 09:00 (America/New_York), from 2025-01-06');
  });

  it('writes each change back into `recurrence` as Flow stores it, keeping what the form does not show', async () => {
    const { config } = setup({
      id: 'trigger',
      task: { app: 'shopify', handle: 'scheduled_time' },
      config: {
        recurrence: '["DTSTART;TZID=America/New_York:20250106T090000\\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10;WKST=MO"]',
        kept: 'x',
      },
    });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Wednesday' }));
    expect(rules(config())).toEqual([
      'DTSTART;TZID=America/New_York:20250106T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10;WKST=MO',
    ]);
    expect(config().kept).toBe('x');
    await fireEvent.change(screen.getByLabelText('Start time'), { target: { value: '07:15' } });
    expect(rules(config())[0]).toMatch(/^DTSTART;TZID=America\/New_York:20250106T071500\n/);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Time zone' }), { target: { value: '' } });
    expect(rules(config())[0]).toMatch(/^DTSTART:20250106T090000\n/); // each store's own zone: no TZID
    await fireEvent.change(screen.getByRole('combobox', { name: 'Repeats' }), { target: { value: 'DAILY' } });
    expect(rules(config())).toEqual(['DTSTART;TZID=America/New_York:20250106T090000\nRRULE:FREQ=DAILY;INTERVAL=2;COUNT=10;WKST=MO']);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Repeats' }), { target: { value: '' } });
    expect(rules(config())).toEqual(['DTSTART;TZID=America/New_York:20250106T090000']);
  });

  it('a new workflow has no schedule until one is added: tomorrow at 09:00 in each store’s zone', async () => {
    const { config } = setup({ id: 'trigger', task: { app: 'shopify', handle: 'scheduled_time' }, config: {} });
    expect(screen.getByRole('group', { name: 'Schedule' })).toHaveTextContent('No schedule yet');
    await fireEvent.click(screen.getByRole('button', { name: 'Add schedule' }));
    expect(rules(config())).toEqual([expect.stringMatching(/^DTSTART:\d{8}T090000$/)]);
  });

  it('says what is wrong with a schedule at the field, in words (every 5 minutes: Flow allows 10 at least)', () => {
    const recurrence = '["DTSTART:20250106T090000\\nRRULE:FREQ=MINUTELY;INTERVAL=5"]';
    const problem = {
      code: 'wrong_format' as const,
      severity: 'error' as const,
      stepId: 'trigger',
      field: 'recurrence',
      message: 'Schedule 1 repeats more often than every 10 minutes',
      params: { fieldKey: 'recurrence', fieldName: 'Schedule', issue: 'too_often', schedule: 1, value: 'FREQ=MINUTELY;INTERVAL=5' },
    };
    render(TriggerSection, {
      trigger: { id: 'trigger', task: { app: 'shopify', handle: 'scheduled_time' }, config: { recurrence } },
      apps,
      unavailable: new Map(),
      problems: [problem],
      onchange: () => {},
    });
    expect(screen.getByRole('spinbutton', { name: 'Every' })).toHaveValue(5);
    expect(screen.getByLabelText('Start date')).toHaveAccessibleDescription(
      'Schedule 1 repeats more often than every 10 minutes, the shortest interval Flow allows: “FREQ=MINUTELY;INTERVAL=5”',
    );
  });

  it('shows a text it cannot read as a schedule as text, to correct or replace', () => {
    const recurrence = '["DTSTART:2025-01-06 09:00"]';
    setup({ id: 'trigger', task: { app: 'shopify', handle: 'scheduled_time' }, config: { recurrence } });
    expect(screen.getByRole('textbox', { name: 'Schedule as iCalendar rules' })).toHaveValue(recurrence);
    expect(screen.getByRole('button', { name: 'Replace with a new schedule' })).toBeInTheDocument();
  });

  it('starts with empty settings when another trigger is picked', async () => {
    const { onchange } = setup({ id: 'trigger', task: { app: 'shopify', handle: 'scheduled_time' }, config: { recurrence: weekly } });
    await fireEvent.click(screen.getByRole('button', { name: 'Change trigger' }));
    await fireEvent.click(screen.getByRole('button', { name: /^Order paid/ }));
    expect(onchange).toHaveBeenLastCalledWith({ id: 'trigger', task: { app: 'shopify', handle: 'order_paid' }, config: {} });
  });
});

describe("an app's scheduled trigger", () => {
  it("shows the catalog's schedule, in the store's time zone, as information only", () => {
    setup({ id: 'trigger', task: { app: 'loyaltylion', handle: 'customer_birthday_in_7_days' }, config: {} });
    const schedule = screen.getByRole('group', { name: 'Schedule' });
    expect(schedule).toHaveTextContent("Starts at 09:00, 7 days before each customer's birthday, in each store's time zone.");
    expect(schedule).toHaveTextContent('Set by the app; it cannot be changed in the workflow.');
    expect(within(schedule).queryByRole('textbox')).toBeNull();
    expect(within(schedule).queryByRole('combobox')).toBeNull();
  });

  it('says a daily trigger runs every day, and a birthday trigger on the day', () => {
    const { unmount } = render(TriggerSection, {
      trigger: { id: 't', task: { app: 'algolia', handle: 'top_searches' }, config: {} },
      apps,
      unavailable: new Map(),
      problems: [],
      onchange: () => {},
    });
    expect(screen.getByRole('group', { name: 'Schedule' })).toHaveTextContent("Starts every day at 00:00, in each store's time zone.");
    unmount();
    setup({ id: 't', task: { app: 'loyaltylion', handle: 'customer_birthday_today' }, config: {} });
    expect(screen.getByRole('group', { name: 'Schedule' })).toHaveTextContent(
      "Starts at 09:00 on each customer's birthday, in each store's time zone.",
    );
  });

  it('shows no schedule for a trigger that starts on an event', () => {
    setup({ id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} });
    expect(screen.queryByRole('group', { name: 'Schedule' })).toBeNull();
  });
});

describe('the trigger picker with every app installed', () => {
  it('narrows fifty-odd apps by search and says how many triggers are left', async () => {
    const many: CatalogApp[] = [
      ...apps,
      ...Array.from({ length: 10 }, (_, i) => ({
        ...apps.find((a) => a.id === 'loyaltylion')!,
        id: `extra-${i}`,
        name: { nb: `Ekstra ${i}`, en: `Extra app ${i}` },
      })),
    ];
    expect(many.length).toBeGreaterThan(50);
    render(TaskPicker, { kind: 'trigger', apps: many, unavailable: new Map(), onpick: () => {} });
    const installed = screen.getByRole('region', { name: 'Installed' });
    expect(within(installed).getAllByRole('group').length).toBeGreaterThan(30);

    const search = screen.getByRole('searchbox', { name: 'Search triggers' });
    await fireEvent.input(search, { target: { value: 'extra app' } });
    // The ten copies of LoyaltyLion, each with all its (not deprecated) triggers.
    const perApp = apps.find((a) => a.id === 'loyaltylion')!.triggers.filter((t) => !t.deprecated).length;
    expect(within(installed).getAllByRole('group')).toHaveLength(10);
    expect(screen.getByRole('status')).toHaveTextContent(`${10 * perApp} triggers found`);
    expect(search).toHaveAccessibleDescription(`${10 * perApp} triggers found`);
    await fireEvent.input(search, { target: { value: 'extra app 7 birthday is in 7' } });
    expect(screen.getByRole('status')).toHaveTextContent('0 triggers found');
    await fireEvent.input(search, { target: { value: 'Extra app 7' } });
    expect(within(installed).getAllByRole('group')).toHaveLength(1);
    await fireEvent.input(search, { target: { value: 'no such thing' } });
    expect(screen.getByRole('status')).toHaveTextContent('0 triggers found');
    expect(within(installed).getByText('Nothing matches the search.')).toBeInTheDocument();
  });
});
