import { t } from '../../lib/i18n/i18n.svelte';
import type { BulkAction } from '../../lib/state/matrix-bulk.svelte';
import type { NotAllowed } from '$shared/domain/status/pair-actions';

interface Counts {
  changed: number;
  unchanged: number;
  withoutFlowApp: number;
  workflows: number;
  stores: number;
  /** Pairs the rule held back, by reason (a bulk change's and a re-enable's answer; set calls have none). */
  skipped?: readonly { reason: NotAllowed; pairs: number }[];
}

/** Held-back pairs in words: re-enabling waits for the Flow app (R8); any other reason is named as the matrix names it. */
export function skippedText({ reason, pairs }: { reason: NotAllowed; pairs: number }): string {
  if (reason === 'flow_app_not_installed') return t('matrix.summary.waitingForFlow', { count: pairs });
  return t('matrix.summary.skipped', { count: pairs, reason: t(`matrix.notAllowed.${reason}`) });
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
    ...(c.skipped ?? []).map(skippedText),
  ]
    .filter(Boolean)
    .join(' ');
}

/** The same from one activation call's answer. */
export function activationSummaryText(
  action: BulkAction,
  s: {
    changed: number;
    unchanged: number;
    withoutFlowApp: number;
    changedWorkflowIds: string[];
    changedStoreIds: string[];
    /** activations.reenableDeactivated's held-back pairs (they wait for the Flow app). */
    skipped?: Counts['skipped'];
  },
): string {
  return bulkSummaryText(action, { ...s, workflows: s.changedWorkflowIds.length, stores: s.changedStoreIds.length });
}
