import type { z } from 'zod';
import { contract, isApiMethod, type ApiErrorBody, type ApiResult } from './contract';
import { handlers } from './handlers';
import type { HandlerContext } from './handler-context';
import { DomainError, type InputIssue } from '../domain/domain-error';

export type { ApiResult } from './contract';

export interface ApiDispatcher {
  readonly methods: readonly string[];
  call(method: string, input: unknown): Promise<ApiResult>;
}

export type { InputIssue } from '../domain/domain-error';

/** `items[2].name` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function inputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path) || '(input)', code: issue.code, message: issue.message }));
}

function invalidInput(method: string, issues: InputIssue[]): ApiErrorBody {
  const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return { code: 'invalid_input', message: `${method}: ${list}`, details: { issues } };
}

/**
 * The single entry point both transports (IPC and HTTP) use: checks the method and its input against the
 * contract, runs the handler, and turns every failure into an error body that says what and where.
 */
export function createDispatcher(ctx: HandlerContext, log: (error: unknown) => void = console.error): ApiDispatcher {
  const methods = Object.keys(contract).sort();
  return {
    methods,
    async call(method, input) {
      if (!isApiMethod(method)) {
        return { ok: false, error: { code: 'unknown_method', message: `There is no API method "${method}"`, details: { method } } };
      }
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: invalidInput(method, inputIssues(parsed.error)) };
      try {
        const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
        const value = await handler(parsed.data, ctx);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof DomainError) {
          return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
        }
        log(error);
        return { ok: false, error: { code: 'internal', message: `${method} failed: ${(error as Error).message ?? String(error)}` } };
      }
    },
  };
}
