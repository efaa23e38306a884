import { z } from 'zod';
import { id, isoTime } from './common';
import { method } from './define-method';
import { appId } from './apps';
import { validationProblem } from './workflows';
import { reasonFix } from './reason-fix';
import { reasonFixKinds } from '../../domain/status/reason-fix';
import { notAllowedReasons, type ActionFlags } from '../../domain/status/pair-actions';
import type { CellActions, MatrixRow, MatrixStore } from '../../domain/status/status-matrix';
import { readinessCodes } from '../../domain/status/readiness';

export const statusState = z.enum(['running', 'off', 'deactivated', 'blocked', 'invalid']);

export const blockReason = z
  .object({
    code: z.enum(['flow_app_not_installed', 'app_not_installed', 'app_not_set_up', 'connection_missing']),
    appId: z.string().nullable(),
    missingSetup: z.array(z.string()),
    message: z.string(),
    /** What resolves it in the store it is about (status.pair, status.store, status.workflow). */
    fix: reasonFix.nullable().optional(),
  })
  .meta({ id: 'BlockReason' });

export const readinessWarning = z
  .object({
    code: z.enum(readinessCodes),
    appId: z.string(),
    /** deliveries_failing: deliveries that failed since the last one that went through. */
    failed: z.number().int(),
    message: z.string(),
    /** Set the endpoint on the store's app setup, or look at the failed deliveries. */
    fix: reasonFix.nullable().optional(),
  })
  .meta({ id: 'ReadinessWarning' });

const stateCounts = z
  .object({
    running: z.number().int(),
    off: z.number().int(),
    deactivated: z.number().int(),
    blocked: z.number().int(),
    invalid: z.number().int(),
  })
  .meta({ id: 'StateCounts' });

/** Per action (enable, disable, reenable): null when it can be done, else why not (domain/status/pair-actions.ts). */
export const actionFlags = z
  .object({
    enable: z.enum(notAllowedReasons).nullable(),
    disable: z.enum(notAllowedReasons).nullable(),
    reenable: z.enum(notAllowedReasons).nullable(),
  })
  .meta({ id: 'ActionFlags' }) satisfies z.ZodType<ActionFlags>;

/** One workflow (row) of a matrix page: the domain's MatrixRow, which the renderer uses as is. */
const matrixRow = z
  .object({
    workflowId: id,
    name: z.string(),
    appsUsed: z.array(z.string()),
    errorCount: z.number().int(),
    states: z.string(),
    reasonRefs: z.array(z.tuple([z.number().int(), z.number().int()])),
    counts: stateCounts,
    actions: actionFlags,
  })
  .meta({ id: 'MatrixRow' }) satisfies z.ZodType<MatrixRow>;

const matrixStore = z
  .object({ id, name: z.string(), flowInstalled: z.boolean(), actions: actionFlags })
  .meta({ id: 'MatrixStore' }) satisfies z.ZodType<MatrixStore>;

const letterActions = z.record(z.string(), actionFlags);
const cellActions = z.object({ flow: letterActions, noFlow: letterActions }) satisfies z.ZodType<CellActions>;

const pairStatus = z.object({
  state: statusState,
  reasons: z.array(blockReason),
  /** Running, but something stands in the way of its deliveries (readiness): it still runs. */
  warnings: z.array(readinessWarning),
  /** Every fix for the pair, each once: its reasons', its validation errors' (the editor) and its state's (re-enable). */
  fixes: z.array(reasonFix),
  /** When uninstalling the Flow app deactivated it (state deactivated). */
  since: isoTime.nullable(),
});

const offset = z.number().int().min(0, { message: 'must be 0 or more' }).default(0);
const limit = (max: number, fallback: number) =>
  z
    .number()
    .int()
    .min(1, { message: 'must be at least 1' })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);
const states = z.array(statusState).min(1, { message: 'must list at least one state' }).optional();

