import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../electron/domain/catalog/load-catalog';
import { useSeededWalk } from '../support/seeded-walk';
import { monogramOf } from '../../renderer/src/lib/monogram';
import { avoidedWordsIn } from '../../renderer/src/lib/i18n/glossary';
import { onePlural } from '../support/locale-files';
import { localeValues, openScreen, untranslatedKeyPattern, visibleTexts } from '../support/ui-walk';

const ui = useSeededWalk();

/** What the organization holds, the catalog's names that are the same in both languages, and the actor. */
function dataNames(): string[] {
  const names = ['Nordic Goods', 'e2e-admin', 'ops@nordicgoods.example', 'Flow Admin', 'Shopify', '.myshopify.com', 'Europe/', 'Atlantic/'];
  for (const app of loadCatalog().apps) {
    if (app.name.en === app.name.nb) names.push(app.name.en);
    for (const task of [...app.triggers, ...app.actions]) if (task.name.en === task.name.nb) names.push(task.name.en);
  }
  return names.concat(Object.keys(ui.seeded.workflows));
}

async function walk(language: 'en' | 'nb'): Promise<Map<string, { texts: string[]; h1: string; nav: string[] }>> {
  await ui.web.app.api.call('settings.update', { language });
  const seen = new Map<string, { texts: string[]; h1: string; nav: string[] }>();
  for (const step of ui.steps) {
    await openScreen(ui.page, ui.web.server.url, step);
    const nav = await ui.page.getByRole('navigation', { name: /./ }).first().getByRole('link').allTextContents();
    seen.set(step.name, { texts: await visibleTexts(ui.page), h1: (await ui.page.locator('main h1').first().textContent()) ?? '', nav });
  }
  return seen;
}

describe('the language switch, on every screen', () => {
  it('shows no untranslated key or placeholder, no "1 stores", only the glossary\'s terms, and changes every text that is not data', async () => {
    expect(ui.steps.map((s) => s.name)).toEqual(
      expect.arrayContaining(['overview', 'stores', 'store', 'apps', 'app-installed', 'activity', 'settings']),
    );
    const en = await walk('en');
    const nb = await walk('nb');
    const keyLike = untranslatedKeyPattern();
    const sameInBoth = new Set([...localeValues('en')].filter((v) => localeValues('nb').has(v)));
    const data = dataNames();
    // Texts without letters (numbers, dates' digits, ↑ ↓ *) are the same in any language.
    // The two letters standing in for an app's icon are its name's.
    const monograms = new Set(loadCatalog().apps.flatMap((app) => [monogramOf(app.name.en), monogramOf(app.name.nb)]));
    const isData = (text: string) =>
      !/\p{L}/u.test(text) || sameInBoth.has(text) || monograms.has(text) || data.some((name) => text.includes(name));

    const problems: string[] = [];
    for (const step of ui.steps) expect(en.get(step.name)!.texts.length, step.name).toBeGreaterThan(10);
    for (const step of ui.steps) {
      const [english, norwegian] = [en.get(step.name)!, nb.get(step.name)!];
      for (const [language, seen] of [
        ['en', english],
        ['nb', norwegian],
      ] as const) {
        for (const text of seen.texts) {
          if (keyLike.test(text)) problems.push(`${step.name} (${language}): untranslated key "${text}"`);
          if (text.includes('{{')) problems.push(`${step.name} (${language}): placeholder left in "${text}"`);
          if (onePlural(language).test(text)) problems.push(`${step.name} (${language}): a plural noun after 1 in "${text}"`);
          const avoided = data.some((name) => text.includes(name)) ? [] : avoidedWordsIn(text, language);
          if (avoided.length > 0)
            problems.push(`${step.name} (${language}): "${avoided.join('", "')}" instead of the glossary's term in "${text}"`);
        }
      }
      if (!step.detail && english.h1 === norwegian.h1)
        problems.push(`${step.name}: the heading "${english.h1}" is the same in both languages`);
      const englishOnly = new Set(english.texts);
      for (const text of new Set(norwegian.texts)) {
        if (englishOnly.has(text) && !isData(text)) problems.push(`${step.name}: "${text}" is the same in Norwegian and English`);
      }
    }
    const [navEn, navNb] = [en.get('overview')!.nav, nb.get('overview')!.nav];
    expect(navNb.length).toBe(navEn.length);
    navEn.forEach((label, i) => label === navNb[i] && problems.push(`navigation: "${label}" is the same in both languages`));
    expect(problems).toEqual([]);
  });
});
