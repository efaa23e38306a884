import type { PathResolution } from '../environment/resolve-path';

type Failure = Extract<PathResolution, { ok: false }>;

/**
 * One sentence for a path that is not in the workflow's data, with Flow's "did you mean" from the schema,
 * and the params the renderer words it from in either language.
 */
export function pathProblem(failure: Failure, where: string): { message: string; params: Record<string, string> } {
  const suggestion = failure.suggestions[0];
  const didYouMean = suggestion ? ` (did you mean ${suggestion}?)` : '';
  const params: Record<string, string> = {
    path: failure.path,
    segment: failure.segment,
    reason: failure.problem,
    ...(failure.parentType ? { parentType: failure.parentType } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
  switch (failure.problem) {
    case 'unknown_variable':
      return { message: `"${failure.segment}" is not in ${where}${didYouMean}`, params };
    case 'unknown_field':
      return { message: `"${failure.path}": ${failure.parentType} has no field "${failure.segment}"${didYouMean}`, params };
    case 'not_an_object':
      return { message: `"${failure.path}": ${failure.parentType} is a single value, it has no field "${failure.segment}"`, params };
    case 'list_in_path':
      return {
        message: `"${failure.path}": the part before "${failure.segment}" is a list of ${failure.parentType}; repeat over it with For each, or test it with any / all / none of`,
        params,
      };
  }
}