export const statusContract = {
  'status.pair': method({
    summary: 'The status of one workflow in one store, with every reason it is blocked and its validation errors.',
    input: z.object({ workflowId: id, storeId: id }).strict(),
    output: pairStatus.extend({
      workflowId: id,
      storeId: id,
      workflowName: z.string(),
      storeName: z.string(),
      enabled: z.boolean(),
      problems: z.array(validationProblem),
      /** The published version running in this store (null: never published). */
      runningVersion: z.number().int().nullable(),
      /** What can be done to the pair now, and why not. */
      actions: actionFlags,
      /** What runs in this store: the published version's trigger and how many actions it has (null: never published). */
      running: z
        .object({
          version: z.number().int(),
          trigger: z.object({ app: z.string(), handle: z.string() }).nullable(),
          actions: z.number().int(),
        })
        .nullable(),
      /** The workflow's latest saved version: a draft (not running here) when newer than the running one. */
      currentVersion: z.number().int(),
    }),
  }),
  'status.store': method({
    summary: 'The status of every workflow of the organization in one store, by workflow name.',
    input: z.object({ storeId: id, states, offset, limit: limit(10_000, 10_000) }).strict(),
    output: z.object({
      store: z.object({ id, name: z.string(), flowInstalled: z.boolean(), flowUninstalledAt: isoTime.nullable() }),
      counts: stateCounts,
      total: z.number().int(),
      items: z.array(
        pairStatus.extend({ workflowId: id, name: z.string(), errorCount: z.number().int(), runningVersion: z.number().int().nullable() }),
      ),
    }),
  }),
  'status.workflow': method({
    summary: 'The status of one workflow in every store of its organization, by store name, with its validation problems.',
    input: z.object({ workflowId: id, states, offset, limit: limit(10_000, 10_000) }).strict(),
    output: z.object({
      workflow: z.object({ id, name: z.string(), appsUsed: z.array(z.string()) }),
      problems: z.array(validationProblem),
      counts: stateCounts,
      total: z.number().int(),
      items: z.array(
        pairStatus.extend({ storeId: id, name: z.string(), flowInstalled: z.boolean(), runningVersion: z.number().int().nullable() }),
      ),
    }),
  }),
  'status.matrix': method({
    summary:
      "A page of the workflow × store status matrix in compact form: per workflow a string of state letters (r running, o off, d deactivated, b blocked, i invalid) for the page's stores, references to the distinct reason lists, and counts across all selected stores.",
    input: z
      .object({
        organizationId: id,
        workflows: z
          .object({ ids: z.array(id).optional(), offset, limit: limit(1000, 100) })
          .strict()
          .default({ offset: 0, limit: 100 }),
        stores: z
          .object({ ids: z.array(id).optional(), offset, limit: limit(2000, 200) })
          .strict()
          .default({ offset: 0, limit: 200 }),
        filter: z
          .object({ states, appId: appId.optional(), search: z.string().max(120).optional() })
          .strict()
          .default({}),
      })
      .strict(),
    output: z.object({
      totalWorkflows: z.number().int(),
      totalStores: z.number().int(),
      workflowOffset: z.number().int(),
      storeOffset: z.number().int(),
      stores: z.array(matrixStore),
      rows: z.array(matrixRow),
      /** What can be done to one cell, by its state letter, in a store with (flow) and without (noFlow) the Flow app. */
      cellActions,
      reasonSets: z.array(z.array(blockReason)),
    }),
  }),
  'status.overview': method({
    summary:
      'What needs attention in an organization (deactivated, blocked with reasons, invalid) and how much runs where: counts of stores, apps, workflows and pairs by state.',
    input: z.object({ organizationId: id }).strict(),
    output: z.object({
      counts: z.object({
        stores: z.number().int(),
        storesWithoutFlow: z.number().int(),
        workflows: z.number().int(),
        appsInstalled: z.number().int(),
        appsNotInstalled: z.number().int(),
        pairs: stateCounts,
      }),
      running: z.object({
        workflowsRunningSomewhere: z.number().int(),
        workflowsRunningEverywhere: z.number().int(),
        storesRunningSomething: z.number().int(),
      }),
      attention: z.object({
        deactivated: z.array(
          z.object({
            storeId: id,
            storeName: z.string(),
            flowInstalled: z.boolean(),
            since: isoTime.nullable(),
            workflows: z.number().int(),
            fix: reasonFix.optional(),
          }),
        ),
        blocked: z.array(
          z.object({
            code: blockReason.shape.code,
            appId: z.string().nullable(),
            message: z.string(),
            pairs: z.number().int(),
            workflows: z.number().int(),
            stores: z.number().int(),
            /** Where the group's reason is resolved for many stores at once: the app's page, or the stores. */
            fix: z
              .object({ kind: z.enum(reasonFixKinds), appId: z.string().optional(), where: z.enum(['app', 'stores']) })
              .nullable()
              .optional(),
          }),
        ),
        invalid: z.array(
          z.object({
            workflowId: id,
            name: z.string(),
            errorCount: z.number().int(),
            firstError: z.string(),
            enabledStores: z.number().int(),
          }),
        ),
        invalidTotal: z.number().int(),
        /** Running pairs whose deliveries something stands in the way of, per warning and app, with each store's fix. */
        readiness: z.array(
          z.object({
            code: readinessWarning.shape.code,
            appId: z.string(),
            message: z.string(),
            pairs: z.number().int(),
            workflows: z.number().int(),
            stores: z.array(z.object({ storeId: id, storeName: z.string(), fix: reasonFix })),
          }),
        ),
      }),
    }),
  }),
};
