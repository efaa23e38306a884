import type { runtimeContract } from '../contract/runtime';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError, notFound } from '../../domain/domain-error';
import { validateWorkflow } from '../../domain/workflow/validate-workflow';
import { evaluateWorkflow } from '../../runtime/evaluate-workflow';
import type { Refusal } from '../../runtime/intake';
import { replayRun } from '../../runtime/replay';
import { loadAdminSchema } from '../../domain/schema/load-admin-schema';
import { exampleEvent } from '../../runtime/example-event';
import { runDetail, runSummary } from './run-views';
import { mutation, recordAudit } from '../mutation';

type RuntimeHandlers = Handlers<typeof runtimeContract>;

/** An intake refusal as the API says it (the HTTP endpoint answers with the status instead). */
function refusalError(refusal: Refusal): DomainError {
  const code = refusal.status === 404 ? 'not_found' : refusal.status === 403 ? 'refused' : 'invalid_input';
  return new DomainError(code, refusal.message, refusal.details);
}

function requireStore(ctx: HandlerContext, storeId: string) {
  const store = ctx.runtime.routing.current().stores.get(storeId);
  if (!store) throw notFound('Store', storeId);
  return store;
}

export const runtimeHandlers: RuntimeHandlers = {
  'runtime.status': (_input, ctx) => ({
    started: ctx.runtime.isStarted,
    triggerEndpointUrl: ctx.runtime.triggerEndpointUrl,
    settings: ctx.runtime.settings(),
    outbox: ctx.runtime.outbox.counts(),
    thread: ctx.runtime.threadState(),
  }),

  'runtime.settings.get': (_input, ctx) => ctx.runtime.settings(),

  'runtime.settings.set': mutation('runtime.settings_updated', (input, ctx) => {
    const before = ctx.runtime.settings();
    const after = ctx.runtime.updateSettings(input);
    return { value: after, audit: { summary: `Changed runtime settings: ${Object.keys(input).join(', ')}`, before, after } };
  }),

  'runtime.samplePayload': ({ app, handle }, ctx) => {
    const trigger = ctx.catalog.trigger(app, handle);
    if (!trigger) throw new DomainError('not_found', `There is no trigger ${app}:${handle} in the catalog`, { path: ['handle'] });
    return { payload: exampleEvent(trigger, loadAdminSchema(), ctx.now()) };
  },

  'runtime.sendTestEvent': async ({ storeId, trigger, payload }, ctx) => {
    const result = await ctx.runtime.intake.test(storeId, trigger.app, trigger.handle, payload, (recorded) =>
      recordAudit(ctx, 'runtime.test_event_sent', {
        storeId,
        summary: `Sent a test event ${trigger.app}:${trigger.handle}: ${recorded.runIds.length} run(s) started`,
        after: { eventId: recorded.eventId, runIds: recorded.runIds },
      }),
    );
    if (!result.ok) throw refusalError(result.refusal);
    return result.value;
  },

  'runtime.dryRun': ({ organizationId, definition, payload }, ctx) => {
    if (!ctx.organizations.get(organizationId)) throw notFound('Organization', organizationId);
    const problems = validateWorkflow(definition, {
      catalog: ctx.catalog,
      installedApps: new Set(ctx.workflows.installedAppIds(organizationId)),
      previousTriggerKey: null,
    });
    const evaluation = evaluateWorkflow(definition, payload, ctx.catalog);
    return {
      problems,
      evaluationProblems: evaluation.problems,
      plan: evaluation.plan,
      branches: evaluation.branches,
      actions: evaluation.actions,
    };
  },

  'runtime.setAppEndpoint': mutation('runtime.app_endpoint_set', ({ storeId, appId, url, secret, rotateSecret }, ctx) => {
    const store = requireStore(ctx, storeId);
    const app = ctx.catalog.app(appId);
    if (!app) throw new DomainError('not_found', `There is no app "${appId}" in the catalog`, { path: ['appId'] });
    if (!ctx.runtime.endpointStore.isInstalled(storeId, appId)) {
      throw new DomainError('refused', `${app.name.en} is not installed in ${store.name}: install it there first`, { path: ['appId'] });
    }
    const at = ctx.now().toISOString();
    const made = ctx.runtime.endpoints.set({
      storeId,
      appId,
      url,
      at,
      ...(secret !== undefined ? { secret } : {}),
      ...(rotateSecret ? { rotate: true } : {}),
    });
    const secretChanged = made.secret !== null || secret !== undefined;
    return {
      value: { storeId, appId, url, updatedAt: at, secret: made.secret },
      audit: {
        organizationId: store.organizationId,
        storeId,
        // Never the secret itself: only that it changed.
        summary: `Set ${app.name.en}'s endpoint in ${store.name} to ${url}${secretChanged ? ' with a new signing secret' : ''}`,
        after: { appId, url, secretChanged },
      },
    };
  }),

  'runtime.appEndpoints': ({ storeId }, ctx) => {
    requireStore(ctx, storeId);
    return ctx.runtime.endpointStore.listForStore(storeId);
  },

  'runs.search': (input, ctx) => {
    const rows = ctx.runtime.runs.search({
      ...(input.organizationId ? { organizationId: input.organizationId } : {}),
      ...(input.workflowId ? { workflowId: input.workflowId } : {}),
      ...(input.storeId ? { storeId: input.storeId } : {}),
      ...(input.statuses ? { statuses: input.statuses } : {}),
      ...(input.since ? { since: new Date(input.since).toISOString() } : {}),
      ...(input.until ? { until: new Date(input.until).toISOString() } : {}),
      ...(input.dataValue ? { dataValue: input.dataValue } : {}),
      ...(input.after ? { before: input.after } : {}),
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return { runs: page.map(runSummary), next: rows.length > input.limit && last ? { startedAt: last.startedAt, id: last.id } : null };
  },

  'runs.get': ({ runId }, ctx) => {
    const run = ctx.runtime.runs.run(runId);
    if (!run) throw notFound('Run', runId);
    return runDetail(run, ctx.runtime.runs.event(run.eventId)!, ctx.runtime.runs.steps(runId), ctx.runtime.outbox.byRun(runId));
  },

  'runs.replay': (input, ctx) => {
    const result = replay(input, ctx);
    ctx.runtime.kickDeliveries();
    return result;
  },
};

/** Replays a run (all of it, or its failed deliveries) and records that, in one transaction. */
const replay = mutation('run.replayed', ({ runId, mode }: Parameters<RuntimeHandlers['runs.replay']>[0], ctx) => {
  const replayed = replayRun(ctx.runtime, runId, mode, ctx.now().getTime());
  const run = ctx.runtime.runs.run(runId)!;
  return {
    value: replayed,
    audit: {
      storeId: run.storeId,
      workflowId: run.workflowId,
      summary:
        mode === 'from_start'
          ? `Replayed a run of "${run.workflowName}" from the start`
          : `Replayed ${replayed.replayed} failed deliveries of a run of "${run.workflowName}"`,
      after: { replayedRunId: runId, mode, workflowName: run.workflowName, ...replayed },
    },
  };
});
