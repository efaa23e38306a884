import type { CatalogAction, CatalogApp } from '../../domain/catalog/catalog-schema';
import type { InputProblem } from '../../domain/liquid/render-inputs';
import type { FlowEffect } from './flow-effect';
import { httpRequestOf } from './http-request';
import { answerInputQuery, InputQueryError, parseInputQuery } from './input-query';
import { describeCall, mutationCall } from './mutation-variables';
import { listValues, readPath } from './path-values';

/**
 * What one action step does in a run, by the catalog action's `runtime`:
 * - deliver: a connector app carries it out (the outbox POSTs it to the app);
 * - offline: Shopify's own store-changing and sending actions cannot reach Shopify offline, so the run
 *   records what would be sent (an Admin API mutation and its variables, an email, a data query);
 * - done: carried out within the run (Log output, Count, Sum);
 * - effect: carried out by Flow Admin outside the run's transaction (Send HTTP request, Run code); the
 *   run goes on once its result is in (`result`).
 */
export type ActionOutcome =
  | { kind: 'deliver' }
  | { kind: 'offline'; record: Record<string, unknown> }
  | { kind: 'done'; record: Record<string, unknown> }
  | { kind: 'effect'; effect: FlowEffect; carriedOut: boolean };

export interface OutcomeInput {
  app: CatalogApp | undefined;
  action: CatalogAction | undefined;
  /** Typed inputs (actionProperties). */
  properties: Readonly<Record<string, unknown>>;
  /** The run's data at this step: the trigger's objects, earlier steps' outputs, loop items. */
  scope: Readonly<Record<string, unknown>>;
  /** For an effect already carried out (a run going on after it): what it gave later steps. */
  result: { value: unknown } | undefined;
}

export interface Outcome {
  outcome: ActionOutcome;
  /** Data the step gives later steps (`getOrderData`, `count`, `sendHttpRequest`, `runCode`). */
  output: { variable: string; value: unknown } | null;
  errors: InputProblem[];
}

/** Variables of the outputs Flow gives, for catalog actions that do not name theirs. */
const defaultVariable: Partial<Record<string, string>> = {
  http_request: 'sendHttpRequest',
  run_code: 'runCode',
  count: 'count',
  sum: 'sum',
  get_data: 'getData',
};

const REFERENCE_TYPES = new Set(['object_reference', 'order_reference', 'customer_reference', 'product_reference']);

/** The first of several possible field keys that has a value (catalog files and .flow exports name some differently). */
function first(properties: Readonly<Record<string, unknown>>, keys: readonly string[]): unknown {
  for (const key of keys) if (properties[key] !== undefined && properties[key] !== '') return properties[key];
  return undefined;
}

/**
 * Flow's missing-data rule at run time: an action whose object field is empty acts on the innermost object
 * of its type in the run's data (a loop's item before the trigger's object), recognized by its Shopify id.
 */
export function objectInScope(scope: Readonly<Record<string, unknown>>, type: string): string | null {
  const prefix = `gid://shopify/${type}/`;
  const values = Object.values(scope);
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const id = (v as Record<string, unknown>).id;
      if (typeof id === 'string' && id.startsWith(prefix)) return id;
    }
  }
  return null;
}

