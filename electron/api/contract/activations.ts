import { z } from 'zod';
import { id, isoTime } from './common';
import { method } from './define-method';
import { statusState } from './status';
import { notAllowedReasons } from '../../domain/status/pair-actions';

const ids = (what: string) =>
  z
    .array(id)
    .min(1, { message: `must list at least one ${what}` })
    .max(10_000, { message: `must list at most 10000 ${what}s` });

/** What a bulk change did, for the UI to say ("enabled in 998 stores, 2 already were"). */
export const activationSummary = z.object({
  enabled: z.boolean(),
  /** Pairs whose activation changed. */
  changed: z.number().int(),
  /** Pairs that already were as asked. */
  unchanged: z.number().int(),
  changedStoreIds: z.array(id),
  changedWorkflowIds: z.array(id),
  /** Of the pairs enabled, those in stores without the Flow app: recorded, but blocked until Flow is installed. */
  withoutFlowApp: z.number().int(),
});

const bulkAction = z.enum(['enable', 'disable', 'reenable']);

/**
 * Selected pairs the matrix's rule held back, by reason, with the stores they are in (re-enabling waits for
 * the Flow app, R8): not changed, and not "already as asked" either.
 */
export const skippedPairs = z.array(z.object({ reason: z.enum(notAllowedReasons), pairs: z.number().int(), storeIds: z.array(id) }));

const bulkInput = z
  .object({
    organizationId: id,
    action: bulkAction,
    selection: z
      .object({
        workflowIds: z.array(id).max(100_000).default([]),
        storeIds: z.array(id).max(100_000).default([]),
        cells: z
          .array(z.object({ workflowId: id, storeId: id }).strict())
          .max(1_000_000)
          .default([]),
      })
      .strict(),
    /** The matrix's filter: rows apply to the stores it shows, columns to the workflows it shows. */
    filter: z
      .object({
        storeIds: z.array(id).optional(),
        states: z.array(statusState).min(1, { message: 'must list at least one state' }).optional(),
        appId: z.string().min(1).optional(),
        search: z.string().max(120).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export const activationsContract = {
  'activations.set': method({
    summary:
      'Enables or disables a workflow in one store, a set of stores, or all stores of its organization, in one transaction. Enabling clears an R8 deactivation.',
    input: z
      .object({
        workflowId: id,
        storeIds: z.union([z.literal('all'), ids('store')], {
          message: 'must be "all" or a list of store ids',
        }),
        enabled: z.boolean(),
      })
      .strict(),
    output: activationSummary,
  }),
  'activations.setInStore': method({
    summary: 'Enables or disables several workflows (or all of the organization) in one store, in one transaction.',
    input: z
      .object({
        storeId: id,
        workflowIds: z.union([z.literal('all'), ids('workflow')], {
          message: 'must be "all" or a list of workflow ids',
        }),
        enabled: z.boolean(),
      })
      .strict(),
    output: activationSummary,
  }),
  'activations.reenableDeactivated': method({
    summary:
      'Enables again, in one transaction, the workflows that uninstalling the Flow app deactivated (R8): in every store of the organization, or only the stores and workflows given. Re-enabling waits for the Flow app: pairs in stores without it are not changed but reported in `skipped`, as activations.bulk does.',
    input: z
      .object({
        organizationId: id,
        storeIds: ids('store').optional(),
        workflowIds: ids('workflow').optional(),
      })
      .strict(),
    output: activationSummary.extend({ skipped: skippedPairs }),
  }),
  'activations.bulk': method({
    summary:
      'Carries out a selection of the status matrix in one transaction: whole workflows (rows) across the stores the filter shows, whole stores (columns) across the workflows the filter shows, and single cells. Enable, disable, or re-enable what uninstalling the Flow app deactivated (R8). All of it or nothing; answers how many pairs changed.',
    input: bulkInput,
    output: z.object({
      action: z.enum(['enable', 'disable', 'reenable']),
      /** Pairs whose activation changed. */
      changed: z.number().int(),
      /** Selected pairs that already were as asked. */
      unchanged: z.number().int(),
      /** Of the pairs enabled, those in stores without the Flow app. */
      withoutFlowApp: z.number().int(),
      /** How many workflows and stores had a pair changed. */
      workflows: z.number().int(),
      stores: z.number().int(),
      skipped: skippedPairs,
      /** The kept change, to undo with activations.undoBulk; null when nothing changed (or too many pairs to keep). */
      bulkChangeId: id.nullable(),
    }),
  }),
  'activations.bulkPreview': method({
    summary:
      'What activations.bulk would change for the same input, before confirming: the exact number of pairs, and how many of them are running now. Counted by carrying the change out and rolling it back; nothing is written.',
    input: bulkInput,
    output: z.object({
      action: bulkAction,
      changed: z.number().int(),
      unchanged: z.number().int(),
      withoutFlowApp: z.number().int(),
      workflows: z.number().int(),
      stores: z.number().int(),
      skipped: skippedPairs,
      /** Of the pairs that would change, those running now. */
      runningNow: z.number().int(),
    }),
  }),
  'activations.lastBulk': method({
    summary:
      "The organization's last bulk change and whether it can still be undone (not undone yet, and none of its pairs changed since); null when none.",
    input: z.object({ organizationId: id }).strict(),
    output: z
      .object({
        bulkChangeId: id,
        action: bulkAction,
        at: isoTime,
        pairs: z.number().int(),
        undoneAt: isoTime.nullable(),
        undoable: z.boolean(),
      })
      .nullable(),
  }),
  'activations.undoBulk': method({
    summary:
      "Puts every pair of the organization's last bulk change back exactly as it was (off, enabled, or deactivated by R8), in one transaction, recorded in the audit log. Refused when it is not the last one, was undone already, or a pair changed since.",
    input: z.object({ bulkChangeId: id }).strict(),
    output: z.object({
      bulkChangeId: id,
      restored: z.number().int(),
      workflows: z.number().int(),
      stores: z.number().int(),
    }),
  }),
};
