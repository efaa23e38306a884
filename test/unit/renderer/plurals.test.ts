import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { entries, loadLocale, localeLanguages, onePlural, pluralNouns } from '../../support/locale-files';

// Texts whose number is never 1: a duplicate step id is used by two steps or more.
const neverOne = new Set(['status.problem.duplicate_step_id.count']);

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: Object.fromEntries(localeLanguages.map((l) => [l, { translation: loadLocale(l) }])),
    lng: 'en',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

describe('Counted texts', () => {
  for (const language of localeLanguages) {
    const texts = entries(loadLocale(language));

    it(`put no placeholder right before a plural noun unless the text has plural forms (${language})`, () => {
      const beforeNoun = new RegExp(`\\{\\{\\w+\\}\\} (${pluralNouns[language]})\\b`, 'u');
      const offending = texts.filter(([key, text]) => !/_(one|other)$/.test(key) && !neverOne.has(key) && beforeNoun.test(text));
      expect(offending).toEqual([]);
    });

    it(`say "1" with a singular noun in every plural text (${language})`, () => {
      const one = onePlural(language);
      const bases = [
        ...new Set(
          texts
            .map(([key]) => key)
            .filter((k) => k.endsWith('_one'))
            .map((k) => k.replace(/_one$/, '')),
        ),
      ];
      expect(bases.length).toBeGreaterThan(50);
      const wrong = bases
        .map((base) => [base, i18n.t(base, { lng: language, count: 1, total: 4, done: 1, running: 1 })] as const)
        .filter(([, text]) => one.test(text));
      expect(wrong).toEqual([]);
    });
  }

  it('choose the singular for 1 and the plural for 0 and 2 in both languages', () => {
    expect(i18n.t('matrix.workflowsCount', { lng: 'en', count: 1 })).toBe('1 workflow');
    expect(i18n.t('matrix.workflowsCount', { lng: 'en', count: 0 })).toBe('0 workflows');
    expect(i18n.t('common.count.stores', { lng: 'nb', count: 1 })).toBe('1 butikk');
    expect(i18n.t('common.count.stores', { lng: 'nb', count: 2 })).toBe('2 butikker');
    expect(i18n.t('overview.runningSomewhere', { lng: 'en', count: 1 })).toBe('1 workflow runs in at least one store');
    expect(i18n.t('overview.runningSomewhere', { lng: 'nb', count: 3 })).toBe('3 arbeidsflyter kjører i minst én butikk');
    expect(i18n.t('stores.setupOf', { lng: 'en', app: 'Klaviyo', done: 1, count: 1 })).toBe('Setup of Klaviyo: 1 of 1 step done');
  });
});
