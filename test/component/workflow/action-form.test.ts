import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ActionForm from '../../../renderer/src/components/workflow/ActionForm.svelte';
import type { CatalogAction } from '../../../renderer/src/components/workflow/editor-model';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import { app, apps, pickPath, scopeAfter } from './catalog-fixture';

const addPoints = app('loyaltylion').actions.find((a) => a.handle === 'add_points')!;
const sendSms = app('firepush').actions.find((a) => a.handle === 'send_sms')!;
const shopify = (handle: string) => app('shopify').actions.find((a) => a.handle === handle)!;
const afterOrderCreated = scopeAfter('order_created');

beforeAll(() => catalog.set(apps));

function setup(action: CatalogAction, inputs: Record<string, string> = {}, problems: ValidationProblem[] = [], scope = afterOrderCreated) {
  const onchange = vi.fn();
  const view = render(ActionForm, { action, stepId: 'step-1', inputs, problems, scope, onchange });
  return { ...view, onchange };
}

describe('action form', { timeout: 30_000 }, () => {
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
    const { onchange } = setup(addPoints, { customer_id: '{{ order.customer.id }}', points: '' });
    await fireEvent.input(screen.getByRole('textbox', { name: /^Points/ }), { target: { value: '50' } });
    expect(onchange).toHaveBeenLastCalledWith({ customer_id: '{{ order.customer.id }}', points: '50' });
  });

  it("inserts a Liquid variable walked from the trigger's order where the caret was", async () => {
    const { onchange } = setup(addPoints, { reason: 'Order  paid' });
    const reason = screen.getByRole('textbox', { name: 'Reason' }) as HTMLInputElement;
    reason.focus();
    reason.setSelectionRange(6, 6);
    await fireEvent.blur(reason);
    await insertFromPicker('Reason', 'order.customer.displayName');
    expect(onchange).toHaveBeenLastCalledWith({ reason: 'Order {{ order.customer.displayName }} paid' });
  });

  it("loops over a list on the way to a variable, as Flow's own picker writes it", async () => {
    const { onchange } = setup(addPoints, { reason: '' });
    await insertFromPicker('Reason', 'order.lineItems.sku');
    expect(onchange).toHaveBeenLastCalledWith({
      reason: '{% for lineItems_item in order.lineItems %}{{ lineItems_item.sku }}{% endfor %}',
    });
  });

  it('does not show the hidden object an action acts on as an input, but says which it is', () => {
    setup(shopify('add_order_tags'), { tags: '' });
    expect(screen.queryByRole('textbox', { name: /^Order/ })).toBeNull();
    expect(screen.getByText("Acts on an order from the workflow's data: order")).toBeInTheDocument();
  });

  it('says when the workflow has nothing for the action to act on', () => {
    setup(shopify('add_order_tags'), { tags: '' }, [], scopeAfter('customer_created'));
    expect(screen.getByText("Acts on an order, but the workflow's data has none here")).toBeInTheDocument();
  });

  it('edits tags as chips and keeps the stored format: JSON for new values, comma text for imported ones', async () => {
    const { onchange, rerender } = setup(shopify('add_order_tags'), { tags: '' });
    const tags = screen.getByRole('textbox', { name: /^Tags/ });
    await fireEvent.input(tags, { target: { value: 'vip' } });
    await fireEvent.keyDown(tags, { key: 'Enter' });
    expect(onchange).toHaveBeenLastCalledWith({ tags: '["vip"]' });
    await rerender({ inputs: { tags: 'big-staff-order, {{ order.name }}' } });
    expect(screen.getByRole('list', { name: 'Tags' })).toHaveTextContent(/big-staff-order.*\{\{ order\.name \}\}/);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove tag big-staff-order' }));
    expect(onchange).toHaveBeenLastCalledWith({ tags: '{{ order.name }}' });
  });

  it('takes HTTP headers as name and value rows, stored as pairs', async () => {
    const { onchange } = setup(shopify('send_http_request'), {
      method: 'POST',
      url: 'https://example.com/hook',
      headers: '[["Accept","application/json"]]',
    });
    expect(screen.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue('Accept');
    await fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    await fireEvent.input(screen.getByRole('textbox', { name: 'Header 2 name' }), { target: { value: 'X-Shop' } });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Header 2 value' }), { target: { value: '{{ shop.name }}' } });
    expect(onchange).toHaveBeenLastCalledWith(
      expect.objectContaining({ headers: '[["Accept","application/json"],["X-Shop","{{ shop.name }}"]]' }),
    );
    expect(screen.getByRole('combobox', { name: /^HTTP method/ })).toHaveValue('POST');
  });

  it('gives code, GraphQL and JSON a monospace box without Liquid variables', () => {
    setup(shopify('run_code'), { input: '', script: '', output_schema: '' });
    const script = screen.getByRole('textbox', { name: /^Code/ });
    expect(script.tagName).toBe('TEXTAREA');
    expect(script).toHaveClass('code');
    expect(screen.queryByLabelText('Insert variable into Code')).toBeNull();
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

async function insertFromPicker(field: string, path: string) {
  const picker = screen.getByLabelText(`Insert variable into ${field}`).closest('details')!;
  picker.open = true;
  await fireEvent(picker, new Event('toggle'));
  await pickPath(within(picker).getByRole('combobox', { name: 'Data to insert' }), path);
}
