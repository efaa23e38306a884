import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import BulkBar from '../../renderer/src/components/matrix/BulkBar.svelte';
import { activationSummaryText } from '../../renderer/src/components/matrix/summary-text';
import { i18n } from '../../renderer/src/lib/i18n/i18n.svelte';
import type { BulkResult } from '../../renderer/src/lib/state/matrix-bulk.svelte';

afterEach(() => i18n.setLanguage('en'));

const allowed = { enable: null, disable: null, reenable: null };
const reenabled: BulkResult = {
  action: 'reenable',
  changed: 2,
  unchanged: 0,
  withoutFlowApp: 0,
  workflows: 2,
  stores: 1,
  skipped: [{ reason: 'flow_app_not_installed', pairs: 3, storeIds: ['s1'] }],
  failed: [],
  bulkChangeId: null,
};

function showResult(result: BulkResult) {
  render(BulkBar, {
    selection: { rows: 1, columns: 0, cells: 0 },
    actions: allowed,
    running: false,
    done: 1,
    total: 1,
    result,
    onaction: () => undefined,
    onclear: () => undefined,
  });
  return screen.getByRole('status').textContent ?? '';
}

describe('the bulk bar says what a selection left out', () => {
  it('tells how many pairs wait for the Flow app after a re-enable, in English and Norwegian', () => {
    expect(showResult(reenabled)).toContain('3 wait for the Flow app in their stores and stay deactivated.');
    i18n.setLanguage('nb');
    cleanup();
    expect(showResult(reenabled)).toContain('3 venter på Flow-appen i butikkene sine og forblir deaktivert.');
  });

  it('says nothing about skipped pairs when none were held back', () => {
    expect(showResult({ ...reenabled, skipped: [] })).not.toMatch(/wait/);
  });

  it('says how many pairs a "Re-enable all" left waiting for the Flow app', () => {
    const answer = {
      changed: 1,
      unchanged: 0,
      withoutFlowApp: 0,
      changedWorkflowIds: ['w1'],
      changedStoreIds: ['s1'],
      skipped: [{ reason: 'flow_app_not_installed' as const, pairs: 2, storeIds: ['s2'] }],
    };
    expect(activationSummaryText('reenable', answer)).toBe(
      'Re-enabled 1 deactivated workflow-store pair (1 workflow, 1 store). 2 wait for the Flow app in their stores and stay deactivated.',
    );
  });
});
