import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { MONOGRAM_TONES, monogramTone } from '../../../renderer/src/lib/monogram-tone';

describe("an app's monogram colour", () => {
  const ids = loadCatalog().apps.map((a) => a.id);

  it('is the same for an app every time, and one of the stylesheet’s tones', () => {
    for (const id of ids) {
      expect(monogramTone(id)).toBe(monogramTone(id));
      expect(monogramTone(id)).toBeGreaterThanOrEqual(0);
      expect(monogramTone(id)).toBeLessThan(MONOGRAM_TONES);
    }
  });

  it('differs between apps: the catalog’s apps use every tone, none for more than a third of them', () => {
    const used = new Map<number, number>();
    for (const id of ids) used.set(monogramTone(id), (used.get(monogramTone(id)) ?? 0) + 1);
    expect(used.size).toBe(MONOGRAM_TONES);
    expect(Math.max(...used.values())).toBeLessThan(ids.length / 3);
  });
});
