import type { Catalog } from '../domain/catalog/catalog';
import { blockReasons } from '../domain/status/compute-status';
import type { StoreFacts } from '../domain/status/status-facts';
import type { BlockReason } from '../domain/status/workflow-status';
import { validateWorkflow } from '../domain/workflow/validate-workflow';
import { validationContext } from '../domain/workflow/validation-context';
import type { ValidationProblem } from '../domain/workflow/validation-problem';
import { appsUsedBy } from '../domain/workflow/workflow-apps';
import type { WorkflowDefinition } from '../domain/workflow/workflow-definition';
import type { AppNeed } from './import-plan';

/**
 * What copying a workflow to another organization would mean there: which of its apps are on that
 * organization's Not installed list (R5), and per store whether it would run once switched on, with every
 * reason it would not (Flow app missing, R8; app not installed, R6; not set up, R2; no connection, R7).
 */
export interface CopyStoreReport {
  storeId: string;
  name: string;
  wouldRun: boolean;
  reasons: BlockReason[];
}

export interface CopyReport {
  apps: AppNeed[];
  /** Apps of the workflow missing from every store of the target organization. */
  missingApps: string[];
  stores: CopyStoreReport[];
  /** Validation in the target organization: errors keep it from running anywhere. */
  problems: ValidationProblem[];
}

export function copyReport(
  definition: WorkflowDefinition,
  stores: readonly StoreFacts[],
  installedApps: ReadonlySet<string>,
  catalog: Catalog,
): CopyReport {
  const appsUsed = appsUsedBy(definition);
  const problems = validateWorkflow(definition, validationContext(catalog, installedApps, null));
  const invalid = problems.some((p) => p.severity === 'error');
  const facts = { id: '', name: '', appsUsed, problems, errors: problems.filter((p) => p.severity === 'error') };
  return {
    apps: appsUsed.map((appId) => ({
      appId,
      name: catalog.app(appId)?.name ?? null,
      list: installedApps.has(appId) ? 'installed' : 'not_installed',
    })),
    missingApps: appsUsed.filter((appId) => !installedApps.has(appId)),
    stores: stores.map((store) => {
      const reasons = blockReasons(facts, store, catalog);
      return { storeId: store.id, name: store.name, wouldRun: reasons.length === 0 && !invalid, reasons };
    }),
    problems,
  };
}
