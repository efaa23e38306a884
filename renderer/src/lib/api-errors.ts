import type { IssueDetail } from '$shared/api/contract';
import { ApiError } from './api/client';
import { i18n, t } from './i18n/i18n.svelte';

/**
 * What the API refused, in the admin's language and next to the thing it concerns. The API's English
 * message ("organizations.create: name: must not be empty") is for logs and programs; the UI builds its own
 * sentence from the stable parts: the error code, each invalid input's path and the check that failed, and
 * the field a refusal names (`details.path`). A message no rule here knows is shown in the API's words
 * rather than lost, without the method name in front.
 */
export interface PlacedErrors {
  fields: Record<string, string>;
  form: string;
}

type Issue = IssueDetail;

/** The contract's check messages (electron/api/contract), by what they say, to a locale key and its numbers. */
const checks: [RegExp, string][] = [
  [/^must not be empty$/, 'empty'],
  [/^must be at most (?<max>\d+) characters/, 'tooLong'],
  [/^must be at least (?<min>\d+) characters/, 'tooShort'],
  [/^must be at most (?<max>\d+)$/, 'atMost'],
  [/^must be at least (?<min>\d+)$/, 'atLeast'],
  [/^must be (?<min>\d+) (\(off\) )?or more$/, 'atLeast'],
  [/^must not be negative/, 'notNegative'],
  [/^must be a whole number/, 'wholeNumber'],
  [/^must be a store address/, 'storeAddress'],
  [/^must be a time zone/, 'timeZone'],
  [/^must be an http\(s\) URL/, 'url'],
  [/^must be a time like/, 'time'],
  [/^must list at least one/, 'chooseOne'],
  [/^is too large/, 'tooLarge'],
];

/** The field's name in the current language: its last path segment (`steps[2].inputs.points` → points). */
export function fieldLabel(path: string): string {
  const last =
    path
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? path;
  return t(`errors.fields.${last}`, { defaultValue: last });
}

/**
 * One invalid input as a sentence: "Name must be filled in." on its own, "Must be filled in." beside its
 * field (`here`), where the label already says which.
 */
export function issueText(issue: Issue, here = false): string {
  const field = fieldLabel(issue.path);
  for (const [pattern, key] of checks) {
    const match = pattern.exec(issue.message);
    if (!match) continue;
    return t(`errors.${here ? 'here' : 'issue'}.${key}`, { field, ...match.groups });
  }
  return here ? issue.message : `${field}: ${issue.message}`;
}

function issuesOf(error: ApiError): Issue[] | null {
  const { issues } = error.details;
  return error.code === 'invalid_input' && Array.isArray(issues) ? issues : null;
}

/** A refusal of the domain (conflict, not found, …) or of the transport, in the current language. */
function refusalText(error: ApiError): string {
  const details = error.details;
  const field = Array.isArray(details.path) ? String(details.path[0]) : null;
  const quoted = /"([^"]+)"/.exec(error.message)?.[1] ?? /address (\S+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'conflict':
      // The API's refusals are written for people in English and name the clash exactly ("The address … is
      // already used by the store "Oslo""): shown as they are in English, worded here in Norwegian.
      if (i18n.language === 'en') return error.message;
      if (field === 'name' || field === 'newName') return t('errors.nameTaken', { name: quoted });
      if (field === 'domain') return t('errors.domainTaken', { domain: quoted });
      return error.message;
    case 'not_found':
      return t('errors.notFound', { what: t(`errors.things.${details.what ?? 'thing'}`, { defaultValue: details.what ?? '' }) });
    case 'unreachable':
      return t('errors.unreachable');
    case 'internal':
      return t('errors.internal', { message: error.message });
    default:
      return error.message;
  }
}

/** Any error as one sentence for a notice or a line under a form. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const issues = issuesOf(error);
  if (issues) return issues.map((i) => issueText(i)).join(' ');
  return refusalText(error);
}

export function placeErrors(error: unknown, fields: readonly string[]): PlacedErrors {
  const out: PlacedErrors = { fields: {}, form: '' };
  if (!(error instanceof ApiError)) {
    out.form = errorMessage(error);
    return out;
  }
  const issues = issuesOf(error);
  if (issues) {
    const rest: string[] = [];
    for (const issue of issues) {
      const field = fields.find((f) => issue.path === f || issue.path.startsWith(f + '.') || issue.path.startsWith(f + '['));
      if (field && !out.fields[field]) out.fields[field] = issueText(issue, true);
      else if (!field) rest.push(issueText(issue));
    }
    out.form = rest.join(' ');
    return out;
  }
  const details = error.details;
  const first = Array.isArray(details.path) ? String(details.path[0]) : null;
  if (first && fields.includes(first)) out.fields[first] = refusalText(error);
  else out.form = refusalText(error);
  return out;
}
