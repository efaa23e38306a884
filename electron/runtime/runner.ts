import type { Catalog } from '../domain/catalog/catalog';
import type { OutboxStore } from '../store/outbox-store';
import { SHOPIFY_APP_ID } from '../domain/catalog/catalog';
import type { EventSource, RunStepRow, RunStore } from '../store/run-store';
import type { CompiledWorkflow } from './compile-workflow';
import { eventValues } from './event-values';
import { materializePlan } from './materialize-plan';
import type { Routing, RoutedWorkflow, StoreInfo } from './routing';
import { deriveRunStatus, isFinal, type StepCount } from './run-status';

export interface IncomingEvent {
  storeId: string;
  appId: string;
  handle: string;
  source: EventSource;
  /** Already checked against the trigger's fields. */
  payload: Record<string, unknown>;
  /** Only this workflow, when the event is its own (a scheduled time it alone is set to); else all running on the trigger. */
  workflowId?: string;
  /** The event id the app sent with it (kept on the event for the replay window). */
  appEventId?: string;
}

export interface RecordedEvent {
  eventId: string;
  runIds: string[];
}

export interface RunnerDeps {
  catalog: Catalog;
  runs: RunStore;
  outbox: OutboxStore;
  routing: Routing;
  nowMs: () => number;
  newId: () => string;
  /** Told after deliveries were queued (the delivery worker looks at the outbox sooner). */
  onQueued: () => void;
}

/**
 * Records trigger events and the runs they start. Everything here runs inside a transaction (the caller's
 * group commit): the event, its runs, their steps and their deliveries are written together or not at all.
 */
export class Runner {
  constructor(private readonly deps: RunnerDeps) {}

  /** One event: runs exactly the workflows running in the store on that trigger, each with its current version. */
  record(event: IncomingEvent): RecordedEvent {
    return this.recordWithRowid(event).recorded;
  }

  /** {@link record}, also giving the event's rowid (the replay window remembers an app's event id by it). */
  recordWithRowid(event: IncomingEvent): { recorded: RecordedEvent; rowid: number } {
    const { runs, routing, newId } = this.deps;
    const snapshot = routing.current();
    const store = snapshot.stores.get(event.storeId);
    if (!store) throw new Error(`store ${event.storeId} does not exist`);
    const nowMs = this.deps.nowMs();
    const nowIso = new Date(nowMs).toISOString();
    const eventId = newId();
    const rowid = runs.insertEvent({
      id: eventId,
      storeId: event.storeId,
      appId: event.appId,
      triggerHandle: event.handle,
      source: event.source,
      payload: JSON.stringify(event.payload),
      receivedAt: nowIso,
      appEventId: event.appEventId ?? null,
    });
    const running = snapshot.running(event.storeId, event.appId, event.handle);
    const workflows = event.workflowId === undefined ? running : running.filter((w) => w.workflowId === event.workflowId);
    const runIds: string[] = [];
    for (const workflow of workflows) {
      runIds.push(this.startRun(workflow, workflow.compiled, store, eventId, event.payload, nowMs, null));
    }
    if (runIds.length > 0) runs.insertEventValues(rowid, eventValues(event.payload, this.deps.catalog.trigger(event.appId, event.handle)));
    return { recorded: { eventId, runIds }, rowid };
  }

  /** A new run of a workflow version for an event already recorded (also replays from the start). */
  startRun(
    workflow: Pick<RoutedWorkflow, 'workflowId' | 'version'>,
    compiled: CompiledWorkflow,
    store: StoreInfo,
    eventId: string,
    payload: Record<string, unknown>,
    nowMs: number,
    replayOf: string | null,
  ): string {
    const { runs, outbox, newId } = this.deps;
    const runId = newId();
    const nowIso = new Date(nowMs).toISOString();
    const plan = compiled.evaluate(payload, store.timeZone);
    const made = materializePlan({ runId, storeId: store.id, storeDomain: store.domain, plan, from: 0, nowMs, nowIso, newId });
    const status = deriveRunStatus(countSteps(made.steps), made.resumeAt !== null);
    runs.insertRun({
      id: runId,
      workflowId: workflow.workflowId,
      workflowVersion: workflow.version,
      storeId: store.id,
      eventId,
      status,
      startedAt: nowIso,
      finishedAt: isFinal(status) ? nowIso : null,
      resumeAt: made.resumeAt,
      replayOf,
    });
    runs.insertSteps(made.steps);
    for (const delivery of made.deliveries) outbox.insert(delivery);
    if (made.deliveries.length > 0) this.deps.onQueued();
    return runId;
  }

