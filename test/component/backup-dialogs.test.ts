import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import BackupDialog from '../../renderer/src/components/backup/BackupDialog.svelte';
import { peekBackup } from '../../renderer/src/lib/state/backup.svelte';

describe('the organization backup dialog', () => {
  it('asks for the passphrase twice only with secrets, and refuses two that differ without calling the API', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const onclose = vi.fn();
    render(BackupDialog, { organization: { id: 'o1', name: 'Nordic Goods' }, onclose });
    screen.getByRole('dialog', { name: 'Back up Nordic Goods' });
    expect(screen.queryByLabelText('Passphrase')).toBeNull();

    await fireEvent.click(screen.getByLabelText(/With secrets, encrypted/));
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'correct horse battery' } });
    await fireEvent.input(screen.getByLabelText('Passphrase again'), { target: { value: 'correct horse batterz' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Back up and save the file' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two passphrases are not the same');
    expect(screen.getByLabelText('Passphrase again')).toHaveAttribute('aria-invalid', 'true');
    expect(fetch).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onclose).toHaveBeenCalledOnce();
    fetch.mockRestore();
  });
});

describe('a first look at a backup file', () => {
  it('tells an encrypted file from a plain one, and finds the name to offer', () => {
    const plain = JSON.stringify({ format: 'flow-admin-organization-backup', organization: { name: 'Nordic Goods' }, tables: {} });
    expect(peekBackup(plain, 'renamed.json')).toEqual({ encrypted: false, organizationName: 'Nordic Goods' });
    const sealed = JSON.stringify({ format: 'flow-admin-organization-backup', encrypted: { data: 'x' } });
    expect(peekBackup(sealed, 'Nordic Goods 2026-11-28.flowadmin-backup.json')).toEqual({
      encrypted: true,
      organizationName: 'Nordic Goods',
    });
    expect(peekBackup(sealed, 'backup.json')).toEqual({ encrypted: true, organizationName: null });
    // Not JSON at all: the API says what is wrong when restoring.
    expect(peekBackup('not json', 'x.json')).toEqual({ encrypted: false, organizationName: null });
  });
});
