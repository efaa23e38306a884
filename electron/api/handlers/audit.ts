import { auditContract } from '../contract/audit';
import type { Handlers } from '../define-handlers';

export const auditHandlers: Handlers<typeof auditContract> = {
  'audit.query': (input, ctx) => {
    // Entries are stamped in UTC; a time given with an offset is compared as the same instant.
    const utc = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
    const entries = ctx.audit.query({ ...input, since: utc(input.since), until: utc(input.until) });
    return { entries, nextBeforeSeq: entries.length === input.limit ? entries[entries.length - 1]!.seq : null };
  },
};
