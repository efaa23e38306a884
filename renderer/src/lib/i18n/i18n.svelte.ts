import i18next, { type TOptions } from 'i18next';

export type Language = 'nb' | 'en';
export const languages: readonly Language[] = ['nb', 'en'];

type Messages = Record<string, unknown>;

/**
 * One file per area of the UI (locales/<language>/<area>.json), so screens can grow their words without
 * touching each other's files; keys are `<area>.<key>`.
 */
function bundle(files: Record<string, Messages>): Messages {
  const out: Messages = {};
  for (const [file, messages] of Object.entries(files)) {
    const area = file.replace(/^.*\/([^/]+)\.json$/, '$1');
    out[area] = messages;
  }
  return out;
}

export const messages: Record<Language, Messages> = {
  en: bundle(import.meta.glob<Messages>('./locales/en/*.json', { eager: true, import: 'default' })),
  nb: bundle(import.meta.glob<Messages>('./locales/nb/*.json', { eager: true, import: 'default' })),
};

i18next.init({
  resources: { en: { translation: messages.en }, nb: { translation: messages.nb } },
  lng: 'en',
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The language the system asks for: Norwegian for nb/nn/no, English otherwise. */
export function systemLanguage(navigatorLanguages: readonly string[] = navigator.languages ?? [navigator.language]): Language {
  const first = (navigatorLanguages[0] ?? 'en').toLowerCase();
  return /^(nb|nn|no)\b/.test(first) ? 'nb' : 'en';
}

/**
 * The UI's words in the current language. `t` reads `language`, so every text re-renders when it changes.
 */
class I18n {
  language = $state<Language>(systemLanguage());

  t = (key: string, options?: TOptions): string => {
    return i18next.t(key, { ...options, lng: this.language }) as string;
  };

  /** A catalog text in the current language. */
  text = (value: { nb: string; en: string }): string => value[this.language];

  setLanguage(language: Language | 'system'): void {
    this.language = language === 'system' ? systemLanguage() : language;
    document.documentElement.lang = this.language;
  }
}

export const i18n = new I18n();
export const t = i18n.t;

/** Things the UI counts; each has its singular and plural in common.count (i18next picks by the language's plural rules). */
export type Counted = 'stores' | 'workflows' | 'installations' | 'connections' | 'activations' | 'versions' | 'cells';

/** "1 store", "2 stores", "1 butikk", "2 butikker": a number with its noun, for sentences that count several things. */
export const countOf = (what: Counted, n: number): string => i18n.t(`common.count.${what}`, { count: n });
