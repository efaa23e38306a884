/** How deliveries to apps are retried. Defaults suit real apps; tests make the delays tiny. */
export interface DeliveryPolicy {
  /** Requests (not counting 202 polls) before a delivery fails for good. */
  maxAttempts: number;
  /** The first retry gap; each further one doubles, up to maxDelayMs, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long the app may take to answer one request; a timeout counts as a retryable failure. */
  timeoutMs: number;
  /** After a 202, ask again after this gap, doubling up to maxPollDelayMs. */
  pollDelayMs: number;
  maxPollDelayMs: number;
  /** An action the app accepted (202) but did not finish within this long fails. */
  acceptedTimeoutMs: number;
  /** A Retry-After longer than this is cut to it. */
  maxRetryAfterMs: number;
  /**
   * How long, from when it was queued, a delivery may keep waiting on answers that ask it to wait (429 or 503
   * with Retry-After) or on a key that cannot be read yet, none of which spend attempts. Then it fails, saying why.
   */
  waitBudgetMs: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  timeoutMs: 15_000,
  pollDelayMs: 5_000,
  maxPollDelayMs: 10 * 60_000,
  acceptedTimeoutMs: 24 * 60 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  waitBudgetMs: 24 * 60 * 60_000,
};

/** What came back from one request. */
export type Answer =
  | { kind: 'response'; status: number; retryAfter: string | null; body: string }
  | { kind: 'no_response'; error: string; timedOut: boolean }
  | { kind: 'not_deliverable'; error: string }
  /** Nothing was sent: something on this side is not ready (the key that opens the app's secret). */
  | { kind: 'not_ready'; error: string };

export interface DeliveryProgress {
  attempts: number;
  polls: number;
  /** Answers that asked to wait (429/503 with Retry-After), and waits for a key: none spend attempts. */
  throttles: number;
  firstAcceptedAt: number | null;
  /** When the delivery was queued (epoch ms): the wait budget counts from here. */
  queuedAt: number;
}

export type Decision =
  | { state: 'delivered' }
  | { state: 'accepted'; nextAttemptAt: number }
  | { state: 'pending'; nextAttemptAt: number; error: string }
  | { state: 'failed'; error: string };

export interface Decided {
  decision: Decision;
  progress: DeliveryProgress;
  lastStatus: number | null;
  lastError: string | null;
}

/**
 * Pure: what to do after one request. 2xx other than 202 = done; 202 = accepted, ask again later with the
 * same action_run_id; 429 or 503 with Retry-After = wait as asked without spending an attempt, until the
 * wait budget runs out (an app rate-limiting for a while must not fail every delivery); other 429s and 5xx,
 * timeouts and refused connections are retried with growing gaps until maxAttempts; any other answer fails.
 */
export function decide(progress: DeliveryProgress, answer: Answer, policy: DeliveryPolicy, nowMs: number, random: () => number): Decided {
  if (answer.kind === 'not_deliverable') {
    return { decision: { state: 'failed', error: answer.error }, progress, lastStatus: null, lastError: answer.error };
  }
  const asked =
    answer.kind === 'response' && (answer.status === 429 || answer.status === 503) ? retryAfterMs(answer.retryAfter, nowMs) : null;
  if (answer.kind === 'not_ready' || asked !== null) {
    // The app (or this side) said "not now", not "no": wait without spending an attempt, within the budget.
    const throttles = progress.throttles + 1;
    const next = { ...progress, throttles };
    const status = answer.kind === 'response' ? answer.status : null;
    const error = answer.kind === 'not_ready' ? answer.error : `${describe(answer)} (asked to wait ${Math.round(asked! / 1000)} s)`;
    const gap = asked !== null ? Math.min(asked, policy.maxRetryAfterMs) : backoff(throttles, policy, random);
    if (nowMs + gap - progress.queuedAt > policy.waitBudgetMs) {
      const final = `${error}; gave up: still waiting after ${formatSpan(nowMs - progress.queuedAt)}, the delivery's wait budget is ${formatSpan(policy.waitBudgetMs)} (${throttles} waits, ${progress.attempts} attempts)`;
      return { decision: { state: 'failed', error: final }, progress: next, lastStatus: status, lastError: final };
    }
    return { decision: { state: 'pending', nextAttemptAt: nowMs + gap, error }, progress: next, lastStatus: status, lastError: error };
  }
  if (answer.kind === 'response' && answer.status === 202) {
    const firstAcceptedAt = progress.firstAcceptedAt ?? nowMs;
    const polls = progress.polls + 1;
    const next = { ...progress, polls, firstAcceptedAt };
    if (nowMs - firstAcceptedAt >= policy.acceptedTimeoutMs) {
      const error = `The app accepted the action but did not finish it within ${Math.round(policy.acceptedTimeoutMs / 1000)} s`;
      return { decision: { state: 'failed', error }, progress: next, lastStatus: 202, lastError: error };
    }
    const gap = Math.min(policy.maxPollDelayMs, policy.pollDelayMs * 2 ** Math.min(polls - 1, 30));
    return { decision: { state: 'accepted', nextAttemptAt: nowMs + gap }, progress: next, lastStatus: 202, lastError: null };
  }

  const attempts = progress.attempts + 1;
  const next = { ...progress, attempts };
  const status = answer.kind === 'response' ? answer.status : null;
  if (answer.kind === 'response' && answer.status >= 200 && answer.status < 300) {
    return { decision: { state: 'delivered' }, progress: next, lastStatus: status, lastError: null };
  }

  const retryable = answer.kind === 'no_response' || answer.status === 429 || answer.status >= 500;
  const error = describe(answer);
  if (!retryable) return { decision: { state: 'failed', error }, progress: next, lastStatus: status, lastError: error };
  if (attempts >= policy.maxAttempts) {
    const final = `${error} (gave up after ${attempts} attempts)`;
    return { decision: { state: 'failed', error: final }, progress: next, lastStatus: status, lastError: final };
  }
  return {
    decision: { state: 'pending', nextAttemptAt: nowMs + backoff(attempts, policy, random), error },
    progress: next,
    lastStatus: status,
    lastError: error,
  };
}

/** Doubling gaps up to maxDelayMs; jitter (half to all of the gap) keeps many deliveries to one recovering app from retrying in step. */
function backoff(nth: number, policy: DeliveryPolicy, random: () => number): number {
  const gap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(nth - 1, 30));
  return Math.round(gap * (0.5 + random() * 0.5));
}

function formatSpan(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3600_000)} h`;
}

/** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function describe(answer: Extract<Answer, { kind: 'response' | 'no_response' }>): string {
  if (answer.kind === 'no_response')
    return answer.timedOut ? `The app did not answer in time (${answer.error})` : `The app could not be reached: ${answer.error}`;
  const body = answer.body.trim().slice(0, 300);
  return `The app answered ${answer.status}${body ? `: ${body}` : ''}`;
}
