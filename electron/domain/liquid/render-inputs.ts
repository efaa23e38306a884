import { Liquid, type Template } from 'liquidjs';
import { liquidLimits, renderedTooLong } from './liquid-limits';

/**
 * Liquid as Flow uses it in action fields: `{{ order.customer.email }}`, filters, `{% if %}`. Unknown filters
 * are a parse error (caught when the workflow is compiled); an unknown variable renders empty, as in Flow.
 */
const options = { strictFilters: true, strictVariables: false, ownPropertyOnly: true, cache: false, ...liquidLimits } as const;
const liquid = new Liquid({ ...options, timezoneOffset: 'UTC' });

/**
 * Dates render in the store's time zone (`{{ created_at | date: "%H:%M" }}` is the store's wall clock), never
 * the computer's. A template parsed once renders with the engine of any zone.
 */
const engines = new Map<string, Liquid>([['UTC', liquid]]);
function engineFor(timeZone: string): Liquid {
  let engine = engines.get(timeZone);
  if (!engine) engines.set(timeZone, (engine = new Liquid({ ...options, timezoneOffset: timeZone })));
  return engine;
}

export interface InputProblem {
  field: string;
  message: string;
}

export interface RenderedInputs {
  values: Record<string, string>;
  errors: InputProblem[];
}

export interface CompiledInputs {
  /** Fields whose template does not parse; they render as errors. */
  readonly problems: readonly InputProblem[];
  render(scope: object, timeZone?: string): RenderedInputs;
}

type FieldRenderer = { field: string; constant: string } | { field: string; templates: Template[] } | { field: string; problem: string };

/** Text without Liquid markup is used as it is, without going through the template engine. */
function hasMarkup(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/** Parses every input field's template once; rendering then only walks the parsed templates. */
export function compileInputs(inputs: Readonly<Record<string, string>>): CompiledInputs {
  const fields: FieldRenderer[] = [];
  const problems: InputProblem[] = [];
  for (const [field, text] of Object.entries(inputs)) {
    if (!hasMarkup(text)) {
      fields.push({ field, constant: text });
      continue;
    }
    try {
      fields.push({ field, templates: liquid.parse(text) });
    } catch (error) {
      const message = `Liquid does not parse: ${firstLine(error)}`;
      fields.push({ field, problem: message });
      problems.push({ field, message });
    }
  }
  return {
    problems,
    render(scope, timeZone = 'UTC') {
      const engine = engineFor(timeZone);
      const values: Record<string, string> = {};
      const errors: InputProblem[] = [];
      for (const f of fields) {
        if ('constant' in f) values[f.field] = f.constant;
        else if ('problem' in f) errors.push({ field: f.field, message: f.problem });
        else {
          try {
            const text = String(engine.renderSync(f.templates, scope));
            const tooLong = renderedTooLong(text);
            if (tooLong) errors.push({ field: f.field, message: tooLong });
            else values[f.field] = text;
          } catch (error) {
            errors.push({ field: f.field, message: `Liquid failed: ${firstLine(error)}` });
          }
        }
      }
      return { values, errors };
    },
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
