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
  it('edits the time of day and how often it repeats, in the config keys .flow files carry', async () => {
    // As imported from a .flow file (test/fixtures/flow/scheduled-connectors.flow), with a key we do not model.
    const { config } = setup({
      id: 'trigger',
      task: { app: 'shopify', handle: 'scheduled_time' },
      config: { time: '08:00', repeat: 'daily', start_date: '2024-05-01' },
    });
    const schedule = screen.getByRole('group', { name: 'Schedule' });
    const time = within(schedule).getByLabelText('Time of day') as HTMLInputElement;
    expect(time.value).toBe('08:00');
    expect(time).toHaveAccessibleDescription("In each store's time zone.");
    const repeat = within(schedule).getByRole('combobox', { name: 'Repeats' }) as HTMLSelectElement;
    expect(repeat.value).toBe('daily');
    expect([...repeat.options].map((o) => o.textContent)).toEqual(['Does not repeat', 'Every day', 'Every week', 'Every month']);

    await fireEvent.change(time, { target: { value: '09:30' } });
    expect(config()).toEqual({ time: '09:30', repeat: 'daily', start_date: '2024-05-01' });
    await fireEvent.change(repeat, { target: { value: '' } });
    expect(config()).toEqual({ time: '08:00', start_date: '2024-05-01' });
    await fireEvent.change(repeat, { target: { value: 'weekly' } });
    expect(config()).toEqual({ time: '08:00', repeat: 'weekly', start_date: '2024-05-01' });
  });

  it('keeps a repeat value from an imported file that it does not know, as a choice', () => {
    setup({ id: 'trigger', task: { app: 'shopify', handle: 'scheduled_time' }, config: { repeat: 'every_2_hours' } });
    const repeat = screen.getByRole('combobox', { name: 'Repeats' }) as HTMLSelectElement;
    expect(repeat.value).toBe('every_2_hours');
    expect(repeat.selectedOptions[0]).toHaveTextContent('“every_2_hours” (from the imported file)');
  });

  it('starts with empty settings when another trigger is picked', async () => {
    const { onchange } = setup({ id: 'trigger', task: { app: 'shopify', handle: 'scheduled_time' }, config: { time: '08:00' } });
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
