import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ActionForm from '../../../renderer/src/components/workflow/ActionForm.svelte';
import { scopeOf, type CatalogAction } from '../../../renderer/src/components/workflow/editor-model';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import { app, apps } from './catalog-fixture';

const addPoints = app('loyaltylion').actions.find((a) => a.handle === 'add_points')!;
const sendSms = app('firepush').actions.find((a) => a.handle === 'send_sms')!;
const variables = scopeOf(app('shopify').triggers.find((t) => t.handle === 'order_created')!.fields);

beforeAll(() => catalog.set(apps));

function setup(action: CatalogAction, inputs: Record<string, string> = {}, problems: ValidationProblem[] = []) {
  const onchange = vi.fn();
  const view = render(ActionForm, { action, stepId: 'step-1', inputs, problems, variables, onchange });
  return { ...view, onchange };
}

describe('action form', () => {
  it("generates a field per input of the catalog action's schema, marking the required ones", () => {
    setup(addPoints);
    const customer = screen.getByRole('textbox', { name: 'Customer' });
    const points = screen.getByRole('textbox', { name: 'Points' });
    const reason = screen.getByRole('textbox', { name: 'Reason' });
    expect(customer).toHaveAttribute('aria-required', 'true');
    expect(points).toHaveAttribute('aria-required', 'true');
    expect(reason).toHaveAttribute('aria-required', 'false');
    expect(points).toHaveAccessibleDescription('A whole number.');
    expect(screen.getAllByRole('textbox')).toHaveLength(3);
    // The mark is visible; screen readers hear "required" from aria-required.
    expect(screen.getByText('Points', { exact: false, selector: 'label' })).toHaveTextContent('Points *');
  });

  it('hints the E.164 format and uses a multi-line box for long text', () => {
    setup(sendSms);
    const phone = screen.getByRole('textbox', { name: 'Phone number' });
    expect(phone).toHaveAccessibleDescription(/E\.164/);
    expect(phone).toHaveAttribute('placeholder', '+4791234567');
    expect(screen.getByRole('textbox', { name: 'Message' }).tagName).toBe('TEXTAREA');
  });

  it('offers choices as a list and true/false as yes/no', () => {
    const action: CatalogAction = {
      ...addPoints,
      fields: [
        { key: 'channel', name: { nb: 'Kanal', en: 'Channel' }, type: 'single_line_text_field', required: true, choices: ['email', 'sms'] },
        { key: 'notify', name: { nb: 'Varsle', en: 'Notify' }, type: 'boolean', required: false },
      ],
    };
    setup(action);
    const channel = screen.getByRole('combobox', { name: 'Channel' }) as HTMLSelectElement;
    expect([...channel.options].map((o) => o.value)).toEqual(['', 'email', 'sms']);
    const notify = screen.getByRole('combobox', { name: 'Notify' }) as HTMLSelectElement;
    expect([...notify.options].map((o) => o.textContent)).toEqual(['Choose…', 'Yes', 'No']);
  });

  it('sends every change up with the other inputs kept', async () => {
    const { onchange } = setup(addPoints, { customer_id: '{{ customer_id }}', points: '' });
    await fireEvent.input(screen.getByRole('textbox', { name: /^Points/ }), { target: { value: '50' } });
    expect(onchange).toHaveBeenLastCalledWith({ customer_id: '{{ customer_id }}', points: '50' });
  });

  it("inserts a Liquid variable from the trigger's data where the caret was", async () => {
    const { onchange } = setup(addPoints, { reason: 'Order  paid' });
    const reason = screen.getByRole('textbox', { name: 'Reason' }) as HTMLInputElement;
    reason.focus();
    reason.setSelectionRange(6, 6);
    await fireEvent.blur(reason);
    const picker = screen.getByLabelText('Insert variable into Reason').closest('details')!;
    picker.open = true;
    await fireEvent.click(within(picker).getByRole('button', { name: /order_name/ }));
    expect(onchange).toHaveBeenLastCalledWith({ reason: 'Order {{ order_name }} paid' });
  });

  it('shows a problem from the domain next to the field it concerns, and only there', () => {
    const problem: ValidationProblem = {
      code: 'wrong_format',
      severity: 'error',
      stepId: 'step-1',
      field: 'phone',
      message: 'Step "step-1": "Phone number" must be a phone number in E.164 format',
      params: { stepId: 'step-1', fieldKey: 'phone', fieldName: 'Phone number', expected: 'a phone number in E.164 format' },
    };
    const other = { ...problem, stepId: 'step-2' };
    setup(sendSms, { phone: '91234567' }, [problem, other]);
    const phone = screen.getByRole('textbox', { name: /^Phone number/ });
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription(/E\.164.*“Phone number” is not in the right format$/);
    expect(screen.getAllByText('“Phone number” is not in the right format')).toHaveLength(1);
    expect(screen.getByRole('textbox', { name: /^Message/ })).not.toHaveAttribute('aria-invalid');
  });
});
