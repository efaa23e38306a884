import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../../electron/domain/audit/audit-actions';

function sentenceKeys(language: string): string[] {
  const area = JSON.parse(fs.readFileSync(`renderer/src/lib/i18n/locales/${language}/activity.json`, 'utf8')) as {
    sentence: Record<string, Record<string, string>>;
  };
  return Object.entries(area.sentence).flatMap(([group, texts]) => Object.keys(texts).map((k) => `${group}.${k}`));
}

/** A key belongs to an action when it is the action or the action with i18next's context/plural suffixes. */
const belongs = (key: string, action: string) => key === action || key.startsWith(`${action}_`);

describe('Activity sentences', () => {
  // The server can record only these (its audit calls are typed by the list), and the Activity filter offers them.
  const actions: readonly string[] = auditActions;

  it('has a label in both languages for every action the server can record', () => {
    for (const language of ['en', 'nb']) {
      const labels = (
        JSON.parse(fs.readFileSync(`renderer/src/lib/i18n/locales/${language}/activity.json`, 'utf8')) as {
          action: Record<string, Record<string, string>>;
        }
      ).action;
      expect(actions.filter((a) => !labels[a.split('.')[0]!]?.[a.split('.')[1]!])).toEqual([]);
    }
  });

  for (const language of ['en', 'nb']) {
    it(`has a sentence in ${language} for every action the backend records, and none for actions it does not`, () => {
      const keys = sentenceKeys(language);
      expect(actions.filter((a) => !keys.some((k) => belongs(k, a)))).toEqual([]);
      expect(keys.filter((k) => !actions.some((a) => belongs(k, a)))).toEqual([]);
    });
  }
});
