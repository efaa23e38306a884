/** How many monogram colours the stylesheet has (AppMonogram.svelte's .tone-0 … .tone-7). */
export const MONOGRAM_TONES = 8;

/**
 * A colour for an app's monogram, derived from its id (FNV-1a), so an app has the same colour on every screen
 * and in every session, and apps side by side mostly differ. A class index, not a colour value: the strict CSP
 * (style-src 'self') allows no style attributes, so the colours live in the stylesheet.
 */
export function monogramTone(appId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < appId.length; i++) {
    hash ^= appId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % MONOGRAM_TONES;
}
