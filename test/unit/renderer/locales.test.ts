import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve('renderer/src/lib/i18n/locales');

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function load(language: string): Record<string, unknown> {
  const dir = path.join(root, language);
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]),
  );
}

describe('UI texts', () => {
  const en = load('en');
  const nb = load('nb');

  it('has the same keys in Norwegian and English, so no screen falls back to a key', () => {
    expect(keys(nb).sort()).toEqual(keys(en).sort());
  });

  it('has no empty texts', () => {
    for (const [language, messages] of [
      ['en', en],
      ['nb', nb],
    ] as const) {
      const empty = keys(messages).filter(
        (k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages) === '',
      );
      expect(empty, language).toEqual([]);
    }
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const value = (m: Record<string, unknown>, k: string) =>
      String(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m));
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const k of keys(en)) {
      expect(placeholders(value(nb, k)), k).toEqual(placeholders(value(en, k)));
    }
  });
});
