import { ApiError } from './api/client';

/**
 * Where an API refusal belongs on a form: invalid input names its fields (`issues[].path`), domain
 * refusals name one (`details.path`); what names no field of the form goes to `form`, so every error is
 * shown next to the thing it concerns and none is lost.
 */
export interface PlacedErrors {
  fields: Record<string, string>;
  form: string;
}

export function placeErrors(error: unknown, fields: readonly string[]): PlacedErrors {
  const out: PlacedErrors = { fields: {}, form: '' };
  if (!(error instanceof ApiError)) {
    out.form = error instanceof Error ? error.message : String(error);
    return out;
  }
  const details = (error.details ?? {}) as { issues?: { path: string; message: string }[]; path?: unknown[] };
  if (error.code === 'invalid_input' && Array.isArray(details.issues)) {
    const rest: string[] = [];
    for (const issue of details.issues) {
      const field = fields.find((f) => issue.path === f || issue.path.startsWith(f + '.') || issue.path.startsWith(f + '['));
      if (field && !out.fields[field]) out.fields[field] = issue.message;
      else if (!field) rest.push(`${issue.path}: ${issue.message}`);
    }
    out.form = rest.join('; ');
    return out;
  }
  const first = Array.isArray(details.path) ? String(details.path[0]) : null;
  if (first && fields.includes(first)) out.fields[first] = error.message;
  else out.form = error.message;
  return out;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
