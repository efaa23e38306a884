import { transferContract } from '../contract/transfer';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError, notFound } from '../../domain/domain-error';
import { uniqueName } from '../../domain/organization/names';
import { exportFlow, flowFileName } from '../../transfer/flow-file/export-flow';
import { expandFiles, type IncomingFile } from '../../transfer/import-files';
import { blockingReason, planImport, type PlannedFile } from '../../transfer/import-plan';
import { copyReport } from '../../transfer/workflow-copy';
import { writeZip } from '../../transfer/zip-writer';
import { mutation } from '../mutation';
import { insertWorkflow } from './workflow-writes';

function requireOrganization(ctx: HandlerContext, organizationId: string) {
  const organization = ctx.organizations.get(organizationId);
  if (!organization) throw notFound('Organization', organizationId);
  return organization;
}

function requireWorkflow(ctx: HandlerContext, id: string) {
  const row = ctx.workflows.getWithDefinition(id);
  if (!row) throw notFound('Workflow', id);
  return row;
}

/** Reads and plans every file against the organization as it is now; writes nothing. */
function plan(ctx: HandlerContext, organizationId: string, files: readonly IncomingFile[]) {
  requireOrganization(ctx, organizationId);
  const { units, skipped } = expandFiles(files);
  const planned = planImport(units, {
    catalog: ctx.catalog,
    installedApps: new Set(ctx.workflows.installedAppIds(organizationId)),
    takenNames: ctx.workflows.names(organizationId).map((w) => w.name),
  });
  return { planned, skipped };
}

function copyPreview(ctx: HandlerContext, input: { workflowId: string; targetOrganizationId: string; name?: string | undefined }) {
  const row = requireWorkflow(ctx, input.workflowId);
  requireOrganization(ctx, input.targetOrganizationId);
  const { definition } = row;
  const taken = ctx.workflows.names(input.targetOrganizationId).map((w) => w.name);
  const name = input.name ?? uniqueName(row.name, taken);
  if (input.name !== undefined && uniqueName(input.name, taken) !== input.name) {
    throw new DomainError('conflict', `A workflow named "${input.name}" already exists in the target organization`, { path: ['name'] });
  }
  const installed = new Set(ctx.workflows.installedAppIds(input.targetOrganizationId));
  const stores = ctx.statusFacts.stores({ organizationId: input.targetOrganizationId });
  return { row, definition, name, report: copyReport(definition, stores, installed, ctx.catalog) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const transferHandlers: Handlers<typeof transferContract> = {
  'transfer.previewImport': ({ organizationId, files }, ctx) => {
    const { planned, skipped } = plan(ctx, organizationId, files);
    return { files: planned.map((p) => p.report), skipped };
  },

  'transfer.import': mutation('workflow.imported', (input, ctx) => {
    const { planned, skipped } = plan(ctx, input.organizationId, input.files);
    const confirmed = { hash: new Set(input.confirmHashMismatch), unknownTasks: new Set(input.confirmUnknownTasks) };
    const good: PlannedFile[] = [];
    const bad: { file: string; reason: string; code: string }[] = [];
    for (const p of planned) {
      const blocking = blockingReason(p.report, confirmed);
      if (blocking || !p.workflow)
        bad.push({
          file: p.report.name,
          reason: blocking?.message ?? `${p.report.name}: cannot be imported`,
          code: blocking?.severity ?? 'error',
        });
      else good.push(p);
    }
    if (bad.length > 0 && !input.importGoodOnly) {
      const onlyConfirmations = bad.every((b) => b.code === 'confirm');
      throw new DomainError(
        onlyConfirmations ? 'confirmation_required' : 'invalid_input',
        `Nothing was imported: ${plural(bad.length, 'file')} of ${planned.length} cannot be imported as ${bad.length === 1 ? 'it is' : 'they are'}. ${bad.map((b) => b.reason).join(' ')}` +
          (good.length > 0 ? ` Choose to import the ${plural(good.length, 'good file')} only, or fix these.` : ''),
        { files: planned.map((p) => p.report), notImported: bad.map(({ file, reason }) => ({ file, reason })) },
      );
    }
    if (good.length === 0) {
      throw new DomainError(
        'invalid_input',
        `Nothing was imported: none of the ${plural(planned.length, 'file')} can be imported. ${bad.map((b) => b.reason).join(' ')}`,
        {
          files: planned.map((p) => p.report),
        },
      );
    }
    const made = good.map((p) => {
      const { name, definition } = p.workflow!;
      const workflowId = insertWorkflow(ctx, input.organizationId, {
        name,
        description: '',
        definition,
        note: `Imported from ${p.report.name}`,
      });
      const audit = {
        organizationId: input.organizationId,
        workflowId,
        summary: `Imported workflow "${name}" from ${p.report.name} (switched off)`,
        after: { name, file: p.report.name, hash: p.report.hash, apps: p.report.apps.map((a) => a.appId), issues: p.report.issues.length },
      };
      return { imported: { file: p.report.name, workflowId, name }, audit };
    });
    const imported = made.map((m) => m.imported);
    const value = {
      imported,
      notImported: bad.map(({ file, reason }) => ({ file, reason })),
      files: planned.map((p) => p.report),
      skipped,
    };
    return { value, audit: made.map((m) => m.audit) };
  }),

  'transfer.exportWorkflow': ({ workflowId }, ctx) => {
    const row = requireWorkflow(ctx, workflowId);
    return { fileName: flowFileName(row.name), text: exportFlow(row.name, row.definition, ctx.catalog).text };
  },

  'transfer.exportWorkflows': ({ workflowIds }, ctx) => {
    const rows = [...new Set(workflowIds)].map((id) => requireWorkflow(ctx, id));
    const files = rows.map((row) => ({ fileName: flowFileName(row.name), text: exportFlow(row.name, row.definition, ctx.catalog).text }));
    const now = ctx.now();
    const zip = writeZip(files, now);
    return {
      fileName: `workflows ${now.toISOString().slice(0, 10)}.zip`,
      zipBase64: Buffer.from(zip).toString('base64'),
      files: files.map((f) => f.fileName),
    };
  },

  'transfer.previewCopyWorkflow': (input, ctx) => {
    const { name, report } = copyPreview(ctx, input);
    return { ...report, name };
  },

  'transfer.copyWorkflow': mutation('workflow.copied', (input, ctx) => {
    const { row, definition, name, report } = copyPreview(ctx, input);
    const source = requireOrganization(ctx, row.organizationId);
    const workflowId = insertWorkflow(ctx, input.targetOrganizationId, {
      name,
      description: '',
      definition,
      note: `Copied from "${row.name}" in ${source.name}`,
    });
    const notRunning = report.stores.filter((s) => !s.wouldRun).length;
    return {
      value: { ...report, name, workflowId },
      audit: {
        organizationId: input.targetOrganizationId,
        workflowId,
        summary: `Copied workflow "${row.name}" from ${source.name} as "${name}" (switched off; ${report.missingApps.length ? `missing apps: ${report.missingApps.join(', ')}; ` : ''}would not run in ${plural(notRunning, 'store')})`,
        before: { organizationId: row.organizationId, workflowId: row.id, version: row.currentVersion },
        after: { name, missingApps: report.missingApps },
      },
    };
  }),
};
