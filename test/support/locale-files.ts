import fs from 'node:fs';
import path from 'node:path';

export type Messages = Record<string, unknown>;
export const localeLanguages = ['en', 'nb'] as const;

const root = path.resolve('renderer/src/lib/i18n/locales');

/** One language's UI texts as the renderer bundles them: `<area>.<key>`, one file per area. */
export function loadLocale(language: string): Messages {
  const dir = path.join(root, language);
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]),
  );
}

/** Every text with its dotted key. */
export function entries(value: unknown, prefix = ''): [string, string][] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, String(value)]];
}

// Nouns that must never follow the number 1, and the plural nouns a bare number must not sit next to
// without plural rules (i18next's _one/_other keys, chosen by Intl.PluralRules for each language).
export const pluralNouns: Record<(typeof localeLanguages)[number], string> = {
  en: 'workflows|stores|runs|apps|errors|steps|versions|cells|connections|installations|activations|triggers|actions|pairs|deliveries|files|items|organizations|backups|fields|events',
  nb: 'arbeidsflyter|butikker|kjøringer|apper|feilene|versjoner|celler|tilkoblinger|appinstallasjoner|aktiveringer|utløsere|handlinger|leveringer|filer|elementer|organisasjoner|sikkerhetskopier|felter|hendelser',
};

/** "1 stores", "1 butikker": the number one before a plural noun, in `language`. */
export function onePlural(language: (typeof localeLanguages)[number]): RegExp {
  return new RegExp(`(^|[^\\d.,])1 (${pluralNouns[language]})\\b`, 'u');
}
