import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { avoidedWordsIn, glossary } from '../../../renderer/src/lib/i18n/glossary';
import { entries, loadLocale, localeLanguages } from '../../support/locale-files';

/** Every Norwegian or English text of the catalog (app, task and field names, descriptions, reasons). */
function catalogTexts(language: 'en' | 'nb'): [string, string][] {
  const dir = path.resolve('resources/catalog');
  const files = ['shopify.json', ...fs.readdirSync(path.join(dir, 'apps')).map((f) => path.join('apps', f))];
  const out: [string, string][] = [];
  const walk = (value: unknown, where: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // sourceText keeps the source document's words as printed, on purpose.
        if (k === 'sourceText') continue;
        if (k === language && typeof v === 'string') out.push([where, v]);
        else walk(v, `${where}.${k}`);
      }
    }
  };
  for (const file of files) walk(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), file);
  return out;
}

describe('Glossary: one term per concept', () => {
  it('names each concept once, with a term in both languages', () => {
    const concepts = glossary.map((t) => t.concept);
    expect(new Set(concepts).size).toBe(concepts.length);
    for (const term of glossary) expect(term.en && term.nb, term.concept).toBeTruthy();
  });

  it('finds an avoided word as a word, not inside another one', () => {
    expect(avoidedWordsIn('Velg en trigger først', 'nb')).toEqual(['trigger']);
    expect(avoidedWordsIn('triggerens variabel', 'nb')).toEqual(['trigger']);
    expect(avoidedWordsIn('Velg en utløser først', 'nb')).toEqual([]);
    expect(avoidedWordsIn('Flytt steget opp', 'nb')).toEqual([]);
    expect(avoidedWordsIn('Shopify store', 'en')).toEqual([]);
  });

  for (const language of localeLanguages) {
    it(`keeps avoided words out of every UI text (${language})`, () => {
      const mixed = entries(loadLocale(language))
        .map(([key, text]) => [key, avoidedWordsIn(text, language)] as const)
        .filter(([, words]) => words.length > 0);
      expect(mixed).toEqual([]);
    });

    it(`keeps avoided words out of the catalog's texts (${language})`, () => {
      const mixed = catalogTexts(language)
        .map(([where, text]) => [where, avoidedWordsIn(text, language)] as const)
        .filter(([, words]) => words.length > 0);
      expect(mixed).toEqual([]);
    });
  }

  it('uses the glossary term for trigger wherever Norwegian texts name it', () => {
    const texts = entries(loadLocale('nb')).map(([, text]) => text);
    expect(texts.filter((t) => /utløser/i.test(t)).length).toBeGreaterThan(10);
  });
});
