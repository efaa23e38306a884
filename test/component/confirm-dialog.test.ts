import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ConfirmDialog from '../../renderer/src/components/ConfirmDialog.svelte';

describe('ConfirmDialog', () => {
  it('shows what the action takes with it and confirms or cancels only on the matching button', async () => {
    const onconfirm = vi.fn();
    const oncancel = vi.fn();
    render(ConfirmDialog, {
      title: 'Delete Nordic?',
      body: 'This removes 4 stores.',
      confirmLabel: 'Delete organization',
      destructive: true,
      onconfirm,
      oncancel,
    });

    const dialog = screen.getByRole('dialog', { name: 'Delete Nordic?' });
    expect(dialog).toHaveAccessibleDescription('This removes 4 stores.');
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(oncancel).toHaveBeenCalledOnce();
    expect(onconfirm).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete organization' }));
    expect(onconfirm).toHaveBeenCalledOnce();
  });
});
