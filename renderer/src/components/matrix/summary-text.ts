import { t } from '../../lib/i18n/i18n.svelte';
import type { BulkAction } from '../../lib/state/matrix-bulk.svelte';

interface Counts {
  changed: number;
  unchanged: number;
  withoutFlowApp: number;
  workflows: number;
  stores: number;
}

/** What a bulk change did, in words: how many pairs changed (in how many workflows and stores), and what did not. */
export function bulkSummaryText(action: BulkAction, c: Counts): string {
  return [
    t(`matrix.summary.${action}`, {
      count: c.changed,
      workflows: t('matrix.workflowsCount', { count: c.workflows }),
      stores: t('matrix.storesCount', { count: c.stores }),
    }),
    c.unchanged > 0 ? t('matrix.summary.unchanged', { count: c.unchanged }) : '',
    c.withoutFlowApp > 0 ? t('matrix.summary.withoutFlowApp', { count: c.withoutFlowApp }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The same from one activation call's answer. */
export function activationSummaryText(
  action: BulkAction,
  s: { changed: number; unchanged: number; withoutFlowApp: number; changedWorkflowIds: string[]; changedStoreIds: string[] },
): string {
  return bulkSummaryText(action, { ...s, workflows: s.changedWorkflowIds.length, stores: s.changedStoreIds.length });
}
