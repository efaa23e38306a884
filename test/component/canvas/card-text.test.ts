import { afterEach, describe, expect, it } from 'vitest';
import { stepCard } from '../../../renderer/src/components/canvas/card-text';
import { i18n } from '../../../renderer/src/lib/i18n/i18n.svelte';
import { apps } from '../workflow/catalog-fixture';

afterEach(() => i18n.setLanguage('en'));

const addTags = {
  id: 'tag',
  kind: 'action' as const,
  task: { app: 'shopify', handle: 'add_order_tags' },
  inputs: { order_id: 'order.id', tags: 'vip' },
};
const condition = {
  id: 'big',
  kind: 'condition' as const,
  condition: { kind: 'compare' as const, field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than' as const, value: 5000 },
  then: [],
  else: [],
};

describe("a canvas card's words", () => {
  it("name an action's inputs by their names in the admin's language, leaving out the object it acts on", () => {
    expect(stepCard(addTags, apps, []).summary).toBe('Tags: vip');
    i18n.setLanguage('nb');
    expect(stepCard(addTags, apps, []).summary).toBe('Tagger: vip');
  });

  it('mark a condition in the language of the app', () => {
    expect(stepCard(condition, apps, []).monogram).toBe('IF');
    i18n.setLanguage('nb');
    expect(stepCard(condition, apps, []).monogram).toBe('HVIS');
  });
});
