import type { OutboxRow } from '../../store/outbox-store';
import type { RunStepRow, RunSummaryRow, TriggerEventRow } from '../../store/run-store';

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A run as the API shows it. */
export function runSummary(r: RunSummaryRow) {
  return {
    id: r.id,
    workflowId: r.workflowId,
    workflowName: r.workflowName,
    workflowVersion: r.workflowVersion,
    storeId: r.storeId,
    storeName: r.storeName,
    eventId: r.eventId,
    trigger: { app: r.appId, handle: r.triggerHandle },
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    resumeAt: iso(r.resumeAt),
    replayOf: r.replayOf,
  };
}

export function runDetail(r: RunSummaryRow, event: TriggerEventRow, steps: RunStepRow[], deliveries: OutboxRow[]) {
  return {
    ...runSummary(r),
    event: { id: event.id, source: event.source, payload: json(event.payload) as Record<string, unknown>, receivedAt: event.receivedAt },
    steps: steps.map((s) => ({
      seq: s.seq,
      stepId: s.stepId,
      kind: s.kind,
      iteration: s.iteration,
      app: s.appId,
      handle: s.handle,
      status: s.status,
      inputs: json(s.inputs),
      outputs: json(s.outputs),
      error: s.error,
      attempts: s.attempts,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
    })),
    deliveries: deliveries.map((d) => ({
      actionRunId: d.actionRunId,
      stepSeq: d.stepSeq,
      app: d.appId,
      state: d.state,
      attempts: d.attempts,
      polls: d.polls,
      nextAttemptAt: d.state === 'pending' || d.state === 'accepted' ? iso(d.nextAttemptAt) : null,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
    })),
  };
}
