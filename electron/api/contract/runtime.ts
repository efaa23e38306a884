import { z } from 'zod';
import { taskRef, workflowDefinition } from '../../domain/workflow/workflow-definition';
import { id, isoTime, noInput } from './common';
import { method } from './define-method';
import { validationProblem } from './workflows';

const payload = z.record(z.string(), z.unknown());
const appId = z.string().min(1, { message: 'must not be empty' });

const runStatus = z.enum(['running', 'waiting', 'succeeded_with_actions', 'succeeded_without_actions', 'has_errors']);
const stepStatus = z.enum(['pending', 'queued', 'accepted', 'succeeded', 'recorded', 'failed', 'skipped']);

export const runtimeSettings = z.object({
  /** Runs older than this many days are deleted (Flow itself keeps 7). */
  retentionDays: z.number().int(),
  /** Requests to an app before a delivery fails for good. */
  maxAttempts: z.number().int(),
  /** Hours a delivery may wait on an app that asks it to wait (429/503 with Retry-After) or to finish (202). */
  deliveryWaitHours: z.number().int(),
  /** The trigger endpoint's port on 127.0.0.1; 0 = any free port, chosen at each start. */
  triggerPort: z.number().int(),
});

const planItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('condition'),
    stepId: z.string(),
    result: z.boolean().nullable(),
    error: z.string().nullable(),
    iteration: z.number().int().nullable(),
  }),
  z.object({
    kind: z.literal('action'),
    stepId: z.string(),
    task: taskRef,
    /** app: delivered to the app's endpoint; recorded: Shopify's own (or Flow-connection) actions, recorded as the intended change. */
    delivery: z.enum(['app', 'recorded']),
    inputs: z.record(z.string(), z.string()),
    properties: payload,
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
    iteration: z.number().int().nullable(),
  }),
  z.object({ kind: z.literal('foreach'), stepId: z.string(), count: z.number().int(), iteration: z.number().int().nullable() }),
  z.object({ kind: z.literal('wait'), stepId: z.string(), seconds: z.number().int(), iteration: z.number().int().nullable() }),
  z.object({ kind: z.literal('skipped'), stepId: z.string(), reason: z.string(), iteration: z.number().int().nullable() }),
]);

export const dryRunResult = z.object({
  /** What validation finds in the definition, in the organization as it is now. */
  problems: z.array(validationProblem),
  /** Parts that cannot be evaluated (a condition or template that does not compile). */
  evaluationProblems: z.array(z.object({ stepId: z.string(), field: z.string().nullable(), message: z.string() })),
  plan: z.array(planItem),
  branches: z.array(z.object({ stepId: z.string(), iteration: z.number().int().nullable(), taken: z.enum(['then', 'else']).nullable() })),
  actions: z.array(planItem),
});

export const recordedEvent = z.object({ eventId: id, runIds: z.array(id) });

export const runSummary = z.object({
  id,
  workflowId: id,
  workflowName: z.string(),
  workflowVersion: z.number().int(),
  storeId: id,
  storeName: z.string(),
  eventId: id,
  trigger: z.object({ app: z.string(), handle: z.string() }),
  status: runStatus,
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  /** While a wait step pauses the run: when it carries on. */
  resumeAt: isoTime.nullable(),
  replayOf: id.nullable(),
});

