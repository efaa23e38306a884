import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { useSeededWalk } from '../support/seeded-walk';
import { openScreen } from '../support/ui-walk';

const walk = useSeededWalk();

async function seriousViolations(where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page: walk.page as never }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}: ${v.nodes[0]?.failureSummary ?? ''}`);
}

describe('accessibility (axe) on every screen', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations in the ${theme} theme`, async () => {
      await walk.web.app.api.call('settings.update', { theme, language: 'en' });
      const found: string[] = [];
      for (const step of walk.steps) {
        await openScreen(walk.page, walk.web.server.url, step);
        expect(await walk.page.locator('html').getAttribute('data-theme')).toBe(theme);
        found.push(...(await seriousViolations(`${step.name} (${theme})`)));
      }
      // A confirmation dialog open over a screen, and a form with an error shown.
      await openScreen(walk.page, walk.web.server.url, { name: 'store', hash: `#/stores/${walk.seeded.stores.Oslo}` });
      await walk.page.getByRole('button', { name: 'Uninstall the Flow app' }).click();
      await walk.page.getByRole('dialog').waitFor();
      found.push(...(await seriousViolations(`Flow app dialog (${theme})`)));
      await walk.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await openScreen(walk.page, walk.web.server.url, { name: 'stores', hash: '#/stores' });
      await walk.page.getByRole('button', { name: 'Add store' }).click();
      await walk.page.getByRole('button', { name: 'Add store' }).click();
      await walk.page.getByRole('alert').first().waitFor();
      found.push(...(await seriousViolations(`add store with errors (${theme})`)));
      expect(found).toEqual([]);
    });
  }
});
