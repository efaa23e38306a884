/**
 * Where the app's web contents may go. Pure functions so the rules are unit-tested
 * without Electron; main.ts only wires them to events.
 *
 * Rule: the window only ever shows the app's own origin. Anything else is denied;
 * ordinary web links (http/https without credentials) may be handed to the system
 * browser, never opened inside the app.
 */

/** Parses without throwing; a URL we cannot parse is treated as hostile. */
function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` belongs to the app's origin (e.g. `app://flow-admin` or, in browser
 * mode, `http://127.0.0.1:5178`).
 *
 * Compares scheme and host rather than URL.origin: Node gives custom schemes such as
 * app: the opaque origin "null", which would make every app:// URL look alike.
 */
export function isAppUrl(url: unknown, appOrigin: string): boolean {
  const candidate = parse(url);
  const app = parse(appOrigin);
  if (candidate === null || app === null) return false;
  // Userinfo can hide the real host from a reader ("app://flow-admin@evil/").
  if (candidate.username !== '' || candidate.password !== '') return false;
  // Hosts are case-insensitive, but Node leaves a custom scheme's host as written.
  const sameHost = candidate.host.toLowerCase() === app.host.toLowerCase();
  return candidate.protocol === app.protocol && sameHost && app.host !== '';
}

/**
 * True for links that are safe to give to the operating system: plain web pages.
 * Every other scheme (javascript:, file:, data:, smb:, custom handlers...) can run
 * code or touch the machine when the OS opens it.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  const parsed = parse(url);
  if (parsed === null) return false;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  // Credentials in a link are a phishing trick and would leak if logged.
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.hostname !== '';
}

/**
 * The canonical form handed to the OS, so what we checked is exactly what is opened
 * (the parser strips tabs/newlines and normalises the host). Null when unsafe.
 */
export function normalizeExternalUrl(url: unknown): string | null {
  return isSafeExternalUrl(url) ? (parse(url) as URL).href : null;
}

/** In-window navigation (will-navigate, will-redirect): only within the app. */
export function decideNavigation(url: unknown, appOrigin: string): 'allow' | 'deny' {
  return isAppUrl(url, appOrigin) ? 'allow' : 'deny';
}

/**
 * window.open / target=_blank: the app never opens a second window. Safe web links
 * go to the system browser instead.
 */
export function decideWindowOpen(url: unknown): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}
