import { z } from 'zod';
import { reasonFixKinds } from '../../domain/status/reason-fix';

/** What resolves a reason (electron/domain/status/reason-fix.ts): its kind and target, for the UI to offer in place. */
export const reasonFix = z
  .object({
    kind: z.enum(reasonFixKinds),
    /** In place: one API call beside the reason; otherwise the UI takes the admin where it is done. */
    inPlace: z.boolean(),
    storeId: z.string().optional(),
    workflowId: z.string().optional(),
    appId: z.string().optional(),
    /** finish_setup: the setup steps still to do. */
    steps: z.array(z.string()).optional(),
    /** open_editor: where the problem is. */
    stepId: z.string().nullable().optional(),
    field: z.string().nullable().optional(),
  })
  .meta({ id: 'ReasonFix' });
