import { describe, expect, it } from 'vitest';
import { call } from '../support/app';
import { seriousAxeFindings } from '../support/axe';
import { useE2e } from '../support/e2e';

/** Shopify's Scheduled time in the editor, through the UI only: a schedule as Flow's editor has it, saved as Flow stores it. */
const e2e = useE2e();

const WORKFLOW = 'Unfulfilled orders report';

describe('the Scheduled time trigger in Chromium', () => {
  it('sets a start, a time zone and "every 2 weeks on Monday", says it back in words, saves it as Flow’s `recurrence`; a too short interval is refused at the field', async () => {
    const web = await e2e.startWebApp();
    const org = await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
    await call(web.app, 'stores.add', { organizationId: org.id, name: 'Oslo', domain: 'nordic-oslo.myshopify.com' });
    const workflow = await call(web.app, 'workflows.create', { organizationId: org.id, name: WORKFLOW });
    const page = await e2e.newPage(`${web.server.url}#/workflows/${workflow.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(WORKFLOW);

    const trigger = page.getByRole('region', { name: 'Trigger' });
    await trigger
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Scheduled time/ })
      .click();
    const schedule = page.getByRole('group', { name: 'Schedule', exact: true });
    await expect.poll(() => schedule.textContent()).toContain('No schedule yet');
    await schedule.getByRole('button', { name: 'Add schedule' }).click();

    await schedule.getByLabel('Start date').fill('2026-12-07');
    await schedule.getByLabel('Start time').fill('09:00');
    await schedule.getByRole('combobox', { name: 'Time zone' }).selectOption('America/New_York');
    await schedule.getByRole('combobox', { name: 'Repeats' }).selectOption({ label: 'Weeks' });
    await schedule.getByRole('spinbutton', { name: 'Every' }).fill('2');
    await schedule.getByRole('spinbutton', { name: 'Every' }).press('Tab');
    await schedule.getByRole('checkbox', { name: 'Monday' }).check();
    await expect.poll(() => schedule.textContent()).toContain('Every 2 weeks on Monday at 09:00 (America/New_York), from 2026-12-07');

    expect(await seriousAxeFindings(page, 'form, main')).toEqual([]);

    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 2').isVisible()).toBe(true);
    const saved = await call(web.app, 'workflows.get', { id: workflow.id });
    expect(JSON.parse(saved.definition.trigger!.config.recurrence!)).toEqual([
      'DTSTART;TZID=America/New_York:20261207T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO',
    ]);

    // Every 5 minutes: Flow's shortest interval is 10. The problem is said at the schedule, in words.
    await schedule.getByRole('combobox', { name: 'Repeats' }).selectOption({ label: 'Minutes' });
    await schedule.getByRole('spinbutton', { name: 'Every' }).fill('5');
    await schedule.getByRole('spinbutton', { name: 'Every' }).press('Tab');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect
      .poll(() => schedule.textContent())
      .toContain('Schedule 1 repeats more often than every 10 minutes, the shortest interval Flow allows: “FREQ=MINUTELY;INTERVAL=5”');
  });
});