export const runStep = z.object({
  seq: z.number().int(),
  stepId: z.string(),
  kind: z.enum(['condition', 'action', 'foreach', 'wait', 'skipped']),
  iteration: z.number().int().nullable(),
  app: z.string().nullable(),
  handle: z.string().nullable(),
  status: stepStatus,
  inputs: z.unknown(),
  outputs: z.unknown(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
});

export const delivery = z.object({
  actionRunId: id,
  stepSeq: z.number().int(),
  app: z.string(),
  state: z.enum(['pending', 'accepted', 'delivered', 'failed']),
  attempts: z.number().int(),
  polls: z.number().int(),
  nextAttemptAt: isoTime.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
});

export const runDetail = runSummary.extend({
  event: z.object({ id, source: z.enum(['app', 'test', 'schedule']), payload, receivedAt: isoTime }),
  steps: z.array(runStep),
  deliveries: z.array(delivery),
});

const appEndpoint = z.object({ storeId: id, appId: z.string(), url: z.string(), updatedAt: isoTime });

export const runtimeContract = {
  'runtime.status': method({
    summary: 'Whether the local runtime is started, where apps send triggers, its settings and the outbox.',
    input: noInput,
    output: z.object({
      started: z.boolean(),
      triggerEndpointUrl: z.string().nullable(),
      settings: runtimeSettings,
      outbox: z.object({ pending: z.number().int(), accepted: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
      /** Where the runtime runs; a worker thread that stopped unexpectedly is started again and counted here. */
      thread: z.object({ mode: z.enum(['inline', 'worker']), restarts: z.number().int(), lastError: z.string().nullable() }),
    }),
  }),
  'runtime.settings.get': method({ summary: "The runtime's settings.", input: noInput, output: runtimeSettings }),
  'runtime.settings.set': method({
    summary:
      'Changes retention (days), the attempts per delivery, how long a delivery may wait on the app (hours), or the trigger port (used from the next start).',
    input: z
      .object({
        retentionDays: z
          .number()
          .int({ message: 'must be a whole number' })
          .min(1, { message: 'must be at least 1 day' })
          .max(3650, { message: 'must be at most 3650 days' })
          .optional(),
        maxAttempts: z
          .number()
          .int({ message: 'must be a whole number' })
          .min(1, { message: 'must be at least 1' })
          .max(100, { message: 'must be at most 100' })
          .optional(),
        deliveryWaitHours: z
          .number()
          .int({ message: 'must be a whole number' })
          .min(1, { message: 'must be at least 1 hour' })
          .max(720, { message: 'must be at most 720 hours' })
          .optional(),
        triggerPort: z
          .number()
          .int({ message: 'must be a whole number' })
          .min(0, { message: 'must be a port (0-65535)' })
          .max(65535, { message: 'must be a port (0-65535)' })
          .optional(),
      })
      .strict(),
    output: runtimeSettings,
  }),
  'runtime.samplePayload': method({
    summary:
      "A realistic example event for a trigger, to edit before sending a test event: a Shopify trigger's data objects filled from the Admin API schema (gid ids, #1001 names, emails, money amounts, enums' first values, lists of 2), a connector trigger's fields.",
    input: z.object({ app: appId, handle: z.string().min(1, { message: 'must not be empty' }) }).strict(),
    output: z.object({ payload }),
  }),
  'runtime.sendTestEvent': method({
    summary: 'Sends a test trigger event to a store: it runs the workflows running there on that trigger, like an event from the app.',
    input: z.object({ storeId: id, trigger: taskRef, payload }).strict(),
    output: recordedEvent,
  }),
  'runtime.dryRun': method({
    summary:
      'Evaluates a workflow (saved or a draft) against a sample event: the branches taken and the actions it would send, with what. Sends nothing, records nothing.',
    input: z.object({ organizationId: id, definition: workflowDefinition, payload }).strict(),
    output: dryRunResult,
  }),
  'runtime.setAppEndpoint': method({
    summary:
      "Sets where an installed app receives its actions. The first time (unless the app's own secret is given) and with rotateSecret, a signing secret is made and returned this once; the app signs its triggers with it and checks Flow Admin's deliveries with it.",
    input: z
      .object({
        storeId: id,
        appId,
        url: z.string().refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), { message: 'must be an http(s) URL' }),
        /** A secret the app already has; at least 16 characters. */
        secret: z.string().min(16, { message: 'must be at least 16 characters' }).max(512).optional(),
        rotateSecret: z.boolean().optional(),
      })
      .strict(),
    output: appEndpoint.extend({ secret: z.string().nullable() }),
  }),
  'runtime.appEndpoints': method({
    summary: "The endpoints set for a store's installed apps (never their secrets).",
    input: z.object({ storeId: id }).strict(),
    output: z.array(appEndpoint),
  }),
  'runs.search': method({
    summary: "Runs, newest first, by workflow, store, status, time, and a value of the trigger's data (an order ID, a customer email).",
    input: z
      .object({
        organizationId: id.optional(),
        workflowId: id.optional(),
        storeId: id.optional(),
        statuses: z.array(runStatus).optional(),
        since: isoTime.optional(),
        until: isoTime.optional(),
        dataValue: z
          .string()
          .trim()
          .min(1, { message: 'must not be empty' })
          .max(200, { message: 'must be at most 200 characters' })
          .optional(),
        /** The last run of the previous page. */
        after: z.object({ startedAt: isoTime, id }).strict().optional(),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.object({ runs: z.array(runSummary), next: z.object({ startedAt: isoTime, id }).nullable() }),
  }),
  'runs.get': method({
    summary: 'One run: its trigger event, each step with inputs, outputs, attempts, timings and errors, and its deliveries.',
    input: z.object({ runId: id }).strict(),
    output: runDetail,
  }),
  'runs.replay': method({
    summary:
      'Replays a finished run: from the start (a new run with the same version and event), or only its failed deliveries (same action_run_ids).',
    input: z.object({ runId: id, mode: z.enum(['from_start', 'failed_deliveries']) }).strict(),
    output: z.object({ runId: id, replayed: z.number().int() }),
  }),
};
