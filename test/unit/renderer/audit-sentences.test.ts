import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every action code the backend records: the quoted codes after `action:` (a ternary names two). */
function recordedActions(): string[] {
  const files = (fs.readdirSync('electron', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join('electron', f));
  const actions = new Set<string>();
  for (const file of files) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/\baction:\s*([^,\n]+)/g)) {
      for (const code of match[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(code[1]!);
    }
  }
  return [...actions].sort();
}

function sentenceKeys(language: string): string[] {
  const area = JSON.parse(fs.readFileSync(`renderer/src/lib/i18n/locales/${language}/activity.json`, 'utf8')) as { sentence: Record<string, Record<string, string>> };
  return Object.entries(area.sentence).flatMap(([group, texts]) => Object.keys(texts).map((k) => `${group}.${k}`));
}

/** A key belongs to an action when it is the action or the action with i18next's context/plural suffixes. */
const belongs = (key: string, action: string) => key === action || key.startsWith(`${action}_`);

describe('Activity sentences', () => {
  const actions = recordedActions();

  it('finds the actions the backend records', () => {
    expect(actions).toEqual(expect.arrayContaining(['organization.created', 'activation.enabled', 'activation.disabled', 'store.flow_uninstalled', 'run.replayed']));
    expect(actions.length).toBeGreaterThan(30);
  });

  it('offers every recorded action in the Activity filter, with a label in both languages', () => {
    const listed = [...fs.readFileSync('renderer/src/lib/audit-actions.ts', 'utf8').matchAll(/^\s+'([a-z_]+\.[a-z_]+)',$/gm)].map((m) => m[1]);
    expect(actions.filter((a) => !listed.includes(a))).toEqual([]);
    for (const language of ['en', 'nb']) {
      const labels = (JSON.parse(fs.readFileSync(`renderer/src/lib/i18n/locales/${language}/activity.json`, 'utf8')) as { action: Record<string, Record<string, string>> }).action;
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
