import type { Locator, Page } from 'playwright-core';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Picks a path (`order.totalPriceSet.shopMoney.amount`) in a field or variable picker as an admin does:
 * opens objects one by one, searching when a field is further down the list.
 */
export async function pickPath(page: Page, combobox: Locator, path: string): Promise<void> {
  await combobox.click();
  const list = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  const segments = path.split('.');
  for (const [i, segment] of segments.entries()) {
    let option = list.getByRole('option', { name: new RegExp(`^${escape(segment)}(\\s|$)`) });
    if ((await option.count()) === 0) {
      await combobox.fill(segment);
      option = list.getByRole('option', { name: new RegExp(`^${escape(segments.slice(0, i + 1).join('.'))}(\\s|$)`) });
    }
    await option.first().click();
  }
}
