import { AxeBuilder } from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededWalk } from '../support/seeded-walk';
import { openScreen } from '../support/ui-walk';

const walk = useSeededWalk();

/**
 * The walk's steps, in its order: named here so each is a test of its own. The first test checks that the
 * walk (built from the navigation the app shows) has exactly these, so a new screen cannot go unchecked.
 */
const stepNames = [
  'overview',
  'stores',
  'apps',
  'workflows',
  'runs',
  'activity',
  'organizations',
  'settings',
  'store',
  'store-without-flow',
  'app-installed',
  'app-not-installed',
  'workflow-matrix',
  'workflow-editor',
  'organization-backup-dialog',
  'database-restore-confirmation',
  'organization-restore-dialog',
  'copy-workflow-dialog',
  'copy-workflow-preview',
  'run',
  'runs-send-test-event',
  'store-app-endpoint-secret',
];

/** Every rule in the light theme; in the dark one only colour contrast changes, so only it is checked again. */
const themes = [
  { theme: 'light', rules: undefined },
  { theme: 'dark', rules: ['color-contrast'] },
] as const;

async function seriousViolations(rules: readonly string[] | undefined): Promise<string[]> {
  const axe = new AxeBuilder({ page: walk.page as never });
  const result = await (rules ? axe.withRules([...rules]) : axe).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}) at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}: ${v.nodes[0]?.failureSummary ?? ''}`,
    );
}

describe('accessibility (axe) on every screen', () => {
  it('walks every screen the navigation offers and the detail screens and dialogs behind them', () => {
    expect(walk.steps.map((s) => s.name)).toEqual(stepNames);
  });

  describe.each(themes)('in the $theme theme', ({ theme, rules }) => {
    beforeAll(async () => {
      await walk.web.app.api.call('settings.update', { theme, language: 'en' });
    });

    it.each(stepNames)('%s has no serious or critical violations', async (name) => {
      const step = walk.steps.find((s) => s.name === name);
      if (!step) throw new Error(`the walk has no step "${name}"`);
      await openScreen(walk.page, walk.web.server.url, step);
      expect(await walk.page.locator('html').getAttribute('data-theme')).toBe(theme);
      expect(await seriousViolations(rules)).toEqual([]);
    });

    it('a confirmation dialog open over a screen has none', async () => {
      await openScreen(walk.page, walk.web.server.url, { name: 'store', hash: `#/stores/${walk.seeded.stores.Oslo}` });
      await walk.page.getByRole('button', { name: 'Uninstall the Flow app' }).click();
      await walk.page.getByRole('dialog').waitFor();
      const found = await seriousViolations(rules);
      await walk.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      expect(found).toEqual([]);
    });

    it('a form showing its errors has none', async () => {
      await openScreen(walk.page, walk.web.server.url, { name: 'stores', hash: '#/stores' });
      await walk.page.getByRole('button', { name: 'Add store' }).click();
      await walk.page.getByRole('button', { name: 'Add store' }).click();
      await walk.page.getByRole('alert').first().waitFor();
      expect(await seriousViolations(rules)).toEqual([]);
    });
  });
});
