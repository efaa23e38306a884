import { z } from 'zod';
import { id, isoTime } from './common';
import { method } from './define-method';
import { auditActions } from './audit-actions';

/** The kinds of change the log records; the renderer's Activity filter offers exactly these. */
export const auditAction = z.enum(auditActions);

const time = z.string().datetime({ offset: true, message: 'must be a time like 2025-01-31T12:00:00Z' });

export const auditEntry = z.object({
  seq: z.number().int(),
  at: isoTime,
  actor: z.string(),
  action: auditAction,
  summary: z.string(),
  organizationId: z.string().nullable(),
  storeId: z.string().nullable(),
  workflowId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditContract = {
  'audit.query': method({
    summary:
      'The append-only log of changes, newest first: who, when, what, before and after. Filter by organization, workflow, store (bulk changes included), time and action; page with beforeSeq.',
    input: z
      .object({
        organizationId: id.optional(),
        workflowId: id.optional(),
        storeId: id.optional(),
        since: time.optional(),
        until: time.optional(),
        action: auditAction.optional(),
        beforeSeq: z.number().int().min(1, { message: 'must be 1 or more' }).optional(),
        limit: z.number().int().min(1, { message: 'must be at least 1' }).max(1000, { message: 'must be at most 1000' }).default(100),
      })
      .strict(),
    output: z.object({ entries: z.array(auditEntry), nextBeforeSeq: z.number().int().nullable() }),
  }),
};
