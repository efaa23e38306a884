import { SHOPIFY_APP_ID } from '../domain/catalog/catalog';
import type { OutboxRow } from '../store/outbox-store';
import type { RunStepRow } from '../store/run-store';
import type { PlanItem } from './compile-workflow';

export interface MaterializeInput {
  runId: string;
  storeId: string;
  storeDomain: string;
  plan: readonly PlanItem[];
  /** The first plan item to carry out (0 for a new run; after the wait for a resumed one). */
  from: number;
  nowMs: number;
  nowIso: string;
  newId: () => string;
}

export interface Materialized {
  steps: RunStepRow[];
  deliveries: OutboxRow[];
  /** Set when a wait step paused the run: when it resumes (epoch ms). */
  resumeAt: number | null;
}

/**
 * Turns a run's plan into what is written: a step row per item reached, and an outbox row per action an
 * app carries out. Stops at a wait step, which stays pending until the run resumes, and at a Send HTTP
 * request or Run code step, queued in the outbox (app `shopify`: Flow itself carries it out).
 */
export function materializePlan(input: MaterializeInput): Materialized {
  const steps: RunStepRow[] = [];
  const deliveries: OutboxRow[] = [];
  const { runId, nowIso } = input;
  // Plain literals, no spreads: this runs for every run of every event.
  const step = (
    seq: number,
    item: PlanItem,
    kind: RunStepRow['kind'],
    status: RunStepRow['status'],
    inputs: string | null,
    outputs: string | null,
    error: string | null,
    finished: boolean,
  ): RunStepRow => ({
    runId,
    seq,
    stepId: item.stepId,
    kind,
    iteration: item.iteration,
    appId: item.kind === 'action' ? item.task.app : null,
    handle: item.kind === 'action' ? item.task.handle : null,
    status,
    inputs,
    outputs,
    error,
    attempts: 0,
    startedAt: nowIso,
    finishedAt: finished ? nowIso : null,
  });
  for (let seq = input.from; seq < input.plan.length; seq++) {
    const item = input.plan[seq]!;
    switch (item.kind) {
      case 'condition':
        steps.push(
          step(
            seq,
            item,
            'condition',
            item.result === null ? 'failed' : 'succeeded',
            null,
            item.result === null ? '{"result":null}' : item.result ? '{"result":true}' : '{"result":false}',
            item.error,
            true,
          ),
        );
        break;
      case 'foreach':
        steps.push(step(seq, item, 'foreach', 'succeeded', null, `{"count":${item.count}}`, null, true));
        break;
      case 'skipped':
        steps.push(step(seq, item, 'skipped', 'skipped', null, null, item.reason, true));
        break;
      case 'wait': {
        const resumeAt = input.nowMs + item.seconds * 1000;
        steps.push(
          step(
            seq,
            item,
            'wait',
            'pending',
            `{"seconds":${item.seconds}}`,
            JSON.stringify({ resumeAt: new Date(resumeAt).toISOString() }),
            null,
            false,
          ),
        );
        return { steps, deliveries, resumeAt };
      }
      case 'action': {
        // The rendered inputs as typed for the app (the text of each is in the errors when it did not convert).
        const properties = JSON.stringify(item.properties);
        const inputs = `{"delivery":"${item.delivery}","properties":${properties}}`;
        if (item.errors.length > 0) {
          const error = item.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
          steps.push(step(seq, item, 'action', 'failed', inputs, null, error, true));
        } else if (item.outcome.kind === 'offline') {
          // Offline, Shopify's own actions (and those Flow does with its connections) cannot reach Shopify: the run
          // records what it would have sent, marked as not sent.
          steps.push(
            step(seq, item, 'action', 'recorded', inputs, JSON.stringify({ notSent: 'offline', ...item.outcome.record }), null, true),
          );
        } else if (item.outcome.kind === 'done') {
          steps.push(step(seq, item, 'action', 'succeeded', inputs, JSON.stringify(item.outcome.record), null, true));
        } else if (item.outcome.kind === 'effect') {
          // Sent or run outside this transaction (the outbox, as an app delivery is); the run goes on from the
          // next item once its answer is written, so nothing after it is carried out yet.
          const actionRunId = input.newId();
          steps.push(step(seq, item, 'action', 'queued', inputs, `{"actionRunId":"${actionRunId}"}`, null, false));
          deliveries.push(outboxRow(input, actionRunId, seq, SHOPIFY_APP_ID, JSON.stringify(item.outcome.effect)));
          return { steps, deliveries, resumeAt: null };
        } else {
          const actionRunId = input.newId();
          steps.push(step(seq, item, 'action', 'queued', inputs, `{"actionRunId":"${actionRunId}"}`, null, false));
          const body = `{"shop_id":${JSON.stringify(input.storeId)},"shopify_domain":${JSON.stringify(input.storeDomain)},"action_run_id":"${actionRunId}","handle":${JSON.stringify(item.task.handle)},"properties":${properties}}`;
          deliveries.push(outboxRow(input, actionRunId, seq, item.task.app, body));
        }
        break;
      }
    }
  }
  return { steps, deliveries, resumeAt: null };
}

function outboxRow(input: MaterializeInput, actionRunId: string, seq: number, appId: string, body: string): OutboxRow {
  return {
    actionRunId,
    runId: input.runId,
    stepSeq: seq,
    storeId: input.storeId,
    appId,
    body,
    state: 'pending',
    attempts: 0,
    polls: 0,
    nextAttemptAt: input.nowMs,
    firstAcceptedAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: input.nowIso,
    updatedAt: input.nowIso,
  };
}
