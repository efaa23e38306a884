import { z } from 'zod';
import { localizedText } from '../../domain/catalog/catalog-schema';
import { blockReason } from './status';
import { validationProblem } from './workflows';
import { displayName, id, isoTime, noInput } from './common';
import { method } from './define-method';

/**
 * Moving workflows in and out: .flow files and ZIPs of them, copies between organizations, organization
 * backups and local database backups. Files travel as their contents: a .flow file as text, anything else
 * (a ZIP) as base64.
 */
const fileName = z.string().trim().min(1, { message: 'must not be empty' }).max(255, { message: 'must be at most 255 characters' });
const incomingFile = z
  .object({
    name: fileName,
    text: z
      .string()
      .max(6 * 1024 * 1024, { message: 'is too large (a .flow file may be at most 5 MB)' })
      .optional(),
    contentBase64: z
      .string()
      .max(28 * 1024 * 1024, { message: 'is too large (a ZIP may be at most 20 MB)' })
      .optional(),
  })
  .strict()
  .refine((f) => (f.text === undefined) !== (f.contentBase64 === undefined), {
    message: 'give either text or contentBase64, not both or neither',
  });
const files = z.array(incomingFile).min(1, { message: 'choose at least one file' }).max(500, { message: 'at most 500 files at once' });
/** Room for a 20 MB ZIP as base64 plus a few .flow files. */
const fileUploadBodyBytes = 64 * 1024 * 1024;
const fileNames = z.array(z.string()).max(10_000).default([]);

const location = z.object({
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  path: z.string().optional(),
  stepId: z.string().optional(),
  conditionNode: z.string().optional(),
});
export const reportIssue = z.object({
  code: z.string(),
  /** error: cannot be imported; confirm: only when the admin confirms; note: imported, worth knowing. */
  severity: z.enum(['error', 'confirm', 'note']),
  message: z.string(),
  at: location,
});
export const appNeed = z.object({ appId: z.string(), name: localizedText.nullable(), list: z.enum(['installed', 'not_installed']) });
export const fileReport = z.object({
  /** `orders.flow`, or `batch.zip/orders.flow` for an entry of a ZIP: confirmations name files this way. */
  name: z.string(),
  file: z.string(),
  entry: z.string().nullable(),
  status: z.enum(['ready', 'needs_confirmation', 'rejected']),
  /** The SHA-256 prefix: verified, missing (accepted), mismatch (needs confirmation). */
  hash: z.enum(['verified', 'missing', 'mismatch']).nullable(),
  workflow: z
    .object({
      name: z.string(),
      importAs: z.string(),
      trigger: z.object({ app: z.string(), handle: z.string(), name: localizedText.nullable() }).nullable(),
      steps: z.number().int(),
    })
    .nullable(),
  apps: z.array(appNeed),
  issues: z.array(reportIssue),
  problems: z.array(validationProblem),
});
const skippedEntry = z.object({ file: z.string(), entry: z.string() });

const copyInput = z.object({ workflowId: id, targetOrganizationId: id, name: displayName.optional() }).strict();
export const copyReport = z.object({
  apps: z.array(appNeed),
  missingApps: z.array(z.string()),
  stores: z.array(z.object({ storeId: id, name: z.string(), wouldRun: z.boolean(), reasons: z.array(blockReason) })),
  problems: z.array(validationProblem),
});

const databaseBackup = z.object({
  file: z.string(),
  kind: z.enum(['automatic', 'manual', 'before-restore']),
  createdAt: isoTime,
  bytes: z.number().int(),
});
const schedule = z.object({
  everyHours: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be 0 (off) or more' })
    .max(720, { message: 'must be at most 720 (30 days)' }),
  keep: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must keep at least 1' })
    .max(365, { message: 'must be at most 365' }),
});
const passphrase = z.string().max(1024, { message: 'must be at most 1024 characters' });

