import { describe, expect, it, vi } from 'vitest';
import { safeOpenExternal } from '../../../electron/shell/open-external';

function fakeShell(impl: (url: string) => Promise<void> = async () => {}) {
  return { openExternal: vi.fn(impl) };
}

describe('safeOpenExternal', () => {
  it('opens web links, in their normalized form', async () => {
    const shell = fakeShell();
    await expect(safeOpenExternal(shell, 'HTTPS://Help.Shopify.com/flow')).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://help.shopify.com/flow');
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,x',
    'smb://host/share',
    'https://user:pw@example.com/',
    'not a url',
    '',
  ])('never passes %s to the OS', async (url) => {
    const shell = fakeShell();
    await expect(safeOpenExternal(shell, url)).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('reports failure instead of throwing when the OS refuses', async () => {
    const shell = fakeShell(async () => {
      throw new Error('no handler');
    });
    await expect(safeOpenExternal(shell, 'https://example.com/')).resolves.toBe(false);
  });
});
