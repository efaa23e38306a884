import type { Answer, Decided, DeliveryPolicy, DeliveryProgress } from '../delivery-policy';
import { decide } from '../delivery-policy';
import { runInSandbox, type SandboxLimits } from './code-sandbox';
import { decideHttpRequest, sendHttpRequest, type HttpRequestSpec } from './http-request';
import { outputProblems, parseOutputSchema } from './output-schema';

/**
 * The work of Shopify's own actions that Flow Admin really carries out, outside the run's transaction:
 * Send HTTP request and Run code. Queued in the outbox like a delivery to an app (app id `shopify`: Flow
 * itself is the one doing it), so they survive a restart and follow the outbox's retry rules; the run goes
 * on with the steps after them once their answer is written.
 */
export type FlowEffect =
  { effect: 'http_request'; request: HttpRequestSpec } | { effect: 'run_code'; script: string; input: unknown; outputSchema: string };

export interface EffectOptions {
  httpTimeoutMs: number;
  sandbox: SandboxLimits;
}

/** One attempt: the answer the outbox rules decide on, and what later steps get when it succeeded. */
export interface EffectAttempt {
  answer: Answer;
  /** `sendHttpRequest` / `runCode` for later steps (undefined: nothing to give). */
  value: unknown;
  /** Shown with the step: console lines of a script. */
  logs?: string[];
}

export function parseEffect(body: string): FlowEffect {
  return JSON.parse(body) as FlowEffect;
}

export async function performEffect(effect: FlowEffect, options: EffectOptions): Promise<EffectAttempt> {
  if (effect.effect === 'http_request') {
    const { answer, response } = await sendHttpRequest(effect.request, options.httpTimeoutMs);
    return { answer, value: response ?? undefined };
  }
  const result = await runInSandbox(effect.script, effect.input, options.sandbox);
  if (!result.ok)
    return { answer: { kind: 'not_deliverable', error: `Run code failed: ${result.error}` }, value: undefined, logs: result.logs };
  const schema = parseOutputSchema(effect.outputSchema);
  const problems = schema ? outputProblems(schema, result.output) : [];
  if (problems.length > 0) {
    const error = `The script's output does not fit its output schema: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`;
    return { answer: { kind: 'not_deliverable', error }, value: undefined, logs: result.logs };
  }
  return { answer: { kind: 'response', status: 200, retryAfter: null, body: '' }, value: result.output, logs: result.logs };
}

/** Send HTTP request follows the outbox's rules and its error settings; a script's failure is final (running it again gives the same). */
export function decideEffect(
  effect: FlowEffect,
  progress: DeliveryProgress,
  answer: Answer,
  policy: DeliveryPolicy,
  nowMs: number,
  random: () => number,
): Decided {
  if (effect.effect === 'http_request') return decideHttpRequest(progress, answer, effect.request, policy, nowMs, random);
  return decide(progress, answer, policy, nowMs, random);
}
