import { DomainError } from '../domain-error';
import type { ValidationProblem } from './validation-problem';

/**
 * Drafts and published versions, as rules (F4: editing never stops what runs until a valid version is
 * published). Every save writes a version; the latest one is the draft. What runs in a store is a
 * published version: the workflow's published version, unless a staged publish or a rollback gave that store
 * its own. Pure: the store reads and writes the rows, the handlers call these.
 */

/** A workflow's published state: the version all stores run, and the stores that run another one. */
export interface Publication {
  /** Null while the workflow was never published. */
  publishedVersion: number | null;
  /** Stores running a version other than `publishedVersion` (a staged publish, a rollback of one store). */
  storeVersions: ReadonlyMap<string, number>;
}

/** The version running in a store: the store's own, else the published one; null when never published. */
export function runningVersion(publication: Publication, storeId: string): number | null {
  return publication.storeVersions.get(storeId) ?? publication.publishedVersion;
}

/**
 * Whether saving a version also publishes it. Only when that cannot change anything that runs or has been
 * asked to run: the workflow is enabled in no store (switched off everywhere, as Shopify Flow's "turned off"
 * workflows whose saves simply replace them), or it was never published at all. A version with errors is
 * never published, so a save with errors is always a draft.
 */
export function publishesOnSave(state: { enabledStores: number; publishedVersion: number | null }, errors: number): boolean {
  if (errors > 0) return false;
  return state.enabledStores === 0 || state.publishedVersion === null;
}

/** Refuses to publish a version with errors, naming the version and its first errors. */
export function ensurePublishable(workflowName: string, version: number, errors: readonly ValidationProblem[]): void {
  if (errors.length === 0) return;
  const first = errors
    .slice(0, 3)
    .map((e) => e.message)
    .join('; ');
  throw new DomainError(
    'refused',
    `Version ${version} of workflow "${workflowName}" has ${errors.length === 1 ? '1 error' : `${errors.length} errors`} and cannot be published: ${first}. ` +
      'Fix them and save, then publish the new version; what runs now keeps running.',
    {
      path: ['version'],
      version,
      errors: errors.map((e) => ({
        code: e.code,
        stepId: e.stepId,
        field: e.field,
      })),
    },
  );
}

/**
 * What publishing `version` to the given stores (all stores when `storeIds` is null) writes: to all stores, it
 * becomes the published version and the per-store exceptions go; to chosen stores, those stores get it as
 * their own, except where it equals the published version (then the exception simply goes).
 */
export function publishTo(publication: Publication, version: number, storeIds: readonly string[] | null): Publication {
  if (storeIds === null) return { publishedVersion: version, storeVersions: new Map() };
  const storeVersions = new Map(publication.storeVersions);
  // Never published before: the first publish to chosen stores makes no version the default for the others.
  for (const id of storeIds) {
    if (version === publication.publishedVersion) storeVersions.delete(id);
    else storeVersions.set(id, version);
  }
  return { publishedVersion: publication.publishedVersion, storeVersions };
}

/** Whether the publish goes forward (a newer version than runs anywhere it reaches) or back (a rollback). */
export function isRollback(publication: Publication, version: number, storeIds: readonly string[]): boolean {
  return storeIds.some((id) => {
    const running = runningVersion(publication, id);
    return running !== null && version < running;
  });
}
