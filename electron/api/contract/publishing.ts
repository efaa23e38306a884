import { z } from 'zod';
import { id } from './common';
import { method } from './define-method';
import { blockReason, statusState } from './status';
import { workflowDetail } from './workflows';

const version = z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be a version number (1 or more)' });
/** The stores to publish to; omitted: every store of the organization (and the stores added later). */
const storeIds = z.array(id).min(1, { message: 'must list at least one store' }).max(10_000, { message: 'must list at most 10000 stores' });

export const publishImpact = z
  .object({
    version: z.number().int(),
    /** False when the version has errors: it cannot be published. */
    publishable: z.boolean(),
    errors: z.number().int(),
    /** Stores where the workflow is enabled and the version running there changes. */
    changes: z.number().int(),
    /** Of those, the stores where it will be blocked, and why (grouped). */
    willBlock: z.number().int(),
    /** Of those, the stores where it runs now and will not after. */
    stopsRunning: z.number().int(),
    /** Stores reached that already run this version. */
    unchanged: z.number().int(),
    /** Stores reached where the workflow is not enabled (they run it once enabled). */
    notEnabled: z.number().int(),
    blockedBecause: z.array(
      z.object({
        code: blockReason.shape.code,
        appId: z.string().nullable(),
        stores: z.number().int(),
        message: z.string(),
      }),
    ),
    stores: z.array(
      z.object({
        storeId: id,
        name: z.string(),
        enabled: z.boolean(),
        fromVersion: z.number().int().nullable(),
        toVersion: z.number().int(),
        before: statusState,
        after: statusState,
        reasons: z.array(blockReason),
      }),
    ),
    /** In English, e.g. "publishes version 6: changes what runs in 12 stores; 2 stores will block: …". */
    summary: z.string(),
  })
  .meta({ id: 'PublishImpact' });

const target = z.object({ id, version: version.optional(), storeIds: storeIds.optional() }).strict();

export const publishingContract = {
  'workflows.publishImpact': method({
    summary:
      'What publishing a version (the draft when omitted) to the given stores (all when omitted) would change: per store the version running now and after, the state after, and why stores would block. Nothing is written.',
    input: target,
    output: publishImpact,
  }),
  'workflows.publish': method({
    summary:
      'Publishes a version (the draft when omitted) to the given stores, or to all stores (then it is the version every store runs). Refused when the version has errors. Saving never changes what runs; publishing does.',
    input: target,
    output: z.object({ workflow: workflowDetail, impact: publishImpact }),
  }),
  'workflows.rollback': method({
    summary:
      'Makes the given stores (all when omitted) run an earlier version again, in one step; refused when that version has errors now.',
    input: z.object({ id, version, storeIds: storeIds.optional() }).strict(),
    output: z.object({ workflow: workflowDetail, impact: publishImpact }),
  }),
};
