/**
 * A refusal the user can act on. `code` is stable (the UI and tests key on it); `message` says what is
 * wrong and where in plain words; `details` carries the structured part (field paths, reasons).
 */
export type DomainErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'refused' | 'confirmation_required';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `${what} ${id} does not exist`, { what, id });
}
