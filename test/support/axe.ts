import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * The serious and critical accessibility findings on the page (or inside `include`), as "rule: where" lines,
 * so a test can expect none and a failure says what and where.
 */
export async function seriousAxeFindings(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page: page as never });
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}