export function actionOutcome(input: OutcomeInput): Outcome {
  const { app, action, properties, scope } = input;
  const offline = (record: Record<string, unknown>): Outcome => ({ outcome: { kind: 'offline', record }, output: null, errors: [] });
  if (app && !app.builtIn && !app.flowConnection) return { outcome: { kind: 'deliver' }, output: null, errors: [] };
  const runtime = action?.runtime ?? 'deliver';
  const variable = action?.output?.variable ?? defaultVariable[runtime] ?? null;
  const withOutput = (outcome: ActionOutcome, value: unknown, errors: InputProblem[] = []): Outcome => ({
    outcome,
    output: variable === null ? null : { variable, value },
    errors,
  });

  switch (runtime) {
    case 'admin_mutation': {
      const a = action!;
      const objectField = a.needs?.field ?? a.fields.find((f) => REFERENCE_TYPES.has(f.type))?.key ?? null;
      const given = objectField ? properties[objectField] : undefined;
      const objectType = a.needs?.type ?? null;
      let objectId = given === undefined || given === '' ? null : String(given);
      if (objectId === null && objectType) objectId = objectInScope(scope, objectType);
      if (objectId !== null && objectType && /^\d+$/.test(objectId)) objectId = `gid://shopify/${objectType}/${objectId}`;
      if (objectId === null && objectType) {
        const message = `${a.name.en} needs ${article(objectType)} ${objectType}: the run's data has none`;
        return { outcome: { kind: 'offline', record: {} }, output: null, errors: [{ field: objectField ?? '', message }] };
      }
      const call = mutationCall({ action: a, properties, objectField, objectId });
      if (!call) return offline({ intendedChange: { app: app?.id ?? null, action: a.handle, properties } });
      return offline({ mutation: call.mutation, variables: call.variables, call: describeCall(call) });
    }
    case 'admin_api_request': {
      // .flow files keep the chosen mutation as api_call: {"name": "orderCancel", "blob": "{…json…}"}.
      let name = first(properties, ['mutation', 'name']);
      let blob = first(properties, ['mutation_inputs', 'inputs', 'variables', 'blob']);
      const apiCall = properties.api_call;
      if (typeof apiCall === 'string' && apiCall.trim().startsWith('{')) {
        try {
          const parsed = JSON.parse(apiCall) as { name?: unknown; blob?: unknown };
          name ??= parsed.name;
          blob ??= parsed.blob;
        } catch {
          return {
            outcome: { kind: 'offline', record: {} },
            output: null,
            errors: [{ field: 'api_call', message: 'is not JSON ({"name": …, "blob": …})' }],
          };
        }
      }
      let variables: unknown = blob ?? {};
      if (typeof blob === 'string') {
        try {
          variables = JSON.parse(blob);
        } catch (error) {
          return {
            outcome: { kind: 'offline', record: {} },
            output: null,
            errors: [{ field: 'mutation_inputs', message: `is not JSON: ${(error as Error).message}` }],
          };
        }
      }
      const mutation = String(name ?? '');
      return offline({ mutation, variables, call: describeCall({ mutation, variables: (variables ?? {}) as Record<string, unknown> }) });
    }
    case 'get_data': {
      const query = String(first(properties, ['query']) ?? '');
      const list = action?.output?.list ?? true;
      const type = action?.output?.type ?? null;
      const record = {
        query,
        sortKey: first(properties, ['sort_key', 'sortKey']) ?? null,
        maxResults: first(properties, ['max_results', 'first']) ?? null,
        returns: type && list ? `[${type}]` : type,
      };
      // Offline there is nothing to query: later steps get an empty list (or nothing, for one entry), and the step says so.
      return withOutput(
        { kind: 'offline', record: list ? { ...record, emptyListGiven: true } : { ...record, nothingGiven: true } },
        list ? [] : null,
      );
    }
    case 'count':
    case 'sum': {
      const listPath = String(first(properties, ['list', 'listpath', 'list_path', 'path', 'field_path']) ?? '').trim();
      const fieldPath = String(first(properties, ['field', 'sum_field', 'value_path', 'property']) ?? '').trim();
      const path = [listPath, fieldPath].filter((p) => p !== '').join('.');
      if (path === '')
        return { outcome: { kind: 'done', record: {} }, output: null, errors: [{ field: 'list', message: 'names no list to go through' }] };
      if (runtime === 'count') {
        const value = readPath(scope, path);
        const count = Array.isArray(value) ? value.length : value === null || value === undefined ? 0 : 1;
        return withOutput({ kind: 'done', record: { path, count } }, count);
      }
      const numbers = listValues(scope, path)
        .map((v) => (typeof v === 'number' ? v : Number(v)))
        .filter((n) => Number.isFinite(n));
      // Money adds up in cents: 0.1 + 0.2 is 0.3, as the store shows it.
      const sum = Math.round(numbers.reduce((a, b) => a + b * 100, 0)) / 100;
      return withOutput({ kind: 'done', record: { path, sum, items: numbers.length } }, sum);
    }
    case 'log_output': {
      const message = String(first(properties, ['message', 'output', 'text', 'log']) ?? Object.values(properties)[0] ?? '');
      return { outcome: { kind: 'done', record: { log: message } }, output: null, errors: [] };
    }
    case 'internal_email':
      return offline({
        email: {
          address: first(properties, ['address', 'to', 'email', 'recipients']) ?? null,
          subject: first(properties, ['subject']) ?? null,
          message: first(properties, ['message', 'body']) ?? null,
        },
      });
    case 'alert':
      return offline({ alert: { ...properties } });
    case 'http_request': {
      const request = httpRequestOf(properties);
      if (!request.ok)
        return { outcome: { kind: 'offline', record: {} }, output: null, errors: [{ field: request.field, message: request.message }] };
      return withOutput(
        { kind: 'effect', effect: { effect: 'http_request', request: request.spec }, carriedOut: input.result !== undefined },
        input.result?.value,
      );
    }
    case 'run_code': {
      let data: unknown;
      try {
        data = answerInputQuery(parseInputQuery(String(properties.input ?? '{ shop { name } }')), scope);
      } catch (error) {
        if (!(error instanceof InputQueryError)) throw error;
        return { outcome: { kind: 'done', record: {} }, output: null, errors: [{ field: 'input', message: error.message }] };
      }
      const effect: FlowEffect = {
        effect: 'run_code',
        script: String(properties.script ?? ''),
        input: data,
        outputSchema: String(properties.output_schema ?? ''),
      };
      return withOutput({ kind: 'effect', effect, carriedOut: input.result !== undefined }, input.result?.value);
    }
    default:
      // Shopify's own actions the catalog does not classify yet, and those of apps whose connection Flow keeps:
      // the intended change is recorded with the rendered inputs.
      return offline({ intendedChange: { app: app?.id ?? null, action: action?.handle ?? null, properties } });
  }
}

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? 'an' : 'a';
}
