import { z } from 'zod';
import { localizedText } from '../../domain/catalog/catalog-schema';
import { problemCodes } from '../../domain/workflow/validation-problem';
import { workflowDefinition } from '../../domain/workflow/workflow-definition';
import { displayName, id, isoTime } from './common';
import { method } from './define-method';

const description = z.string().trim().max(2000, { message: 'must be at most 2000 characters' });
const note = z.string().trim().max(500, { message: 'must be at most 500 characters' });
const version = z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be a version number (1 or more)' });
/** The version the edit was based on: a save or revert is refused when someone saved another meanwhile. */
const expectedVersion = version;

export const validationProblem = z
  .object({
    code: z.enum(problemCodes),
    severity: z.enum(['error', 'warning']),
    stepId: z.string().nullable(),
    field: z.string().nullable(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .meta({ id: 'ValidationProblem' });

/** The trigger a workflow starts on, named from the catalog (null name: not in the catalog). */
export const triggerSummary = z.object({ app: z.string(), handle: z.string(), name: localizedText.nullable() });

export const workflowSummary = z.object({
  id,
  organizationId: id,
  name: z.string(),
  description: z.string(),
  /** The latest saved version: a draft when it is newer than what runs. */
  currentVersion: z.number().int(),
  /** The version every store runs unless it has its own (storeVersions); null while never published. */
  publishedVersion: z.number().int().nullable(),
  trigger: triggerSummary.nullable(),
  /** Connector apps the workflow uses (Shopify's own tasks excluded): it runs only where all are installed (R6). */
  apps: z.array(z.string()),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const workflowDetail = workflowSummary.extend({
  definition: workflowDefinition,
  savedBy: z.string(),
  note: z.string(),
  /** What is wrong with the current version, in the organization as it is now. */
  problems: z.array(validationProblem),
  /** Stores running a version other than the published one (a staged publish, a rollback). */
  storeVersions: z.array(z.object({ storeId: id, version: z.number().int() })),
});

const savedWorkflow = z.object({
  workflow: workflowDetail,
  /** The saved version's problems (also in workflow.problems): a save keeps the version even with errors. */
  problems: z.array(validationProblem),
  /** Whether the save was also published: only when the workflow runs nowhere and the version has no errors. */
  published: z.boolean(),
});

export const workflowVersionInfo = z.object({
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  savedAt: isoTime,
  savedBy: z.string(),
  note: z.string(),
  /** `app:handle` of the trigger that version starts on, or null. */
  triggerKey: z.string().nullable(),
  current: z.boolean(),
  /** The workflow's published version (what every store without its own version runs). */
  published: z.boolean(),
  /** Stores running this version now. */
  runningStoreIds: z.array(id),
  /** Errors this version has now: a version with errors cannot be published. */
  errors: z.number().int(),
});

export const workflowVersion = workflowVersionInfo.omit({ triggerKey: true, published: true, runningStoreIds: true, errors: true }).extend({
  workflowId: id,
  definition: workflowDefinition,
  problems: z.array(validationProblem),
});

export const workflowDeletionImpact = z.object({
  workflow: workflowSummary,
  versions: z.number().int(),
  /** Stores where the workflow was switched on or off; their activations go with it. */
  activations: z.number().int(),
});

export const workflowsContract = {
  'workflows.list': method({
    summary: "The organization's workflows by name, with their trigger and the connector apps they use.",
    input: z.object({ organizationId: id }).strict(),
    output: z.array(workflowSummary),
  }),
  'workflows.get': method({
    summary: "A workflow's current version: its definition and what is wrong with it.",
    input: z.object({ id }).strict(),
    output: workflowDetail,
  }),
  'workflows.create': method({
    summary: 'Creates a workflow (version 1), empty or from a definition. Names are unique in the organization, ignoring case.',
    input: z
      .object({ organizationId: id, name: displayName, description: description.optional(), definition: workflowDefinition.optional() })
      .strict(),
    output: workflowDetail,
  }),
  'workflows.save': method({
    summary:
      'Saves a new version: a draft that changes nothing that runs (publish it with workflows.publish), unless the workflow runs nowhere and the version has no errors, then it is published too. Kept even when the definition has problems (they are returned); refused when someone saved another version since expectedVersion.',
    input: z
      .object({
        id,
        name: displayName.optional(),
        description: description.optional(),
        definition: workflowDefinition,
        note: note.optional(),
        expectedVersion,
      })
      .strict(),
    output: savedWorkflow,
  }),
  'workflows.validate': method({
    summary: 'Checks an unsaved definition against the catalog and the organization; nothing is written.',
    input: z.object({ organizationId: id, definition: workflowDefinition, workflowId: id.optional() }).strict(),
    output: z.object({ valid: z.boolean(), problems: z.array(validationProblem) }),
  }),
  'workflows.versions': method({
    summary: 'Every saved version of a workflow, newest first, without definitions.',
    input: z.object({ id }).strict(),
    output: z.array(workflowVersionInfo),
  }),
  'workflows.version': method({
    summary: 'One saved version with its definition and what would be wrong with it now.',
    input: z.object({ id, version }).strict(),
    output: workflowVersion,
  }),
  'workflows.revert': method({
    summary:
      'Makes an old version the draft again by saving a copy of it as a new version (published only as a save is); no version is lost. To make stores run an earlier version, use workflows.rollback.',
    input: z.object({ id, version, expectedVersion }).strict(),
    output: savedWorkflow,
  }),
  'workflows.duplicate': method({
    summary: "Copies a workflow's current version into a new workflow (version 1) of the same organization.",
    input: z.object({ id, name: displayName }).strict(),
    output: workflowDetail,
  }),
  'workflows.deletionImpact': method({
    summary: 'What deleting the workflow would remove: its versions and its activations in stores.',
    input: z.object({ id }).strict(),
    output: workflowDeletionImpact,
  }),
  'workflows.delete': method({
    summary: 'Deletes a workflow with its versions and activations, in one transaction. The audit log keeps its last definition.',
    input: z.object({ id }).strict(),
    output: workflowDeletionImpact,
  }),
};
