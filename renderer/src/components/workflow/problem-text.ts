import { t } from '../../lib/i18n/i18n.svelte';
import { catalog } from '../../lib/state/catalog.svelte';
import { problemText as statusProblemText } from '../../lib/status/reason-text';
import type { ValidationProblem } from './editor-model';

/**
 * A validation problem in the UI's language, with the apps, triggers and actions named from the catalog;
 * the API's English message when the locale has no fitting words.
 */
export function problemText(problem: ValidationProblem, fieldName?: string | null): string {
  return statusProblemText(t, problem, catalog.names, fieldName);
}
