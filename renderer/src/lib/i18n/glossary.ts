/**
 * One term per concept, in each language (design.md, "Words"). The Norwegian terms follow Shopify's own
 * Norwegian help text (the source document: "utløser", "handling", "betingelse", "arbeidsflyt").
 * `avoid` lists the other words people reach for; test/unit/renderer/glossary.test.ts keeps them out of
 * every UI text and catalog text of that language, so no screen says "trigger" in one place and
 * "utløser" in another.
 *
 * An avoided word matches as a word start: "trigger" also catches "triggere", "triggerens".
 */
export interface Term {
  concept: string;
  en: string;
  nb: string;
  avoid: { en?: readonly string[]; nb?: readonly string[] };
}

export const glossary: readonly Term[] = [
  { concept: 'organization', en: 'organization', nb: 'organisasjon', avoid: { en: ['organisation'] } },
  { concept: 'store', en: 'store', nb: 'butikk', avoid: {} },
  { concept: 'app (connector)', en: 'app', nb: 'app', avoid: { nb: ['applikasjon', 'programtillegg', 'tilkoblingsapp'] } },
  { concept: 'trigger', en: 'trigger', nb: 'utløser', avoid: { nb: ['trigger'] } },
  { concept: 'condition', en: 'condition', nb: 'betingelse', avoid: { nb: ['vilkår'] } },
  { concept: 'action', en: 'action', nb: 'handling', avoid: { nb: ['aksjon'] } },
  { concept: 'workflow', en: 'workflow', nb: 'arbeidsflyt', avoid: { nb: ['flyt ', 'flyter ', 'flyten', 'flytene'] } },
  { concept: 'installation', en: 'installation', nb: 'installasjon', avoid: {} },
  { concept: 'connection', en: 'connection', nb: 'tilkobling', avoid: { nb: ['forbindelse'] } },
  { concept: 'activation', en: 'activation', nb: 'aktivering', avoid: {} },
  { concept: 'status', en: 'status', nb: 'status', avoid: {} },
  { concept: 'run', en: 'run', nb: 'kjøring', avoid: { en: ['execution'], nb: ['utførelse', 'kjøretur'] } },
  { concept: 'version', en: 'version', nb: 'versjon', avoid: {} },
  { concept: 'draft', en: 'draft', nb: 'utkast', avoid: { nb: ['kladd'] } },
  { concept: 'published version', en: 'published version', nb: 'publisert versjon', avoid: {} },
  { concept: 'endpoint', en: 'endpoint', nb: 'endepunkt', avoid: {} },
  { concept: 'setup', en: 'setup', nb: 'oppsett', avoid: {} },
  { concept: 'canvas', en: 'canvas', nb: 'lerret', avoid: {} },
  { concept: 'deactivated', en: 'deactivated', nb: 'deaktivert', avoid: {} },
];

/** The avoided words of a language that `text` uses, as written there. */
export function avoidedWordsIn(text: string, language: 'en' | 'nb'): string[] {
  const found: string[] = [];
  for (const term of glossary) {
    for (const word of term.avoid[language] ?? []) {
      // A word start, case-insensitive; a trailing space in the list means "this exact word".
      const exact = word.endsWith(' ');
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(word.trim())}${exact ? '(?![\\p{L}\\p{N}])' : ''}`, 'iu');
      const match = pattern.exec(text);
      if (match) found.push(match[0]);
    }
  }
  return found;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
