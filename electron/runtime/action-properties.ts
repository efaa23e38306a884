import type { CatalogAction } from '../domain/catalog/catalog-schema';
import type { InputProblem } from '../domain/liquid/render-inputs';

export interface ActionProperties {
  properties: Record<string, unknown>;
  errors: InputProblem[];
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The `properties` an app receives: each rendered field converted to its catalog type (numbers as
 * numbers, booleans as booleans, the rest as text). An empty optional field is left out; an empty
 * required field, or text where a number belongs, is an error of the step.
 */
export function actionProperties(action: CatalogAction | undefined, rendered: Readonly<Record<string, string>>): ActionProperties {
  const properties: Record<string, unknown> = {};
  const errors: InputProblem[] = [];
  const fields = new Map((action?.fields ?? []).map((f) => [f.key, f]));
  for (const [key, raw] of Object.entries(rendered)) {
    const field = fields.get(key);
    const text = raw.trim();
    if (!field) {
      properties[key] = raw;
      continue;
    }
    if (text === '') {
      if (field.required) errors.push({ field: key, message: `"${key}" is required but rendered empty` });
      continue;
    }
    switch (field.type) {
      case 'number_integer':
        if (INTEGER.test(text)) properties[key] = Number(text);
        else errors.push({ field: key, message: `"${key}" must be a whole number, got "${clip(text)}"` });
        break;
      case 'number_decimal':
        if (DECIMAL.test(text)) properties[key] = Number(text);
        else errors.push({ field: key, message: `"${key}" must be a number, got "${clip(text)}"` });
        break;
      case 'boolean':
        if (text === 'true' || text === 'false') properties[key] = text === 'true';
        else errors.push({ field: key, message: `"${key}" must be true or false, got "${clip(text)}"` });
        break;
      default:
        properties[key] = raw;
    }
  }
  for (const field of action?.fields ?? []) {
    if (field.required && !(field.key in rendered))
      errors.push({ field: field.key, message: `"${field.key}" is required but has no value` });
  }
  return { properties, errors };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
