import { DomainError, notFound } from '../domain/domain-error';
import type { OutboxStore } from '../store/outbox-store';
import type { RunStore } from '../store/run-store';
import type { Routing } from './routing';
import type { Runner } from './runner';
import { isFinal } from './run-status';

export interface ReplayDeps {
  runs: RunStore;
  outbox: OutboxStore;
  routing: Routing;
  runner: Runner;
}

export type ReplayMode = 'from_start' | 'failed_deliveries';

/**
 * Replays a finished run, inside the caller's transaction. From the start: a new run of the same version
 * with the same trigger event (new action_run_ids: it is a new run). Failed deliveries only: each failed
 * delivery goes back to the outbox with its own action_run_id, so an app that did get it can tell.
 * Either way only where the workflow is running now: a replay is a run, and a workflow that is off,
 * blocked, deactivated or invalid in a store never runs there.
 */
export function replayRun(deps: ReplayDeps, runId: string, mode: ReplayMode, nowMs: number): { runId: string; replayed: number } {
  const run = deps.runs.run(runId);
  if (!run) throw notFound('Run', runId);
  if (!isFinal(run.status)) {
    throw new DomainError('refused', `The run is still ${run.status}: replay it once it has finished`, { status: run.status });
  }
  const snapshot = deps.routing.current();
  const running = snapshot.running(run.storeId, run.appId, run.triggerHandle).some((w) => w.workflowId === run.workflowId);
  if (!running) {
    throw new DomainError('refused', `"${run.workflowName}" is not running in ${run.storeName} now, so it cannot run there again`, {
      workflowId: run.workflowId,
      storeId: run.storeId,
    });
  }
  const nowIso = new Date(nowMs).toISOString();

  if (mode === 'from_start') {
    const compiled = deps.routing.compiledVersion(run.workflowId, run.workflowName, run.workflowVersion);
    const event = deps.runs.event(run.eventId);
    const store = snapshot.stores.get(run.storeId);
    if (!compiled || !event || !store)
      throw new DomainError('refused', `Version ${run.workflowVersion} of "${run.workflowName}" is no longer available`);
    const payload = JSON.parse(event.payload) as Record<string, unknown>;
    const newRunId = deps.runner.startRun(
      { workflowId: run.workflowId, version: run.workflowVersion },
      compiled,
      store,
      event.id,
      payload,
      nowMs,
      run.id,
    );
    return { runId: newRunId, replayed: 1 };
  }

  const failed = deps.outbox.byRun(runId).filter((d) => d.state === 'failed');
  if (failed.length === 0) throw new DomainError('refused', 'The run has no failed deliveries to replay');
  for (const d of failed) {
    deps.outbox.update({
      actionRunId: d.actionRunId,
      state: 'pending',
      attempts: 0,
      polls: 0,
      throttles: 0,
      nextAttemptAt: nowMs,
      firstAcceptedAt: null,
      lastStatus: null,
      lastError: null,
      updatedAt: nowIso,
    });
    deps.runs.updateStep({
      runId,
      seq: d.stepSeq,
      status: 'queued',
      outputs: null,
      error: null,
      attempts: 0,
      startedAt: null,
      finishedAt: null,
    });
  }
  deps.runner.refreshStatus(runId, undefined, nowIso);
  return { runId, replayed: failed.length };
}
