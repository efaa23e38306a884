/**
 * The Content-Security-Policy for every page of the admin UI, in the desktop app
 * (sent by the app:// protocol handler) and in browser mode (sent by the HTTP server).
 *
 * Why each directive:
 * - default-src 'none': anything not listed below is refused, so a new kind of
 *   resource has to be allowed on purpose.
 * - script-src 'self': the vite build emits only external module scripts; no inline
 *   script and no eval, so an injected string can never become code.
 * - style-src 'self': vite extracts Svelte's scoped <style> blocks into CSS files, and
 *   Svelte 5's `style:` directives write element.style through the CSSOM, which CSP
 *   does not govern. So 'unsafe-inline' is not needed.
 * - img-src 'self' data:: app icons are bundled; small ones are inlined as data: URLs.
 * - connect-src 'self': in browser mode the API is served from the page's own origin;
 *   in the desktop app the API goes through IPC, not the network.
 * - base-uri, form-action, frame-ancestors, object-src: closed, the UI uses none of
 *   them and each is a known injection or clickjacking vector.
 */
const directives: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:'],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"],
];

export const contentSecurityPolicy: string = directives.map((d) => d.join(' ')).join('; ');
