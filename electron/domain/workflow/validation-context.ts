import type { Catalog } from '../catalog/catalog';
import type { ValidationContext } from './validate-workflow';

/** Where the context's facts come from; the handler context has both (structurally, no import needed). */
export interface ValidationSources {
  catalog: Catalog;
  workflows: { installedAppIds(organizationId: string): readonly string[] };
}

/** The context for validating a workflow from plain data. */
export function validationContext(
  catalog: Catalog,
  installedAppIds: Iterable<string>,
  previousTriggerKey: string | null,
): ValidationContext {
  return { catalog, installedApps: new Set(installedAppIds), previousTriggerKey };
}

/**
 * The context for validating a workflow of an organization: its Installed list (R5) read from the database.
 * When validating many workflows of one organization, read it once and use {@link validationContext}.
 */
export function validationContextFor(
  sources: ValidationSources,
  organizationId: string,
  previousTriggerKey: string | null,
): ValidationContext {
  return validationContext(sources.catalog, sources.workflows.installedAppIds(organizationId), previousTriggerKey);
}
