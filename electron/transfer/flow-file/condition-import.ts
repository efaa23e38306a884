import type { ComparisonOperator, ConditionExpression, Literal } from '../../domain/workflow/workflow-definition';
import type { Environment } from '../../domain/environment/workflow-environment';
import { itemPathToField } from './field-paths';
import { listItemScope } from './step-environments';
import { issue, type FlowIssue } from './flow-issue';
import { mirrored, readOperator, valueless } from './condition-operators';

/**
 * Reads a condition tree (the `condition` config value: JSON in a string) into our ConditionExpression.
 * Flow nests LogicalExpression nodes two children at a time (lhs/rhs); ours are groups with any number of
 * items, so same-operator chains are flattened and one-item groups unwrapped (the normal form an export
 * gives back unchanged). A node we cannot represent becomes a placeholder comparison whose field names the
 * node (`flow-file/unmapped/<uuid>`): the node itself stays in the kept step and is written back on export,
 * and validation reports the placeholder, so the workflow cannot run by mistake.
 */
export const UNMAPPED_PREFIX = 'flow-file/unmapped/';
/** The whole condition could not be read (not JSON, or a node without a uuid could not be mapped). */
export const UNMAPPED_WHOLE = `${UNMAPPED_PREFIX}*`;

const MAX_DEPTH = 64;

export interface ConditionReadContext {
  /** The trigger's data: tells a list from text where Flow spells both tests `include?`; null when unknown. */
  env: Environment | null;
  stepId: string;
  /** JSON path of the config value in the file, for issues. */
  path: string;
  issues: FlowIssue[];
}

type Node = Record<string, unknown>;
type Leaf = { env: string } | { literal: unknown };
/** Where a node is read: at the top, or inside a list test (its item key and the item's environment). */
interface Level {
  itemKey: string | null;
  env: Environment | null;
}

class WholeUnmapped extends Error {}

export function placeholder(uuid: string): ConditionExpression {
  return { kind: 'compare', field: `${UNMAPPED_PREFIX}${uuid}`, operator: 'is_not_empty' };
}

export function isPlaceholder(expression: ConditionExpression): expression is Extract<ConditionExpression, { kind: 'compare' }> {
  return expression.kind === 'compare' && expression.field.startsWith(UNMAPPED_PREFIX);
}

export function importCondition(text: string, ctx: ConditionReadContext): ConditionExpression {
  let tree: unknown;
  try {
    tree = JSON.parse(text);
  } catch (error) {
    return whole(ctx, `the condition is not valid JSON (${(error as Error).message})`);
  }
  const before = ctx.issues.length;
  try {
    return normalizeCondition(readNode(tree, { itemKey: null, env: ctx.env }, 0, ctx));
  } catch (error) {
    if (!(error instanceof WholeUnmapped)) throw error;
    ctx.issues.length = before;
    return whole(ctx, error.message);
  }
}

function whole(ctx: ConditionReadContext, reason: string): ConditionExpression {
  ctx.issues.push(
    issue(
      'condition_kept_verbatim',
      'note',
      { path: ctx.path, stepId: ctx.stepId },
      `${reason}; the whole condition is kept verbatim and written back on export, and the workflow cannot run until it is replaced`,
    ),
  );
  return { kind: 'compare', field: UNMAPPED_WHOLE, operator: 'is_not_empty' };
}

function unmapped(node: unknown, reason: string, ctx: ConditionReadContext): ConditionExpression {
  const uuid = isObject(node) && typeof node.uuid === 'string' && node.uuid ? node.uuid : null;
  if (uuid === null) throw new WholeUnmapped(`${reason} (in a node without a uuid)`);
  ctx.issues.push(
    issue(
      'condition_kept_verbatim',
      'note',
      { path: ctx.path, stepId: ctx.stepId, conditionNode: uuid },
      `${reason}; this part is kept verbatim and written back on export, and the workflow cannot run until it is replaced`,
    ),
  );
  return placeholder(uuid);
}

function readNode(node: unknown, level: Level, depth: number, ctx: ConditionReadContext): ConditionExpression {
  if (depth > MAX_DEPTH) throw new WholeUnmapped(`the condition is nested more than ${MAX_DEPTH} levels deep`);
  if (!isObject(node)) return unmapped(node, 'a condition node is not an object', ctx);
  switch (node.operation_type) {
    case 'LogicalExpression': {
      const op = String(node.operator ?? '').toUpperCase();
      if (op !== 'AND' && op !== 'OR') return unmapped(node, `the logical operator "${String(node.operator)}" is not AND or OR`, ctx);
      const items = [node.lhs, node.rhs]
        .filter((child) => child !== undefined && child !== null)
        .map((child) => readNode(child, level, depth + 1, ctx));
      return { kind: 'group', operator: op === 'AND' ? 'and' : 'or', items };
    }
    case 'Comparison':
      return readComparison(node, level, ctx);
    case 'ArrayExpression':
      return readArray(node, level, depth, ctx);
    default:
      return unmapped(node, `the condition node type "${String(node.operation_type)}" is not one this app knows`, ctx);
  }
}

