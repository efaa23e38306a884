import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import HeaderRows from '../../../renderer/src/components/workflow/HeaderRows.svelte';

const props = (value: string, onchange = vi.fn()) => ({ id: 'h', labelledby: 'h-label', value, onchange });

describe('HTTP headers as rows', () => {
  it('keeps an empty new row while the value stays what the rows say', async () => {
    const onchange = vi.fn();
    const { rerender } = render(HeaderRows, props('[["Accept","application/json"]]', onchange));
    await fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    expect(screen.getByRole('textbox', { name: 'Header 2 name' })).toHaveValue('');
    await fireEvent.input(screen.getByRole('textbox', { name: 'Header 1 value' }), { target: { value: 'text/plain' } });
    expect(onchange).toHaveBeenLastCalledWith('[["Accept","text/plain"]]');
    // The owner stores it: still two rows, the empty one kept.
    await rerender(props('[["Accept","text/plain"]]', onchange));
    expect(screen.getAllByRole('textbox', { name: /Header \d name/ })).toHaveLength(2);
  });

  it('shows a value changed elsewhere (undo) instead of the rows typed', async () => {
    const onchange = vi.fn();
    const { rerender } = render(HeaderRows, props('[["Accept","application/json"]]', onchange));
    await fireEvent.input(screen.getByRole('textbox', { name: 'Header 1 name' }), { target: { value: 'X-Shop' } });
    await rerender(props('[["X-Shop","application/json"]]', onchange));
    await rerender(props('[["Accept","application/json"]]', onchange));
    expect(screen.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue('Accept');
  });
});
