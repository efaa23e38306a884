/**
 * A refusal the user can act on. `code` is stable (the UI and tests key on it); `message` says what is
 * wrong and where in plain words; `details` carries the structured part (field paths, reasons).
 */
export type DomainErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'refused' | 'confirmation_required';

/** One invalid part of an input: where (`steps[2].name`, `payload.order.id`) and what is wrong, in words. */
export interface IssueDetail {
  path: string;
  /** What kind of problem, for programs and tests (the message is for people); absent when no code names it. */
  code?: string;
  message: string;
}

/** One invalid input of a method, as the contract's schema found it. */
export interface InputIssue extends IssueDetail {
  /** Zod's issue code (`invalid_type`, `unrecognized_keys`, `too_small`, …). */
  code: string;
}

/**
 * The structured part of a refusal, as it travels to the renderer. The named fields are the ones programs
 * read; a refusal may add its own facts (the versions of a conflict, a file's name) beside them.
 */
export interface ErrorDetails {
  /** The input the refusal concerns, as a path into the method's input (`['name']`, `['stores', 2]`). */
  path?: readonly (string | number)[];
  /** invalid_input against the contract's schemas (with codes), or a trigger payload's problems: every invalid part. */
  issues?: readonly IssueDetail[];
  /** not_found: the kind of thing missing (`Store`, `App`) and its id or ids. */
  what?: string;
  id?: string;
  ids?: readonly string[];
  /** conflict on `expectedVersion`: the version that is current now, and who saved it when (versioning.ts). */
  currentVersion?: number;
  savedBy?: string;
  savedAt?: string;
  [fact: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `${what} ${id} does not exist`, { what, id });
}