function readArray(node: Node, level: Level, depth: number, ctx: ConditionReadContext): ConditionExpression {
  const listPath = leafText(node.array_path);
  const key = leafText(node.array_item_key);
  if (listPath === null || key === null) return unmapped(node, 'the list test has no array_path or array_item_key', ctx);
  const quantifier = ({ ANY: 'any', SOME: 'any', ALL: 'all', EVERY: 'all', NONE: 'none', NOT_ANY: 'none' } as const)[
    String(node.operator ?? '').toUpperCase() as 'ANY'
  ];
  if (!quantifier) return unmapped(node, `the list operator "${String(node.operator)}" is not ANY, ALL or NONE`, ctx);
  const inner = node.operation ?? node.lhs;
  if (inner === undefined || inner === null) return unmapped(node, 'the list test has no operation', ctx);
  const field = fieldOf(listPath, level);
  return { kind: 'list', field, quantifier, item: readNode(inner, { itemKey: key, env: listItemScope(level.env, field) }, depth + 1, ctx) };
}

function readComparison(node: Node, level: Level, ctx: ConditionReadContext): ConditionExpression {
  const reading = typeof node.operator === 'string' ? readOperator(node.operator) : undefined;
  if (!reading) return unmapped(node, `the operator "${String(node.operator)}" is not one this app knows`, ctx);
  const lhs = leaf(node.lhs);
  const rhs = leaf(node.rhs);
  let path: string;
  let other: Leaf | null;
  let swapped = false;
  if (lhs && 'env' in lhs) {
    if (rhs && 'env' in rhs) return unmapped(node, 'the comparison compares two fields; ours compare a field with a value', ctx);
    path = lhs.env;
    other = rhs;
  } else if (rhs && 'env' in rhs && lhs) {
    path = rhs.env;
    other = lhs;
    swapped = true;
  } else {
    return unmapped(node, 'the comparison does not name a field', ctx);
  }
  const field = fieldOf(path, level);
  const valueType = typeof node.value_type === 'string' ? node.value_type : '';
  const found = level.env?.resolve(field);
  const isList = found?.ok === true && found.type.list;

  let operator: ComparisonOperator;
  let asList = false;
  if (reading.kind === 'plain') operator = reading.operator;
  else if (reading.kind === 'contains')
    operator = isList ? (reading.negated ? 'not_includes' : 'includes') : reading.negated ? 'not_contains' : 'contains';
  else {
    operator = reading.negated ? 'not_includes' : 'includes';
    asList = true;
  }
  if (swapped) {
    const flipped = mirrored[operator];
    if (!flipped)
      return unmapped(node, `the comparison has its value on the left, and "${String(node.operator)}" cannot be turned around`, ctx);
    operator = flipped;
  }

  const raw = other && 'literal' in other ? other.literal : undefined;
  if (operator === 'equals' && /:Boolean$/i.test(valueType) && (raw === true || raw === false || raw === 'true' || raw === 'false')) {
    return { kind: 'compare', field, operator: raw === true || raw === 'true' ? 'is_true' : 'is_false' };
  }
  if (valueless.has(operator) || raw === undefined) return { kind: 'compare', field, operator };
  return { kind: 'compare', field, operator, value: literalOf(raw, valueType, asList) };
}

/** Paths are ours as Flow writes them; inside a list test the item's are made relative to it. */
function fieldOf(path: string, level: Level): string {
  return level.itemKey ? itemPathToField(path, level.itemKey) : path;
}

function leaf(value: unknown): Leaf | null {
  if (!isObject(value)) return null;
  if (value.comparison_value_type === 'EnvironmentValue') {
    const path = typeof value.full_environment_path === 'string' ? value.full_environment_path : value.value;
    return typeof path === 'string' && path ? { env: path } : null;
  }
  if (value.comparison_value_type === 'LiteralValue') return { literal: value.value };
  return null;
}

function leafText(value: unknown): string | null {
  if (typeof value === 'string') return value || null;
  if (isObject(value) && typeof value.value === 'string' && value.value) return value.value;
  return null;
}

const numericTypes = /:(Int|Integer|Float|Decimal|Money|Number|UnsignedInt64|BigInt)$/i;

function literalOf(raw: unknown, valueType: string, asList: boolean): Literal {
  if (raw === null) return null;
  if (asList || /List/i.test(valueType)) {
    if (Array.isArray(raw)) return raw.map(String);
    if (typeof raw === 'string') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // not JSON: a comma-separated list, as people type it
      }
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return JSON.stringify(raw);
  if (numericTypes.test(valueType) && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
  if (/:Boolean$/i.test(valueType) && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** Same-operator groups flattened, one-item groups unwrapped: the form an import gives and an export keeps. */
export function normalizeCondition(expression: ConditionExpression): ConditionExpression {
  if (expression.kind === 'list') return { ...expression, item: normalizeCondition(expression.item) };
  if (expression.kind !== 'group') return expression;
  const items = expression.items
    .map(normalizeCondition)
    .flatMap((item) => (item.kind === 'group' && item.operator === expression.operator ? item.items : [item]));
  if (items.length === 1) return items[0]!;
  return { kind: 'group', operator: expression.operator, items };
}

function isObject(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
