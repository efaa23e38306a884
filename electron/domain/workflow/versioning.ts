import { DomainError } from '../domain-error';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * Versions of a workflow, as rules: every save writes the next version and makes it current, a revert
 * writes a new version with an old one's content, and a save based on a version that is no longer current
 * is refused (optimistic concurrency). Pure: the handlers read and write the rows. Drafts and published
 * versions will live here too.
 */

/** What a version holds besides its number and who saved it. */
export interface VersionContent {
  name: string;
  description: string;
  definition: WorkflowDefinition;
  note: string;
}

/** A version as written: its content, number and who saved it when. */
export interface WorkflowVersion extends VersionContent {
  version: number;
  savedAt: string;
  savedBy: string;
}

/** What the concurrency check needs of the workflow as it is now. */
export interface WorkflowHead {
  name: string;
  currentVersion: number;
  savedBy: string;
  updatedAt: string;
}

/** The first version of a new workflow (created, duplicated, imported or copied). */
export function firstVersion(content: VersionContent, savedAt: string, savedBy: string): WorkflowVersion {
  return { ...content, version: 1, savedAt, savedBy };
}

/** The version a save writes after the current one. */
export function nextVersion(
  head: Pick<WorkflowHead, 'currentVersion'>,
  content: VersionContent,
  savedAt: string,
  savedBy: string,
): WorkflowVersion {
  return { ...content, version: head.currentVersion + 1, savedAt, savedBy };
}

/** What a revert to `old` saves: the old version's name, description and definition, with a note saying so. */
export function revertedContent(old: Omit<VersionContent, 'note'>, version: number): VersionContent {
  return { name: old.name, description: old.description, definition: old.definition, note: `Reverted to version ${version}` };
}

/** The note on a duplicate's first version. */
export function duplicateNote(source: { name: string; currentVersion: number }): string {
  return `Duplicated from "${source.name}" version ${source.currentVersion}`;
}

/** Refuses an edit based on a version that is no longer current, saying who saved what meanwhile. */
export function ensureCurrent(head: WorkflowHead, expectedVersion: number): void {
  if (expectedVersion === head.currentVersion) return;
  const { currentVersion, savedBy, updatedAt: savedAt } = head;
  const details = { path: ['expectedVersion'], expectedVersion, currentVersion, savedBy, savedAt };
  if (expectedVersion > currentVersion) {
    const message = `Workflow "${head.name}" has no version ${expectedVersion}; its current version is ${currentVersion}`;
    throw new DomainError('conflict', message, details);
  }
  throw new DomainError(
    'conflict',
    `${savedBy} saved version ${currentVersion} of workflow "${head.name}" meanwhile (at ${savedAt}); ` +
      `your changes are based on version ${expectedVersion}. Nothing was saved: reload the workflow and apply your changes again.`,
    details,
  );
}

/** The refusal for a version number the workflow does not have. */
export function noSuchVersion(head: Pick<WorkflowHead, 'name' | 'currentVersion'>, version: number): DomainError {
  const message = `Workflow "${head.name}" has no version ${version}; its versions are 1 to ${head.currentVersion}`;
  return new DomainError('not_found', message, { path: ['version'], version });
}
