import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../renderer/src/components/workflow/editor-model';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import { i18n } from '../../../renderer/src/lib/i18n/i18n.svelte';
import type { Step } from '../../../electron/domain/workflow/workflow-definition';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import EditorHarness from './EditorHarness.svelte';
import { apps } from './catalog-fixture';

beforeAll(() => catalog.set(apps));
afterEach(() => i18n.setLanguage('en'));

function setup(trigger: string, steps: Step[] = [], problems: ValidationProblem[] = []) {
  const initial: Draft = {
    name: 'Tags',
    description: '',
    definition: { trigger: { id: 'trigger', task: { app: 'shopify', handle: trigger }, config: {} }, steps },
  };
  const onchange = vi.fn();
  render(EditorHarness, { initial, apps, problems, onchange });
  return { steps: () => (onchange.mock.lastCall?.[0] as Draft).definition.steps };
}

function section(name: string): HTMLElement {
  return screen.getByRole('heading', { name, level: 3 }).closest('section')!;
}

// The action picker lists some 150 actions, which jsdom on a shared machine takes its time over.
describe('action picker', { timeout: 30_000 }, () => {
  it('lists first the actions the workflow has data for; the others after, still pickable', async () => {
    const { steps } = setup('customer_created');
    await fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
    const fitting = section('Installed');
    const needing = section('Needs data this workflow does not have');
    expect(within(fitting).getByRole('button', { name: /^Add customer tags/ })).toBeInTheDocument();
    expect(within(fitting).getByRole('button', { name: /^Send internal email/ })).toBeInTheDocument();
    expect(within(fitting).queryByRole('button', { name: /^Add order tags/ })).toBeNull();
    const orderTags = within(needing).getByRole('button', { name: /^Add order tags/ });
    expect(fitting.compareDocumentPosition(needing) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await fireEvent.click(orderTags);
    expect(steps()).toEqual([expect.objectContaining({ kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' } })]);
  });

  it('after Order created, order actions are among the first', async () => {
    setup('order_created');
    await fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
    expect(within(section('Installed')).getByRole('button', { name: /^Add order tags/ })).toBeInTheDocument();
    expect(
      within(section('Needs data this workflow does not have')).getByRole('button', { name: /^Add product tags/ }),
    ).toBeInTheDocument();
  });

  it('finds an action by its name in either language', async () => {
    setup('order_created');
    await fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search actions' }), { target: { value: 'bestillingstagger' } });
    expect(within(section('Installed')).getByRole('button', { name: /^Add order tags/ })).toBeInTheDocument();
  });

  it('shows the missing-data problem at the action, in both languages, and what it would act on', async () => {
    const problem: ValidationProblem = {
      code: 'missing_data',
      severity: 'error',
      stepId: 'tag',
      field: null,
      message: '"Add order tags" needs an order, but neither the trigger nor an earlier step gives one',
      params: { appId: 'shopify', handle: 'add_order_tags', actionName: 'Add order tags', objectType: 'Order', fieldKey: 'order_id' },
    };
    setup(
      'customer_created',
      [{ id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { tags: '["vip"]' } }],
      [problem],
    );
    const step = screen.getByRole('listitem', { name: 'Shopify: Add order tags' });
    expect(step).toHaveTextContent(/Add order tags.*needs an order/);
    expect(step).toHaveTextContent("Acts on an order, but the workflow's data has none here");
    i18n.setLanguage('nb');
    await vi.waitFor(() =>
      expect(screen.getByRole('listitem', { name: 'Shopify: Legg til bestillingstagger' })).toHaveTextContent(/en bestilling/),
    );
  });
});
