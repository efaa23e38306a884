import { render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import StatusBadge from '../../renderer/src/components/StatusBadge.svelte';
import ReasonList from '../../renderer/src/components/ReasonList.svelte';
import { i18n } from '../../renderer/src/lib/i18n/i18n.svelte';
import { catalog } from '../../renderer/src/lib/state/catalog.svelte';
import { catalogApp } from '../../electron/domain/catalog/catalog-schema';
import type { BlockReason } from '../../electron/domain/status/workflow-status';
import type { ValidationProblem } from '../../electron/domain/workflow/validation-problem';

// The real catalog files, read the way a browser build would (no Node in the component project).
const files = import.meta.glob<unknown>(['../../resources/catalog/apps/*.json', '../../resources/catalog/shopify.json'], {
  eager: true,
  import: 'default',
});
beforeAll(() => catalog.set(Object.values(files).map((f) => catalogApp.parse(f))));
afterEach(() => i18n.setLanguage('en'));

const notSetUp: BlockReason = {
  code: 'app_not_set_up',
  appId: 'loyaltylion',
  missingSetup: ['paid_plan', 'configuration'],
  message: 'LoyaltyLion rewards & referral is not set up in this store',
};

function problem(p: Partial<ValidationProblem> & Pick<ValidationProblem, 'code'>): ValidationProblem {
  return { severity: 'error', stepId: 'a1', field: null, message: 'the API says so', params: {}, ...p };
}

describe('StatusBadge', () => {
  it('names each state in the current language', () => {
    i18n.setLanguage('en');
    const { rerender } = render(StatusBadge, { state: 'blocked', detail: 'Oslo' });
    expect(screen.getByText('Blocked')).toBeInTheDocument();
    expect(screen.getByText(/Blocked/).closest('.badge')).toHaveTextContent('Blocked: Oslo');
    i18n.setLanguage('nb');
    rerender({ state: 'running' });
    expect(screen.getByText(/Kjører/)).toBeInTheDocument();
  });
});

describe('ReasonList', () => {
  it('says why a workflow is blocked with the catalog names of the app and the setup steps still to do', () => {
    i18n.setLanguage('en');
    render(ReasonList, { reasons: [notSetUp, { code: 'flow_app_not_installed', appId: null, missingSetup: [], message: 'x' }] });
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'LoyaltyLion rewards & referral is not set up in this store. Still to do: Choose a paid LoyaltyLion plan, Set up the loyalty program with tiers and segments',
      'The Flow app is not installed in this store',
    ]);
  });

  it('says it in Norwegian, including the catalog names', () => {
    i18n.setLanguage('nb');
    render(ReasonList, { reasons: [notSetUp] });
    expect(screen.getByRole('listitem')).toHaveTextContent('Gjenstår: Velg et betalt LoyaltyLion-abonnement');
  });

  it('uses the most specific text the params can fill and never shows a placeholder', () => {
    i18n.setLanguage('en');
    render(ReasonList, {
      problems: [
        problem({ code: 'missing_required_field', params: { fieldKey: 'points', fieldName: 'Points' } }),
        problem({ code: 'missing_required_field', params: { operator: 'and' } }),
        problem({ code: 'constraint_requires_trigger', params: { appId: 'klevu', handle: 'promote_demote_product', reason: 'ignored' } }),
        problem({ code: 'deprecated_trigger', severity: 'warning', params: { appId: 'shopify', handle: 'order_created' } }),
      ],
    });
    const items = screen.getAllByRole('listitem').map((li) => li.textContent?.trim());
    expect(items[0]).toBe('“Points” is required');
    expect(items[1]).toBe('The condition group has no conditions');
    expect(items[2]).toMatch(
      /^“.+”: This action can only be used in a workflow that starts with the trigger Inventory quantity changed\.$/,
    );
    expect(items[3]).toMatch(/^Warning:\s+“.+” is deprecated; it still works here/);
    expect(items.join(' ')).not.toContain('{{');
  });

  it('falls back to the API message for a code it has no words for', () => {
    render(ReasonList, {
      problems: [problem({ code: 'brand_new_code' as ValidationProblem['code'], message: 'Something new went wrong' })],
    });
    expect(screen.getByRole('listitem')).toHaveTextContent('Something new went wrong');
  });
});
