import { normalizeExternalUrl } from '../security/navigation-policy';

/** The part of Electron's `shell` this needs; kept structural so no electron import. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/**
 * The ONE way the app opens anything outside itself. shell.openExternal hands a URL to
 * the operating system, which will happily run file:, smb: or custom-protocol handlers;
 * a URL that came from workflow data or a compromised page must never get that far.
 * Returns whether the URL was opened.
 */
export async function safeOpenExternal(shell: ExternalOpener, url: unknown): Promise<boolean> {
  const href = normalizeExternalUrl(url);
  if (href === null) return false;
  try {
    await shell.openExternal(href);
    return true;
  } catch {
    // No browser configured, or the OS refused: nothing the user can fix from here.
    return false;
  }
}