  /**
   * Carries a run on after its wait step: the plan is evaluated again from the same version and event (it
   * is pure, so it is the same plan) and the items after the wait are carried out.
   */
  resume(runId: string, compiled: CompiledWorkflow | null, stillRunning: boolean): void {
    const { runs } = this.deps;
    const run = runs.run(runId);
    if (!run || run.resumeAt === null) return;
    const nowMs = this.deps.nowMs();
    const nowIso = new Date(nowMs).toISOString();
    const waitStep = runs.steps(runId).find((s) => s.kind === 'wait' && s.status === 'pending');
    if (!waitStep) return;
    const event = runs.event(run.eventId);
    const snapshot = this.deps.routing.current();
    const store = snapshot.stores.get(run.storeId);
    if (!compiled || !stillRunning || !event || !store) {
      const reason = !stillRunning
        ? 'The workflow stopped running in this store during the wait'
        : 'The workflow version is no longer available';
      runs.updateStep({
        runId,
        seq: waitStep.seq,
        status: 'failed',
        outputs: null,
        error: reason,
        attempts: 0,
        startedAt: null,
        finishedAt: nowIso,
      });
      this.refreshStatus(runId, null, nowIso);
      return;
    }
    runs.updateStep({
      runId,
      seq: waitStep.seq,
      status: 'succeeded',
      outputs: null,
      error: null,
      attempts: 0,
      startedAt: null,
      finishedAt: nowIso,
    });
    this.carryOn(runId, compiled, store, JSON.parse(event.payload) as Record<string, unknown>, waitStep.seq + 1, nowMs);
  }

  /**
   * Carries a run on after a step Flow Admin carried out itself (Send HTTP request, Run code) succeeded: the
   * plan is evaluated again with that step's answer in the run's data, and the items after it are carried out.
   */
  continueAfterEffect(runId: string, seq: number): void {
    const { runs } = this.deps;
    const run = runs.run(runId);
    if (!run) return;
    const nowMs = this.deps.nowMs();
    const compiled = this.deps.routing.compiledVersion(run.workflowId, run.workflowName, run.workflowVersion);
    const event = runs.event(run.eventId);
    const store = this.deps.routing.current().stores.get(run.storeId);
    if (!compiled || !event || !store) {
      this.refreshStatus(runId, undefined, new Date(nowMs).toISOString());
      return;
    }
    this.carryOn(runId, compiled, store, JSON.parse(event.payload) as Record<string, unknown>, seq + 1, nowMs);
  }

  private carryOn(
    runId: string,
    compiled: CompiledWorkflow,
    store: StoreInfo,
    payload: Record<string, unknown>,
    from: number,
    nowMs: number,
  ): void {
    const { runs, outbox, newId } = this.deps;
    const nowIso = new Date(nowMs).toISOString();
    const plan = compiled.evaluate(payload, store.timeZone, effectResults(runs.steps(runId)));
    const made = materializePlan({ runId, storeId: store.id, storeDomain: store.domain, plan, from, nowMs, nowIso, newId });
    runs.insertSteps(made.steps);
    for (const delivery of made.deliveries) outbox.insert(delivery);
    if (made.deliveries.length > 0) this.deps.onQueued();
    this.refreshStatus(runId, made.resumeAt, nowIso);
  }

  /** Recomputes a run's status from its steps after one of them changed; `resumeAt` undefined keeps the run's. */
  refreshStatus(runId: string, resumeAt: number | null | undefined, nowIso: string): void {
    const { runs } = this.deps;
    const pausedUntil = resumeAt === undefined ? runs.resumeAt(runId) : resumeAt;
    const status = deriveRunStatus(runs.stepCounts(runId), pausedUntil !== null);
    runs.setStatus(runId, status, isFinal(status) ? nowIso : null, pausedUntil);
  }
}

/** What the effects a run carried out gave later steps, by plan index: their step's `value`. */
export function effectResults(steps: readonly RunStepRow[]): Map<number, unknown> {
  const results = new Map<number, unknown>();
  for (const step of steps) {
    if (step.kind !== 'action' || step.status !== 'succeeded' || step.appId !== SHOPIFY_APP_ID || step.outputs === null) continue;
    const outputs = JSON.parse(step.outputs) as Record<string, unknown>;
    if (Object.hasOwn(outputs, 'value')) results.set(step.seq, outputs.value);
  }
  return results;
}

function countSteps(steps: readonly { kind: StepCount['kind']; status: StepCount['status'] }[]): StepCount[] {
  return steps.map((s) => ({ kind: s.kind, status: s.status, n: 1 }));
}
