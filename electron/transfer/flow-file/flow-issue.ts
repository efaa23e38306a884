/**
 * Something an import found in one .flow file, with where it is. Severity decides what happens:
 * - error: the file cannot be imported (unreadable, wrong envelope, too large, ...);
 * - confirm: the file can be imported only when the admin says so (the hash does not match, or it uses
 *   tasks this app does not know, which are then kept verbatim);
 * - note: imported, but the admin should know (something kept verbatim, a step not connected, ...).
 */
export type FlowIssueSeverity = 'error' | 'confirm' | 'note';

export type FlowIssueCode =
  | 'file_too_large'
  | 'not_a_zip'
  | 'zip_too_many_entries'
  | 'zip_entry_too_large'
  | 'zip_too_large'
  | 'zip_unsupported_entry'
  | 'not_base64'
  | 'not_utf8'
  | 'empty_file'
  | 'invalid_json'
  | 'wrong_envelope'
  | 'hash_mismatch'
  | 'unknown_task'
  | 'duplicate_step_id'
  | 'too_deeply_nested'
  | 'no_trigger'
  | 'extra_trigger'
  | 'step_kept_verbatim'
  | 'condition_kept_verbatim'
  | 'step_not_connected'
  | 'link_kept_verbatim'
  | 'duplicate_config_field'
  | 'name_shortened';

/** Where in the file: line/column for text problems, a JSON path and the step for structure problems. */
export interface FlowIssueLocation {
  line?: number;
  column?: number;
  /** JSON path inside the file, e.g. `root.steps[2].task_id`. */
  path?: string;
  stepId?: string;
  /** Inside a condition tree: the node's uuid. */
  conditionNode?: string;
}

export interface FlowIssue {
  code: FlowIssueCode;
  severity: FlowIssueSeverity;
  /** Says what and where, without the file name (the caller knows it). */
  message: string;
  at: FlowIssueLocation;
}

export function issue(code: FlowIssueCode, severity: FlowIssueSeverity, at: FlowIssueLocation, message: string): FlowIssue {
  return { code, severity, at, message: `${placeText(at)}${message}` };
}

/** `line 1, column 70: ` or `root.steps[2] (step 5ca2…): ` */
export function placeText(at: FlowIssueLocation): string {
  const parts: string[] = [];
  if (at.line !== undefined) parts.push(`line ${at.line}, column ${at.column ?? 1}`);
  if (at.path) parts.push(at.path);
  if (at.stepId) parts.push(`step ${at.stepId}`);
  if (at.conditionNode) parts.push(`condition node ${at.conditionNode}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

/** A failure that makes the whole file unreadable; carries the issue to report. */
export class FlowFileError extends Error {
  constructor(readonly issue: FlowIssue) {
    super(issue.message);
    this.name = 'FlowFileError';
  }
}
