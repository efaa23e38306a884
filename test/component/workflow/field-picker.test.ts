import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import FieldPicker from '../../../renderer/src/components/workflow/FieldPicker.svelte';
import type { DataNode, PickMode } from '../../../renderer/src/components/workflow/data-tree';
import { i18n } from '../../../renderer/src/lib/i18n/i18n.svelte';
import { optionNames, pickPath, scopeAfter } from './catalog-fixture';

afterEach(() => i18n.setLanguage('en'));

function setup(mode: PickMode = 'compare', value = '', trigger = 'order_created') {
  const onpick = vi.fn<(node: DataNode) => void>();
  render(FieldPicker, { scope: scopeAfter(trigger), value, mode, id: 'f', label: 'Field', onpick });
  const box = screen.getByRole('combobox', { name: 'Field' });
  const active = () => document.getElementById(box.getAttribute('aria-activedescendant') ?? '');
  return { box, onpick, active };
}

/** Moves the active option with the arrow keys until its name is `name`. */
async function arrowTo(box: HTMLElement, active: () => HTMLElement | null, name: string) {
  for (let i = 0; i < 200 && active()?.querySelector('.name')?.textContent?.trim().split(/\s/)[0] !== name; i++)
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
  expect(active()).toHaveTextContent(new RegExp(`^${name}\\b`));
}

// Walking the Admin API's objects renders long option lists, which jsdom on a shared machine takes its time over.
describe('field picker', { timeout: 30_000 }, () => {
  it('walks the object tree with the keyboard: order → customer → a field, each shown with its type', async () => {
    const { box, onpick, active } = setup();
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(optionNames(box)).toContain('order');
    // The shop every workflow has comes after the trigger's own data.
    expect(optionNames(box).at(-1)).toBe('shop');

    await arrowTo(box, active, 'order');
    expect(active()).toHaveTextContent('Order');
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByText('order')).toHaveAttribute('id', 'f-where');
    await arrowTo(box, active, 'customer');
    expect(active()).toHaveTextContent(/customer\s*Customer/);
    await fireEvent.keyDown(box, { key: 'ArrowRight' });
    await arrowTo(box, active, 'displayName');
    expect(active()).toHaveTextContent(/displayName\s*String/);
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onpick).toHaveBeenLastCalledWith(expect.objectContaining({ path: 'order.customer.displayName', type: 'String', kind: 'text' }));
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('lists deprecated fields after the others, marked as such, and goes back up with Backspace', async () => {
    const { box } = setup('compare', 'order.customer.displayName');
    await fireEvent.focus(box);
    // It opens beside the current value: among the customer's fields.
    const names = optionNames(box);
    expect(names).toContain('displayName');
    const list = document.getElementById('f-list')!;
    await fireEvent.input(box, { target: { value: 'email' } });
    const options = [...list.querySelectorAll('[role="option"]')].map((o) => o.textContent?.replace(/\s+/g, ' ').trim());
    // Customer.email is deprecated in the Admin API (use defaultEmailAddress): offered after the others.
    const deprecated = options.findIndex((o) => o?.startsWith('order.customer.email (deprecated)'));
    expect(deprecated).toBeGreaterThan(options.findIndex((o) => o?.startsWith('order.customer.defaultEmailAddress')));
    await fireEvent.input(box, { target: { value: '' } });
    await fireEvent.keyDown(box, { key: 'Backspace' });
    expect(optionNames(box)).toContain('customer');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('searches field names a few levels deep, nearer ones first, showing whole paths', async () => {
    const { box, onpick } = setup();
    await fireEvent.focus(box);
    await fireEvent.input(box, { target: { value: 'amount' } });
    const list = document.getElementById('f-list')!;
    const found = [...list.querySelectorAll('[role="option"] .name')].map((n) => n.textContent?.trim());
    // order.totalPriceSet.shopMoney.amount is four deep: found by walking, not by search; three deep is.
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((p) => p!.split('.').length > 3)).toEqual([]);
    await fireEvent.input(box, { target: { value: 'displayFinancial' } });
    const option = within(list).getByRole('option', { name: /order\.displayFinancialStatus/ });
    expect(option).toHaveTextContent('OrderDisplayFinancialStatus');
    await fireEvent.click(option);
    expect(onpick).toHaveBeenLastCalledWith(
      expect.objectContaining({
        path: 'order.displayFinancialStatus',
        kind: 'enum',
        enumValues: expect.arrayContaining(['PAID', 'REFUNDED']),
      }),
    );
  });

  it('for a list to repeat over, offers lists (and objects to find them in), not single values', async () => {
    const { box, onpick } = setup('list');
    await fireEvent.focus(box);
    await fireEvent.click(
      [...document.querySelectorAll<HTMLElement>('#f-list [role="option"]')].find((o) => o.textContent?.trim().startsWith('order '))!,
    );
    const names = optionNames(box);
    expect(names).toEqual(expect.arrayContaining(['additionalFees', 'customer']));
    expect(names).not.toContain('name');
    expect(names).not.toContain('createdAt');
    await pickPath(box, 'order.lineItems');
    expect(onpick).toHaveBeenLastCalledWith(expect.objectContaining({ path: 'order.lineItems', list: true, type: 'LineItem' }));
  });

  it('speaks Norwegian too', async () => {
    i18n.setLanguage('nb');
    const { box } = setup();
    await fireEvent.focus(box);
    expect(box).toHaveAttribute('placeholder', 'Skriv for å søke i feltene');
    await fireEvent.input(box, { target: { value: 'zzzz' } });
    expect(screen.getByText('Ingen felt passer')).toBeInTheDocument();
  });
});
