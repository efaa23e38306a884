import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import TaskPicker from '../../../renderer/src/components/workflow/TaskPicker.svelte';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import { apps } from './catalog-fixture';

const reason = 'Not installed in any store of the organization. Install it in at least one store to use it.';
/** Every connector app is on the Not installed list except Klaviyo; Shopify's own is always there. */
const unavailable = new Map(apps.filter((a) => !a.builtIn && a.id !== 'klaviyo').map((a) => [a.id, reason]));

beforeAll(() => catalog.set(apps));

describe('trigger picker', () => {
  it('shows apps on the Not installed list with the reason, their triggers not pickable', async () => {
    const onpick = vi.fn();
    render(TaskPicker, { kind: 'trigger', apps, unavailable, onpick });

    const notInstalled = screen.getByRole('region', { name: 'Not installed' });
    const loyaltyLion = within(notInstalled).getByRole('group', { name: 'LoyaltyLion rewards & referral' });
    expect(loyaltyLion).toHaveTextContent(reason);
    const winback = within(loyaltyLion).getByRole('button', { name: /Customer moved to "Winback" segment/ });
    expect(winback).toBeDisabled();
    expect(winback).toHaveAccessibleDescription(reason);
    await fireEvent.click(winback);
    expect(onpick).not.toHaveBeenCalled();

    const installed = screen.getByRole('region', { name: 'Installed' });
    expect(within(installed).queryByRole('group', { name: 'LoyaltyLion rewards & referral' })).toBeNull();
    expect(within(installed).getByRole('group', { name: 'Shopify' })).toBeInTheDocument();
  });

  it('calls back with the app and trigger picked from the Installed list', async () => {
    const onpick = vi.fn();
    render(TaskPicker, { kind: 'trigger', apps, unavailable, onpick });
    const shopify = screen.getByRole('group', { name: 'Shopify' });
    await fireEvent.click(within(shopify).getByRole('button', { name: /Order created/ }));
    expect(onpick).toHaveBeenCalledWith({ app: 'shopify', handle: 'order_created' });
  });

  it('searches by app and trigger name, and marks the current trigger', async () => {
    render(TaskPicker, {
      kind: 'trigger',
      apps,
      unavailable: new Map(),
      selected: { app: 'shopify', handle: 'order_paid' },
      onpick: () => {},
    });
    expect(screen.getByRole('button', { name: /Order paid/ })).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search triggers' }), { target: { value: 'winback' } });
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([expect.stringContaining('Customer moved to "Winback" segment')]);
  });

  it('does not offer deprecated triggers for new workflows, but keeps the one a workflow already uses', () => {
    const { unmount } = render(TaskPicker, { kind: 'trigger', apps, unavailable: new Map(), onpick: () => {} });
    expect(screen.queryByRole('button', { name: /Survey response created \(legacy\)/ })).toBeNull();
    unmount();
    render(TaskPicker, {
      kind: 'trigger',
      apps,
      unavailable: new Map(),
      keepDeprecated: 'enquire:survey_response_created_legacy',
      onpick: () => {},
    });
    expect(screen.getByRole('button', { name: /Survey response created \(legacy\)/ })).toHaveAccessibleDescription(/Deprecated/);
  });

  it('lists actions with their catalog notes when picking an action', () => {
    render(TaskPicker, { kind: 'action', apps, unavailable: new Map(), onpick: () => {} });
    expect(screen.getByRole('searchbox', { name: 'Search actions' })).toBeInTheDocument();
    const firePush = screen.getByRole('group', { name: 'SMS, Web Push, Email - FirePush' });
    expect(within(firePush).getByRole('button', { name: /Send SMS message/ })).toBeEnabled();
  });
});
