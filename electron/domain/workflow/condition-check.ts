import type { Catalog } from '../catalog/catalog';
import type { Environment } from '../environment/workflow-environment';
import type { PathResolution } from '../environment/resolve-path';
import type { CatalogIndex } from './catalog-index';
import type { StepProblems } from './problem-list';
import { pathProblem } from './path-problem';
import { isDateTime } from './value-format';
import {
  listOperators,
  operatorFamilyOfKind,
  operatorsForKind,
  valuelessOperators,
  type ActionStep,
  type OperatorFamily,
  type Comparison,
  type ComparisonOperator,
  type ConditionExpression,
  type ListTest,
} from './workflow-definition';

/** A piece of data a condition may test: a path on the workflow's data, resolved against the schema. */
type Resolved = Extract<PathResolution, { ok: true }>;
/** Null when the trigger is missing or unknown: then only what needs no trigger (R4) is checked. */
export type Scope = Environment | null;

export interface ConditionCheck {
  catalog: Catalog;
  index: CatalogIndex;
  /** The workflow's action steps by id: a condition naming one would test a connector, not data (R4). */
  actionSteps: ReadonlyMap<string, ActionStep>;
  problems: StepProblems;
}

const familyWords: Record<OperatorFamily, string> = {
  text: 'text',
  order: 'a number or date',
  boolean: 'a true/false value',
  enum: 'one of a fixed set of values',
  list: 'a list',
};
const noValue: ReadonlySet<ComparisonOperator> = new Set(valuelessOperators);

export function checkCondition(expression: ConditionExpression, path: string, scope: Scope, check: ConditionCheck): void {
  switch (expression.kind) {
    case 'group':
      if (expression.items.length === 0) {
        check.problems.error(
          'missing_required_field',
          `${path}.items`,
          `the ${expression.operator.toUpperCase()} group has no conditions`,
          {
            operator: expression.operator,
          },
        );
      }
      expression.items.forEach((item, i) => checkCondition(item, `${path}.items[${i}]`, scope, check));
      return;
    case 'list':
      return checkListTest(expression, path, scope, check);
    case 'compare':
      return checkComparison(expression, path, scope, check);
  }
}

/**
 * R4: a condition tests data; it is never a connector. The model has no condition step for an app, so a
 * connector can only sneak in as a field naming one: `app:handle`, a .flow task id (`app::area::handle`),
 * `app.something`, or the id of one of the workflow's action steps (its "result").
 */
function connectorNamedBy(field: string, scope: Scope, check: ConditionCheck): { appId: string; what: string } | null {
  if (scope?.variables.has(field.split('.')[0]!)) return null;
  const step = check.actionSteps.get(field);
  if (step) return { appId: step.task.app, what: `action step "${step.id}" (${step.task.app}:${step.task.handle})` };
  if (field.includes('::')) {
    const task = check.catalog.findTask(field);
    if (task) return { appId: task.app.id, what: `the ${task.kind} ${task.app.id}:${task.task.handle}` };
  }
  const [head = '', ...rest] = field.split(/::|:|\./);
  if (rest.length === 0) return null;
  const app = check.index.app(head);
  if (!app) return null;
  const handle = rest.join(':');
  const kind = check.index.action(head, handle) ? 'action ' : check.index.trigger(head, handle) ? 'trigger ' : '';
  return { appId: app.id, what: kind ? `the ${kind}${head}:${handle}` : `the app ${app.name.en}` };
}

/** Reports R4 or an unknown field; returns the field when the comparison can go on being checked. */
function resolveField(field: string, path: string, scope: Scope, check: ConditionCheck): Resolved | null {
  const connector = connectorNamedBy(field, scope, check);
  if (connector) {
    check.problems.error(
      'connector_as_condition',
      `${path}.field`,
      `"${field}" names ${connector.what}; a condition tests the trigger's data and can never be a connector (R4)`,
      { conditionField: field, appId: connector.appId },
    );
    return null;
  }
  if (scope === null) return null;
  const found = scope.resolve(field);
  if (!found.ok) {
    const problem = pathProblem(found, "the workflow's data");
    check.problems.error('unknown_condition_field', `${path}.field`, problem.message, {
      conditionField: field,
      ...problem.params,
    });
    return null;
  }
  return found;
}

/**
 * Any / all / none of a list's items. Inside, paths are relative to the item (`sku` of a line item), and
 * `item` is the item itself (a tag of `order.tags`).
 */
function checkListTest(test: ListTest, path: string, scope: Scope, check: ConditionCheck): void {
  const field = resolveField(test.field, path, scope, check);
  let itemScope: Scope = null;
  if (field && !field.type.list) {
    check.problems.error(
      'operator_not_for_type',
      `${path}.quantifier`,
      `"${test.field}" is not a list, so "${test.quantifier}" cannot test its items`,
      {
        conditionField: test.field,
        operator: test.quantifier,
      },
    );
  } else if (field && scope) {
    itemScope = scope.itemScope({ type: field.type.type, list: false });
  }
  checkCondition(test.item, `${path}.item`, itemScope, check);
}

function checkComparison(comparison: Comparison, path: string, scope: Scope, check: ConditionCheck): void {
  const field = resolveField(comparison.field, path, scope, check);
  if (!field) return;
  const { operator, value } = comparison;
  const family = operatorFamilyOfKind(field.kind, field.type.list);
  const allowed = operatorsForKind(field.kind, field.type.list);
  const params = { conditionField: comparison.field, operator };
  // `includes` also tests a single value against a list of values ("in list"), as the runtime does.
  const inList = listOperators.includes(operator as (typeof listOperators)[number]) && Array.isArray(value);
  if (!allowed.includes(operator) && !inList) {
    check.problems.error(
      'operator_not_for_type',
      `${path}.operator`,
      `"${operator}" does not apply to "${comparison.field}", which is ${familyWords[family]} (use ${allowed.join(', ')}${
        family === 'list' ? ', or a list test: any, all, none' : ''
      })`,
      params,
    );
    return;
  }
  const hasValue = value !== undefined && value !== null;
  if (noValue.has(operator)) {
    if (hasValue) check.problems.error('wrong_type', `${path}.value`, `"${operator}" takes no value`, params);
    return;
  }
  if (!hasValue) {
    check.problems.error(
      'missing_required_field',
      `${path}.value`,
      `"${comparison.field} ${operator}" needs a value to compare with`,
      params,
    );
    return;
  }
  const expected = Array.isArray(value)
    ? inList
      ? (value.map((v) => valueExpectation(field, v)).find((e) => e !== null) ?? null)
      : 'a single value, not a list'
    : valueExpectation(field, value);
  if (expected) {
    check.problems.error('wrong_type', `${path}.value`, `the value compared with "${comparison.field}" must be ${expected}`, {
      ...params,
      expected,
    });
  }
}

/** What a single value should have been (for a list field: one of its elements), or null when it fits. */
function valueExpectation(field: Resolved, value: string | number | boolean): string | null {
  switch (field.kind) {
    case 'date':
      return typeof value === 'string' && isDateTime(value) ? null : 'a date and time (ISO 8601)';
    case 'number': {
      const numeric = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
      return numeric ? null : 'a number';
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'enum': {
      const values = field.enumValues ?? [];
      return typeof value === 'string' && values.includes(value) ? null : `one of ${values.join(', ')}`;
    }
    default:
      return typeof value === 'string' ? null : 'text';
  }
}
