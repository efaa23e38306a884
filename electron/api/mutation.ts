import type { AuditAction } from '../domain/audit/audit-actions';
import type { AuditSubjects } from '../store/audit-log';
import type { HandlerContext } from './handler-context';

/** What a change says about itself in the audit log; the wrapper adds who, when and the action. */
export interface AuditNote<A extends AuditAction = AuditAction> {
  /** Needed only when the registration names several actions (enable/disable): which one this was. */
  action?: A;
  summary: string;
  organizationId?: string | null;
  storeId?: string | null;
  workflowId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Every workflow and store a bulk change touched, beyond the ones named above. */
  subjects?: AuditSubjects;
}

/** A handler's answer and what it recorded: none when nothing changed, several when it made several things. */
export interface Change<R, A extends AuditAction = AuditAction> {
  value: R;
  audit: AuditNote<A> | readonly AuditNote<A>[] | null;
}

/** Records one note with the current actor; for changes that cannot run inside `mutation` (async ones). */
export function recordAudit<A extends AuditAction>(ctx: HandlerContext, action: A | readonly A[], note: AuditNote<A>): void {
  const chosen = note.action ?? (typeof action === 'string' ? action : undefined);
  if (chosen === undefined) throw new Error(`audit note "${note.summary}" must say which of ${(action as readonly A[]).join(', ')} it is`);
  const { subjects, action: _, ...entry } = note;
  ctx.audit.record({ ...entry, action: chosen, actor: ctx.actor() }, subjects);
}

/**
 * A mutating handler: runs `change` and records its audit notes in one transaction, as the current actor,
 * under the action(s) named at registration. Either the change and its log entries are written, or neither.
 */
export function mutation<I, R, A extends AuditAction>(
  action: A | readonly A[],
  change: (input: I, ctx: HandlerContext) => Change<R, NoInfer<A>>,
): (input: I, ctx: HandlerContext) => R {
  return (input, ctx) =>
    mutationStep(ctx, () => {
      const { value, audit } = change(input, ctx);
      const notes: readonly AuditNote<A>[] = audit === null ? [] : Array.isArray(audit) ? audit : [audit as AuditNote<A>];
      for (const note of notes) recordAudit(ctx, action, note);
      return value;
    });
}

/**
 * One transaction of a change: `step` written whole, with the workflow checks it made stale refreshed in the
 * same transaction (reads never write, so a changed workflow's check is stored here, with the change).
 * `mutation` is one step plus its audit notes; a handler uses a step on its own only for a change split on
 * purpose into several transactions so the window answers between them (the large demo organization, 100
 * workflows at a time), whose audit entry a `mutation` records when the change starts.
 */
export function mutationStep<R>(ctx: HandlerContext, step: () => R): R {
  // IMMEDIATE: the write lock first (waiting on busy_timeout). Deferred, a change that reads and then writes
  // failed at once with "database is locked" whenever the runtime's worker thread committed in between (WAL: the
  // read snapshot is stale, and waiting cannot help), as deliveries do all the time.
  return ctx.db
    .transaction(() => {
      const value = step();
      ctx.statusFacts.refreshChecks();
      return value;
    })
    .immediate();
}

/** Thrown to roll a dry run's transaction back. */
class RolledBack extends Error {}

/**
 * Runs a change inside a transaction that is then rolled back, and returns what it answered: a preview made
 * by the change's own code, so what it counts is exactly what the change will do. Nothing stays written.
 */
export function rolledBack<R>(ctx: HandlerContext, change: () => R): R {
  let value!: R;
  try {
    // IMMEDIATE for the same reason as mutationStep: the preview reads, then writes what the change would write.
    ctx.db
      .transaction(() => {
        value = change();
        throw new RolledBack();
      })
      .immediate();
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return value;
}
