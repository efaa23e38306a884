import type { Environment } from '../environment/workflow-environment';
import type { ValueKind as SchemaValueKind } from '../schema/admin-schema';
import type { ConditionExpression } from '../workflow/workflow-definition';
import type { FieldShapes, ValueKind } from './compile-condition';

/** Conditions compare numbers numerically, dates as instants, booleans as such, and everything else as text. */
function comparedAs(kind: SchemaValueKind): ValueKind {
  return kind === 'number' || kind === 'date' || kind === 'boolean' ? kind : 'text';
}

/**
 * How each path a condition names compares, from the Admin schema (`order.totalPriceSet.shopMoney.amount`
 * numerically, `order.createdAt` as a date). Paths inside any / all / none of are relative to the item and
 * are added under their own relative names.
 */
export function conditionShapes(expression: ConditionExpression, environment: Environment | null): FieldShapes {
  const shapes: Record<string, { kind: ValueKind; list: boolean }> = {};
  if (environment) collect(expression, environment, shapes);
  return shapes;
}

function collect(
  expression: ConditionExpression,
  environment: Environment,
  shapes: Record<string, { kind: ValueKind; list: boolean }>,
): void {
  switch (expression.kind) {
    case 'group':
      for (const item of expression.items) collect(item, environment, shapes);
      return;
    case 'compare': {
      const found = environment.resolve(expression.field);
      if (found.ok) shapes[expression.field] = { kind: comparedAs(found.kind), list: found.type.list };
      return;
    }
    case 'list': {
      const found = environment.resolve(expression.field);
      if (!found.ok) return;
      shapes[expression.field] = { kind: comparedAs(found.kind), list: found.type.list };
      collect(expression.item, environment.itemScope({ type: found.type.type, list: false }), shapes);
      return;
    }
  }
}
