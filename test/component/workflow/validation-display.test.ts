import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import WorkflowEditor from '../../../renderer/src/components/workflow/WorkflowEditor.svelte';
import type { Draft } from '../../../renderer/src/components/workflow/editor-model';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import { i18n } from '../../../renderer/src/lib/i18n/i18n.svelte';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import { apps, schema } from './catalog-fixture';

beforeAll(() => catalog.set(apps));

const draft: Draft = {
  name: 'Reward big orders',
  description: '',
  definition: {
    trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
    steps: [
      {
        id: 'big-order',
        kind: 'condition',
        condition: {
          kind: 'group',
          operator: 'and',
          items: [{ kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 'lots' }],
        },
        then: [
          {
            id: 'points',
            kind: 'action',
            task: { app: 'loyaltylion', handle: 'add_points' },
            inputs: { customer_id: '{{ order.customer.id }}', points: '' },
          },
        ],
        else: [{ id: 'sms', kind: 'action', task: { app: 'firepush', handle: 'send_sms' }, inputs: { phone: '91234567', message: 'Hi' } }],
      },
    ],
  },
};

function problem(stepId: string, field: string | null, code: ValidationProblem['code'], params: Record<string, string>): ValidationProblem {
  return {
    code,
    severity: 'error',
    stepId,
    field,
    message: `Step "${stepId}": English message for ${code}`,
    params: { stepId, ...params },
  };
}

const problems: ValidationProblem[] = [
  problem('big-order', 'condition.items[0].value', 'wrong_type', {
    conditionField: 'order.totalPriceSet.shopMoney.amount',
    operator: 'greater_than',
    expected: 'a number',
  }),
  problem('points', 'task.app', 'app_not_installed_in_organization', { appId: 'loyaltylion', appName: 'LoyaltyLion rewards & referral' }),
  problem('points', 'points', 'missing_required_field', { fieldKey: 'points', fieldName: 'Points' }),
  problem('sms', 'phone', 'wrong_format', { fieldKey: 'phone', fieldName: 'Phone number', expected: 'E.164' }),
];

describe('validation problems in the editor', () => {
  it('shows each problem from the domain at the step and field it concerns', () => {
    render(WorkflowEditor, { draft, apps, unavailable: new Map(), problems, schema, onchange: vi.fn() });

    const points = screen.getByRole('listitem', { name: 'LoyaltyLion rewards & referral: Add points' });
    const pointsInput = within(points).getByRole('textbox', { name: 'Points' });
    expect(pointsInput).toHaveAttribute('aria-invalid', 'true');
    expect(pointsInput).toHaveAccessibleDescription(/“Points” is required/);
    expect(within(points).getByText(/LoyaltyLion rewards & referral is on the Not installed list/)).toBeInTheDocument();
    expect(within(points).getByRole('textbox', { name: 'Customer' })).not.toHaveAttribute('aria-invalid');

    const sms = screen.getByRole('listitem', { name: 'SMS, Web Push, Email - FirePush: Send SMS message' });
    expect(within(sms).getByRole('textbox', { name: 'Phone number' })).toHaveAccessibleDescription(
      /“Phone number” is not in the right format/,
    );
    expect(within(sms).queryByText(/Not installed list/)).toBeNull();

    const value = screen.getAllByRole('textbox', { name: 'Value' });
    expect(value).toHaveLength(1);
    expect(value[0]).toHaveAccessibleDescription('The value compared with “order.totalPriceSet.shopMoney.amount” has the wrong type');
  });

  it('sums the problems up at the top; each one takes the focus to its field', async () => {
    render(WorkflowEditor, { draft, apps, unavailable: new Map(), problems, schema, onchange: vi.fn() });
    const summary = screen.getByRole('region', { name: '4 problems to fix' });
    await fireEvent.click(within(summary).getByRole('button', { name: /“Phone number” is not in the right format/ }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Phone number' }));
  });

  it('says the problems in Norwegian when the language is switched', async () => {
    render(WorkflowEditor, { draft, apps, unavailable: new Map(), problems, schema, onchange: vi.fn() });
    i18n.setLanguage('nb');
    await Promise.resolve();
    expect(await screen.findByRole('region', { name: '4 problemer å rette' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Poeng' })).toHaveAttribute('aria-invalid', 'true');
    i18n.setLanguage('en');
  });
});
