import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ConfirmDialog from '../../renderer/src/components/ConfirmDialog.svelte';
import DismissHarness from './DismissHarness.svelte';

describe('menus and panels close the way people expect', () => {
  it('closes a menu with Escape from inside it and gives focus back to its button', async () => {
    render(DismissHarness);
    const opener = screen.getByRole('button', { name: 'Open menu' });
    await fireEvent.click(opener);
    const item = screen.getByRole('menuitem', { name: 'First' });
    item.focus();
    await fireEvent.keyDown(item, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes a menu on a click outside (Save) and when focus moves outside, but not on its own button', async () => {
    render(DismissHarness);
    await fireEvent.click(screen.getByRole('button', { name: 'Open menu' }));
    await fireEvent.pointerDown(screen.getByRole('menuitem'));
    expect(screen.getByRole('menu')).toBeTruthy();
    await fireEvent.pointerDown(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('menu')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Open menu' }));
    await fireEvent.focusIn(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('closes a side panel with Escape pressed anywhere, and leaves it open on clicks beside it', async () => {
    render(DismissHarness, { escapeAnywhere: true, closeOnOutside: false });
    await fireEvent.click(screen.getByRole('button', { name: 'Open menu' }));
    await fireEvent.pointerDown(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('menu')).toBeTruthy();
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('dialogs give focus back', () => {
  it('returns focus to the button that opened the dialog when it closes', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'Delete';
    document.body.append(opener);
    opener.focus();
    const { unmount } = render(ConfirmDialog, {
      title: 'Delete?',
      body: 'Gone for good.',
      confirmLabel: 'Delete',
      onconfirm: () => {},
      oncancel: () => {},
    });
    screen.getByRole('button', { name: 'Cancel' }).focus();
    unmount();
    await Promise.resolve();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
