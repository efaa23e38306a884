import * as path from 'node:path';
import { isAppUrl } from './navigation-policy';

/**
 * The desktop app serves its UI from a custom origin (app://flow-admin/) instead of
 * file://, which gives the page a real origin for CSP and the IPC sender check and
 * avoids file://'s extra privileges. These pure helpers decide which file a request
 * maps to; main.ts only reads it.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'flow-admin';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Maps a request URL to a file under `rootDir`, or null if it must be refused:
 * another origin, undecodable or NUL-containing paths, and anything that would
 * resolve outside `rootDir` (../, encoded %2e%2e or %2f, backslashes, absolute paths).
 * Extension-less paths fall back to index.html so client-side routes survive a reload.
 */
export function resolveAppFile(requestUrl: string, rootDir: string): string | null {
  if (!isAppUrl(requestUrl, APP_ORIGIN)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const requested = path.join(root, pathname);
  // The containment check is what actually stops traversal; the rest is hygiene.
  if (requested !== root && !requested.startsWith(root + path.sep)) return null;
  const isRoute = requested === root || path.extname(requested) === '';
  return isRoute ? path.join(root, 'index.html') : requested;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * An explicit type per extension: with nosniff, a wrong or missing type makes the
 * browser refuse scripts and styles, so guessing is not an option.
 */
export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
