import type { BlockReason } from '$shared/domain/status/workflow-status';
import type { ValidationProblem } from '$shared/domain/workflow/validation-problem';

type Params = Record<string, string | number>;
type Translate = (key: string, options?: Record<string, unknown>) => unknown;

/** Names from the catalog in the current language; each answers null when it does not know the thing. */
export interface CatalogNames {
  appName(appId: string): string | null;
  taskName(appId: string, handle: string): string | null;
  setupStepName(appId: string, key: string): string | null;
  constraintReason(appId: string, handle: string): string | null;
}

export const noCatalogNames: CatalogNames = {
  appName: () => null,
  taskName: () => null,
  setupStepName: () => null,
  constraintReason: () => null,
};

const placeholder = /\{\{\s*(\w+)\s*\}\}/g;

function filled(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/**
 * A reason's words: the API gives a code and its params; the locale has, per code, variants from the most
 * specific to the most general, and the first whose placeholders the params can all fill is used (so no
 * "{{app}}" ever shows). Variants named `warning`/`error` apply only to problems of that severity. Without
 * any fitting variant the API's own English message is shown rather than nothing.
 */
export function pickText(t: Translate, key: string, params: Params, fallback: string, severity?: 'error' | 'warning'): string {
  const variants = t(key, { returnObjects: true });
  if (!variants || typeof variants !== 'object') return fallback;
  for (const [name, template] of Object.entries(variants as Record<string, unknown>)) {
    if (typeof template !== 'string') continue;
    if ((name === 'warning' || name === 'error') && name !== severity) continue;
    const needed = [...template.matchAll(placeholder)].map((m) => m[1] as string);
    if (needed.every((p) => filled(params[p]))) return String(t(`${key}.${name}`, { ...params, interpolation: { escapeValue: false } }));
  }
  return fallback;
}

function withNames(params: Params, names: CatalogNames, appId: string | null): Params {
  const out: Params = { ...params };
  const app = appId ?? (typeof params.appId === 'string' ? params.appId : null);
  if (app) {
    const appName = names.appName(app);
    if (appName) out.app = appName;
    const handle = typeof params.handle === 'string' ? params.handle : null;
    if (handle) {
      out.task = names.taskName(app, handle) ?? handle;
      const reason = names.constraintReason(app, handle);
      if (reason) out.reason = reason;
    }
  }
  return out;
}

export function blockReasonText(t: Translate, reason: BlockReason, names: CatalogNames): string {
  const params = withNames({}, names, reason.appId);
  if (reason.appId && reason.missingSetup.length > 0) {
    params.steps = reason.missingSetup.map((key) => names.setupStepName(reason.appId as string, key) ?? key).join(', ');
  }
  return pickText(t, `status.reason.${reason.code}`, params, reason.message);
}

/**
 * `fieldName` lets a caller that knows the step (the editor) name the field in the current language;
 * otherwise the API's field name (English) or key is used.
 */
export function problemText(t: Translate, problem: ValidationProblem, names: CatalogNames, fieldName?: string | null): string {
  const params = withNames(problem.params, names, null);
  const field = fieldName ?? problem.params.fieldName ?? problem.params.fieldKey;
  if (filled(field)) params.field = field as string;
  if (problem.stepId && !filled(params.stepId)) params.stepId = problem.stepId;
  // "needs an order": the object an action acts on (F3), in the current language.
  if (typeof params.objectType === 'string')
    params.object = String(t(`status.objects.${params.objectType}`, { defaultValue: params.objectType }));
  // A Scheduled time rule's issue (recurrence.ts), in the current language; the number of the schedule it is in.
  if (typeof params.issue === 'string') {
    params.scheduleIssue = String(t(`status.scheduleIssues.${params.issue}`, { defaultValue: '' }));
    if (typeof params.schedule === 'number' && params.schedule > 0) params.scheduleNumber = params.schedule;
  }
  return pickText(t, `status.problem.${problem.code}`, params, problem.message, problem.severity);
}
