import { decide, type Answer, type Decided, type DeliveryPolicy, type DeliveryProgress } from '../delivery-policy';

/** What to do with a 4xx (other than 429) or a 5xx answer: Flow's on_client_error / on_server_error. */
export type ErrorHandling = 'retry' | 'fail' | 'ignore';

/** A Send HTTP request step as it is sent. */
export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
  onClientError: ErrorHandling;
  onServerError: ErrorHandling;
}

/** Given to later steps as `sendHttpRequest` (Flow's HttpResponse). */
export interface HttpResponseValue {
  statusCode: number;
  body: string;
  headers: { name: string; value: string }[];
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Header pairs as .flow files write them (`[["Content-Type","application/json"]]` in a string), or one
 * `Name: value` per line as an admin may type them.
 */
export function headerPairs(text: unknown): [string, string][] {
  if (Array.isArray(text)) return text.map((pair) => [String((pair as unknown[])[0] ?? ''), String((pair as unknown[])[1] ?? '')]);
  const raw = String(text ?? '').trim();
  if (raw === '') return [];
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return headerPairs(parsed);
    } catch {
      // Not JSON: read as lines.
    }
  }
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line): [string, string] => {
      const at = line.indexOf(':');
      return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
}

function handling(value: unknown, fallback: ErrorHandling): ErrorHandling {
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  return text === 'retry' || text === 'fail' || text === 'ignore' ? text : fallback;
}

/**
 * The request of a Send HTTP request step from its typed inputs, or what is wrong with them. Flow retries
 * 5xx answers and fails on other 4xx by default; the step's on_client_error / on_server_error change that.
 */
export function httpRequestOf(
  properties: Readonly<Record<string, unknown>>,
): { ok: true; spec: HttpRequestSpec } | { ok: false; field: string; message: string } {
  const method =
    String(properties.method ?? 'POST')
      .trim()
      .toUpperCase() || 'POST';
  if (!METHODS.has(method))
    return { ok: false, field: 'method', message: `"${method}" is not an HTTP method Flow sends (${[...METHODS].join(', ')})` };
  const url = String(properties.url ?? '').trim();
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return { ok: false, field: 'url', message: `"${url}" is not an http(s) URL` };
  const headers = headerPairs(properties.headers);
  const badHeader = headers.find(([name]) => !HEADER_NAME.test(name));
  if (badHeader) return { ok: false, field: 'headers', message: `"${badHeader[0]}" is not a valid header name` };
  return {
    ok: true,
    spec: {
      method,
      url,
      headers,
      body: String(properties.body ?? ''),
      onClientError: handling(properties.on_client_error, 'fail'),
      onServerError: handling(properties.on_server_error, 'retry'),
    },
  };
}

/** The outcome of one request, with what later steps see of the response. */
export interface HttpAttempt {
  answer: Answer;
  response: HttpResponseValue | null;
}

/** Sends the request once: no redirects followed (a 3xx is an answer, as in Flow), at most `timeoutMs`. */
export async function sendHttpRequest(spec: HttpRequestSpec, timeoutMs: number): Promise<HttpAttempt> {
  try {
    const hasBody = spec.method !== 'GET' && spec.method !== 'HEAD' && spec.body !== '';
    const response = await fetch(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: hasBody ? spec.body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    const headers = [...response.headers.entries()].map(([name, value]) => ({ name, value }));
    return {
      answer: { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after'), body },
      response: { statusCode: response.status, body, headers },
    };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    const detail = timedOut ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { answer: { kind: 'no_response', error: detail, timedOut }, response: null };
  }
}

/**
 * Pure: what to do after one request of a Send HTTP request step. 2xx and 3xx succeed (a 202 too: Flow does
 * not poll a web server). 429, timeouts and unreachable servers follow the outbox's retry rules; other 4xx
 * and 5xx follow the step's on_client_error / on_server_error: retry (the same rules), fail, or ignore
 * (the step succeeds and later steps read the answer).
 */
export function decideHttpRequest(
  progress: DeliveryProgress,
  answer: Answer,
  spec: HttpRequestSpec,
  policy: DeliveryPolicy,
  nowMs: number,
  random: () => number,
): Decided {
  if (answer.kind === 'response' && answer.status !== 429) {
    const status = answer.status;
    const attempts = progress.attempts + 1;
    const handled: ErrorHandling | 'succeed' = status < 400 ? 'succeed' : status < 500 ? spec.onClientError : spec.onServerError;
    if (handled === 'succeed' || handled === 'ignore') {
      return { decision: { state: 'delivered' }, progress: { ...progress, attempts }, lastStatus: status, lastError: null };
    }
    if (handled === 'fail') {
      const error = serverWords(describeAnswer(status, answer.body));
      return { decision: { state: 'failed', error }, progress: { ...progress, attempts }, lastStatus: status, lastError: error };
    }
    // Retried as the outbox retries a 5xx from an app, with the real answer in the step's error.
    const decided = decide(progress, { ...answer, status: 500, retryAfter: null }, policy, nowMs, random);
    const said = describeAnswer(status, answer.body);
    const error = decided.decision.state === 'failed' ? `${said} (gave up after ${decided.progress.attempts} attempts)` : said;
    const decision = 'error' in decided.decision ? { ...decided.decision, error } : decided.decision;
    return { ...decided, decision, lastStatus: status, lastError: error };
  }
  const decided = decide(progress, answer, policy, nowMs, random);
  const decision = 'error' in decided.decision ? { ...decided.decision, error: serverWords(decided.decision.error) } : decided.decision;
  return { ...decided, decision, lastError: decided.lastError === null ? null : serverWords(decided.lastError) };
}

function describeAnswer(status: number, body: string): string {
  const text = body.trim().slice(0, 300);
  return `The server answered ${status}${text ? `: ${text}` : ''}`;
}

/** decide() speaks of "the app"; a Send HTTP request step talks to a web server. */
function serverWords(text: string): string {
  return text.replace(/^The app /, 'The server ');
}
