import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/catalog';
import { triggerKeyOf, validateWorkflow } from '../workflow/validate-workflow';
import type { ValidationProblem } from '../workflow/validation-problem';
import { appsUsedBy } from '../workflow/workflow-apps';
import type { WorkflowDefinition } from '../workflow/workflow-definition';

/** Bump when what {@link checkWorkflow} computes changes, so stored checks are recomputed. */
const CHECK_VERSION = 2;

export interface WorkflowCheck {
  appsUsed: string[];
  problems: ValidationProblem[];
}

/**
 * What a workflow's status needs from its definition, computed once per version (not per store).
 * - Every catalog app counts as available to validation: whether an app is installed is a fact of each
 *   store (R6, a block reason there), not of the workflow. So a workflow using an app installed nowhere is
 *   blocked in every store with "not installed in this store", and installing the app anywhere makes it
 *   run there with nothing else to do, instead of being "invalid" everywhere until then.
 * - The trigger counts as kept from before: a saved workflow on a deprecated trigger still runs (a warning).
 */
export function checkWorkflow(definition: WorkflowDefinition, catalog: Catalog): WorkflowCheck {
  const problems = validateWorkflow(definition, {
    catalog,
    installedApps: allApps(catalog),
    previousTriggerKey: triggerKeyOf(definition),
  }).filter((p) => p.code !== 'app_not_installed_in_organization');
  return { appsUsed: appsUsedBy(definition), problems };
}

const everyApp = new WeakMap<Catalog, ReadonlySet<string>>();
function allApps(catalog: Catalog): ReadonlySet<string> {
  let set = everyApp.get(catalog);
  if (!set) everyApp.set(catalog, (set = new Set(catalog.apps.map((a) => a.id))));
  return set;
}

const fingerprints = new WeakMap<Catalog, string>();

/** Identifies the catalog and this check: a stored check made under another fingerprint is stale. */
export function checkFingerprint(catalog: Catalog): string {
  let fingerprint = fingerprints.get(catalog);
  if (!fingerprint) {
    const hash = createHash('sha256').update(JSON.stringify(catalog.apps)).digest('hex').slice(0, 16);
    fingerprint = `${CHECK_VERSION}:${hash}`;
    fingerprints.set(catalog, fingerprint);
  }
  return fingerprint;
}