export const transferContract = {
  'transfer.previewImport': method({
    maxBodyBytes: fileUploadBodyBytes,
    summary:
      'Reads .flow files and ZIPs of them and reports, per file, the workflow it would create, the apps it needs (Installed or Not installed) and every problem with its place. Nothing is written.',
    input: z.object({ organizationId: id, files }).strict(),
    output: z.object({ files: z.array(fileReport), skipped: z.array(skippedEntry) }),
  }),
  'transfer.import': method({
    maxBodyBytes: fileUploadBodyBytes,
    summary:
      'Imports .flow files (switched off, version 1 noted "Imported from <file>") in one transaction. A file whose hash does not match, or that uses tasks this app does not know, needs the admin to confirm it by name; with any bad file nothing is imported, unless importGoodOnly.',
    input: z
      .object({
        organizationId: id,
        files,
        confirmHashMismatch: fileNames,
        confirmUnknownTasks: fileNames,
        importGoodOnly: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      imported: z.array(z.object({ file: z.string(), workflowId: id, name: z.string() })),
      notImported: z.array(z.object({ file: z.string(), reason: z.string() })),
      files: z.array(fileReport),
      skipped: z.array(skippedEntry),
    }),
  }),
  'transfer.exportWorkflow': method({
    summary: "A workflow's current version as a .flow file (with the SHA-256 prefix).",
    input: z.object({ workflowId: id }).strict(),
    output: z.object({ fileName: z.string(), text: z.string() }),
  }),
  'transfer.exportWorkflows': method({
    summary: 'Several workflows as a ZIP of .flow files (base64).',
    input: z.object({ workflowIds: z.array(id).min(1, { message: 'choose at least one workflow' }).max(5000) }).strict(),
    output: z.object({ fileName: z.string(), zipBase64: z.string(), files: z.array(z.string()) }),
  }),
  'transfer.previewCopyWorkflow': method({
    summary:
      'What copying a workflow to another organization would mean there: its apps on the Not installed list, and the stores where it would not run and why. Nothing is written.',
    input: copyInput,
    output: copyReport.extend({ name: z.string() }),
  }),
  'transfer.copyWorkflow': method({
    summary:
      'Copies a workflow to another organization (switched off, version 1), and reports its missing apps and the stores where it would not run.',
    input: copyInput,
    output: copyReport.extend({ name: z.string(), workflowId: id }),
  }),
};

/** Organization backups (one file) and local copies of the whole database. */
export const backupContract = {
  'backup.exportOrganization': method({
    summary:
      'The whole organization as one file: stores, installations and setup, connections, workflows with every version, activations, audit log. Secrets only with includeSecrets, and then the file is encrypted with the passphrase (also possible without secrets).',
    input: z.object({ organizationId: id, includeSecrets: z.boolean().default(false), passphrase: passphrase.optional() }).strict(),
    output: z.object({
      fileName: z.string(),
      content: z.string(),
      encrypted: z.boolean(),
      counts: z.record(z.string(), z.number().int()),
      secrets: z.number().int(),
    }),
  }),
  'backup.restoreOrganization': method({
    maxBodyBytes: fileUploadBodyBytes,
    summary: 'Restores an organization backup as a new organization with new ids, in one transaction. A wrong passphrase restores nothing.',
    input: z
      .object({
        content: z.string().min(1, { message: 'must not be empty' }),
        passphrase: passphrase.optional(),
        newName: displayName.optional(),
      })
      .strict(),
    output: z.object({
      organization: z.object({ id, name: z.string() }),
      counts: z.record(z.string(), z.number().int()),
      /** Connections and app endpoints not restored because the backup has no secrets: set them again. */
      withoutSecret: z.array(z.object({ table: z.string(), storeName: z.string(), appId: z.string() })),
    }),
  }),
  'backup.listDatabaseBackups': method({
    summary: 'The local database backups (newest first), where they are, and the schedule of automatic ones.',
    input: noInput,
    output: z.object({ folder: z.string(), schedule, backups: z.array(databaseBackup) }),
  }),
  'backup.createDatabaseBackup': method({
    summary: 'Backs up the whole database now, while it stays in use.',
    input: noInput,
    output: databaseBackup,
  }),
  'backup.setSchedule': method({
    summary: 'How often automatic database backups are made (every N hours; 0 = off) and how many are kept.',
    input: schedule.strict(),
    output: schedule,
  }),
  'backup.restoreDatabaseBackup': method({
    summary:
      'Replaces the whole database with a backup. The current database is backed up first; a damaged backup, or one from a newer Flow Admin, is refused.',
    input: z.object({ file: z.string().min(1).max(255) }).strict(),
    output: z.object({ restored: databaseBackup, safetyBackup: databaseBackup }),
  }),
};
