import type { Catalog } from '../domain/catalog/catalog';
import type { LocalizedText } from '../domain/catalog/catalog-schema';
import { validateWorkflow } from '../domain/workflow/validate-workflow';
import { validationContext } from '../domain/workflow/validation-context';
import type { ValidationProblem } from '../domain/workflow/validation-problem';
import { appsUsedBy } from '../domain/workflow/workflow-apps';
import { walkSteps, workflowDefinition, type WorkflowDefinition } from '../domain/workflow/workflow-definition';
import type { HashStatus } from './flow-file/envelope';
import { FlowFileError, issue, type FlowIssue, type FlowIssueLocation } from './flow-file/flow-issue';
import { importFlowText } from './flow-file/import-flow';
import type { ImportUnit } from './import-files';
import { uniqueName } from '../domain/organization/names';

/**
 * The import report of one file: what it would create, what it needs, what is wrong and where. Planning
 * writes nothing; the import writes what the plan says, in one transaction.
 */
export type FileStatus = 'ready' | 'needs_confirmation' | 'rejected';

export interface ReportIssue {
  code: string;
  severity: FlowIssue['severity'];
  /** Names the file (and the ZIP entry) and the place. */
  message: string;
  at: FlowIssueLocation;
}

export interface AppNeed {
  appId: string;
  name: LocalizedText | null;
  /** R5: Installed = installed in at least one store of the organization. */
  list: 'installed' | 'not_installed';
}

export interface FileReport {
  name: string;
  file: string;
  entry: string | null;
  status: FileStatus;
  hash: HashStatus | null;
  workflow: {
    name: string;
    /** The name it gets: the file's, made unique in the organization. */
    importAs: string;
    trigger: { app: string; handle: string; name: LocalizedText | null } | null;
    steps: number;
  } | null;
  apps: AppNeed[];
  issues: ReportIssue[];
  /** Validation of the workflow in the organization as it is now. */
  problems: ValidationProblem[];
}

export interface PlannedFile {
  report: FileReport;
  workflow: { name: string; definition: WorkflowDefinition } | null;
}

export interface PlanContext {
  catalog: Catalog;
  installedApps: ReadonlySet<string>;
  /** Workflow names already in the organization. */
  takenNames: readonly string[];
}

export function planImport(units: readonly ImportUnit[], ctx: PlanContext): PlannedFile[] {
  const taken = [...ctx.takenNames];
  return units.map((unit) => {
    const base = { name: unit.name, file: unit.file, entry: unit.entry };
    const rejected = (found: FlowIssue): PlannedFile => ({
      report: { ...base, status: 'rejected', hash: null, workflow: null, apps: [], issues: [reportIssue(unit, found)], problems: [] },
      workflow: null,
    });
    if (unit.error || unit.text === null) return rejected(unit.error ?? issue('empty_file', 'error', {}, 'the file has no content'));
    let read;
    try {
      read = importFlowText(unit.text, unit.entry ?? unit.file, ctx.catalog);
    } catch (error) {
      if (error instanceof FlowFileError) return rejected(error.issue);
      throw error;
    }
    const checked = workflowDefinition.safeParse(read.definition);
    if (!checked.success) {
      const first = checked.error.issues[0]!;
      return rejected(
        issue('wrong_envelope', 'error', {}, `the workflow cannot be represented (${first.path.join('.')}: ${first.message})`),
      );
    }
    const definition = read.definition;
    const importAs = uniqueName(read.name, taken);
    taken.push(importAs);
    const trigger = definition.trigger
      ? {
          app: definition.trigger.task.app,
          handle: definition.trigger.task.handle,
          name: ctx.catalog.trigger(definition.trigger.task.app, definition.trigger.task.handle)?.name ?? null,
        }
      : null;
    const apps: AppNeed[] = appsUsedBy(definition).map((appId) => ({
      appId,
      name: ctx.catalog.app(appId)?.name ?? null,
      list: ctx.installedApps.has(appId) ? 'installed' : 'not_installed',
    }));
    const problems = validateWorkflow(definition, validationContext(ctx.catalog, ctx.installedApps, null));
    return {
      report: {
        ...base,
        status: read.issues.some((i) => i.severity === 'confirm') ? 'needs_confirmation' : 'ready',
        hash: read.hash,
        workflow: { name: read.name, importAs, trigger, steps: [...walkSteps(definition.steps)].length },
        apps,
        issues: read.issues.map((i) => reportIssue(unit, i)),
        problems,
      },
      workflow: { name: importAs, definition },
    };
  });
}

function reportIssue(unit: ImportUnit, found: FlowIssue): ReportIssue {
  return { code: found.code, severity: found.severity, message: `${unit.name}: ${found.message}`, at: found.at };
}

/** Why a file the admin wants to import still may not be: an error, or a confirmation not given. */
export function blockingReason(
  report: FileReport,
  confirmed: { hash: ReadonlySet<string>; unknownTasks: ReadonlySet<string> },
): ReportIssue | null {
  if (report.status === 'rejected') return report.issues.find((i) => i.severity === 'error') ?? report.issues[0] ?? null;
  for (const found of report.issues) {
    if (found.severity !== 'confirm') continue;
    if (found.code === 'hash_mismatch' && !confirmed.hash.has(report.name)) return found;
    if (found.code === 'unknown_task' && !confirmed.unknownTasks.has(report.name)) return found;
  }
  return null;
}
