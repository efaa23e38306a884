/**
 * Limits on Liquid, the same for validation and for runs: a template in an imported .flow file, or one typed
 * into a field, renders on every trigger event, so `{% for i in (1..1000000) %}` must end as an error at its
 * field, not as a stalled server and megabytes of text. Real action fields (a tag, an email subject, a note)
 * are far below each limit.
 */
export const liquidLimits = {
  /** Characters of template text liquidjs will parse. */
  parseLimit: 20_000,
  /**
   * Milliseconds one render may take: a backstop only, since memoryLimit already ends hostile loops. It is
   * wall time, so it must leave room for a busy machine: at 250 ms a 500-line-item note failed under load.
   */
  renderLimit: 1_000,
  /** liquidjs's count of what a render allocates (range and array elements, string lengths). */
  memoryLimit: 100_000,
} as const;

/** The longest text one rendered field may be. */
export const MAX_RENDERED_FIELD_CHARS = 64 * 1024;

export function renderedTooLong(text: string): string | null {
  return text.length > MAX_RENDERED_FIELD_CHARS
    ? `Liquid rendered ${text.length} characters; a field may have at most ${MAX_RENDERED_FIELD_CHARS}`
    : null;
}
