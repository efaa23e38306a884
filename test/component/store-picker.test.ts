import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StorePickerHarness from './StorePickerHarness.svelte';
import { i18n } from '../../renderer/src/lib/i18n/i18n.svelte';

const stores = Array.from({ length: 12 }, (_, i) => ({ id: `s${i + 1}`, name: i % 2 === 0 ? `Oslo ${i + 1}` : `Bergen ${i + 1}` }));

describe('StorePicker', () => {
  it('selects stores one by one and all of those the search shows, and says how many are chosen', async () => {
    i18n.setLanguage('en');
    render(StorePickerHarness, { stores });
    const chosen = () => (screen.getByTestId('selected').textContent ?? '').split(',').filter(Boolean);
    const group = screen.getByRole('group', { name: 'Stores to install it in' });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Bergen 2' }));
    expect(chosen()).toEqual(['s2']);
    expect(group).toHaveTextContent('1 selected');

    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search stores' }), { target: { value: 'oslo' } });
    expect(screen.getAllByRole('checkbox').filter((c) => c.closest('li'))).toHaveLength(6);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Select the 6 stores shown' }));
    expect(new Set(chosen())).toEqual(new Set(['s2', 's1', 's3', 's5', 's7', 's9', 's11']));
    expect(group).toHaveTextContent('7 selected');

    // Unselecting what is shown keeps the choices the search hides.
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Select the 6 stores shown' }));
    expect(chosen()).toEqual(['s2']);
  });
});
