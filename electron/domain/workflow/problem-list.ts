import type { ProblemCode, ValidationProblem } from './validation-problem';

/** Collects problems as validation walks the workflow; `at` fixes the step so callers name only the field. */
export class ProblemList {
  readonly items: ValidationProblem[] = [];

  add(
    code: ProblemCode,
    stepId: string | null,
    field: string | null,
    message: string,
    params: Record<string, string | number> = {},
    severity: 'error' | 'warning' = 'error',
  ): void {
    this.items.push({ code, severity, stepId, field, message, params });
  }

  at(stepId: string): StepProblems {
    return {
      error: (code, field, message, params) => this.add(code, stepId, field, `Step "${stepId}": ${message}`, { stepId, ...params }),
      warning: (code, field, message, params) =>
        this.add(code, stepId, field, `Step "${stepId}": ${message}`, { stepId, ...params }, 'warning'),
    };
  }
}

export interface StepProblems {
  error(code: ProblemCode, field: string | null, message: string, params?: Record<string, string | number>): void;
  warning(code: ProblemCode, field: string | null, message: string, params?: Record<string, string | number>): void;
}
