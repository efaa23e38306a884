import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/lib/i18n/i18n.svelte';
import DateInputHarness from './DateInputHarness.svelte';

afterEach(() => i18n.setLanguage('en'));

describe('a date typed in the UI’s language', () => {
  it('keeps what the admin types while typing, and writes it out in full on leaving the field', async () => {
    render(DateInputHarness);
    const field = screen.getByRole('textbox', { name: 'From' });
    await fireEvent.input(field, { target: { value: '2/12/2026' } });
    expect(screen.getByTestId('value')).toHaveTextContent('2026-12-02');
    expect(field).toHaveValue('2/12/2026');
    await fireEvent.blur(field);
    expect(field).toHaveValue('02/12/2026');
  });

  it('says an unreadable date is unreadable and keeps it to be corrected, also through blur', async () => {
    render(DateInputHarness);
    const field = screen.getByRole('textbox', { name: 'From' });
    await fireEvent.input(field, { target: { value: 'tomorrow' } });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('value')).toHaveTextContent('');
    await fireEvent.blur(field);
    expect(field).toHaveValue('tomorrow');
  });

  it('shows a value set from outside, and writes it anew in another language', async () => {
    render(DateInputHarness);
    const field = screen.getByRole('textbox', { name: 'From' });
    await fireEvent.input(field, { target: { value: '2/12/2026' } });
    await fireEvent.click(screen.getByRole('button', { name: 'End of January' }));
    expect(field).toHaveValue('31/01/2026');
    i18n.setLanguage('nb');
    await Promise.resolve();
    expect(screen.getByRole('textbox', { name: 'From' })).toHaveValue('31.01.2026');
    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(field).toHaveValue('');
  });
});
