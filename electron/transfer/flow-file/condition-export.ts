import { createHash } from 'node:crypto';
import type { Comparison, ConditionExpression, Literal } from '../../domain/workflow/workflow-definition';
import type { Environment } from '../../domain/environment/workflow-environment';
import { defaultItemKey, fieldToItemPath } from './field-paths';
import { listItemScope } from './step-environments';
import { exportSpelling, valueless } from './condition-operators';
import { isPlaceholder, UNMAPPED_PREFIX, UNMAPPED_WHOLE } from './condition-import';

/**
 * Writes our ConditionExpression as Flow's condition tree (JSON text). The root is always a
 * LogicalExpression, as in Flow's exports; groups of more than two items nest to the right. Node uuids are
 * derived from the step id and the node's place, so the same condition always gives the same text.
 * Placeholders for parts kept verbatim are replaced by the original nodes from the kept condition.
 */
export interface ConditionWriteContext {
  /** The data the condition step reads (see conditionEnvironments); null when the trigger is not known. */
  env: Environment | null;
  stepId: string;
  /** The condition text of the step as imported, if it was; placeholders are looked up in it. */
  keptText: string | null;
}

type Node = Record<string, unknown>;
/** Where a node is written: at the top (itemKey null), or inside a list test with the item's environment. */
interface Level {
  itemKey: string | null;
  env: Environment | null;
}

export function exportCondition(expression: ConditionExpression, ctx: ConditionWriteContext): string {
  if (isPlaceholder(expression) && expression.field === UNMAPPED_WHOLE && ctx.keptText !== null) return ctx.keptText;
  const writer = new Writer(ctx);
  const top: Level = { itemKey: null, env: ctx.env };
  const root =
    expression.kind === 'group'
      ? writer.logical(expression.operator, expression.items, 'r', null, top)
      : writer.logical('and', [expression], 'r', null, top);
  return JSON.stringify(root);
}

/** A stable uuid-shaped id from the step and the node's place in the tree. */
export function derivedUuid(stepId: string, place: string): string {
  const h = createHash('sha256').update(`${stepId}|${place}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

class Writer {
  private keptNodes: Map<string, Node> | null = null;
  private readonly variables: ReadonlySet<string>;

  constructor(private readonly ctx: ConditionWriteContext) {
    this.variables = new Set(ctx.env?.variables.keys() ?? []);
  }

  logical(operator: 'and' | 'or', items: readonly ConditionExpression[], place: string, parent: string | null, level: Level): Node {
    const uuid = derivedUuid(this.ctx.stepId, place);
    const node: Node = { uuid };
    if (parent !== null) node.parent_uuid = parent;
    if (items.length >= 1) node.lhs = this.node(items[0]!, `${place}.l`, uuid, level);
    if (items.length === 2) node.rhs = this.node(items[1]!, `${place}.r`, uuid, level);
    if (items.length > 2) node.rhs = this.logical(operator, items.slice(1), `${place}.r`, uuid, level);
    node.operator = operator.toUpperCase();
    node.operation_type = 'LogicalExpression';
    return node;
  }

  private node(expression: ConditionExpression, place: string, parent: string, level: Level): Node {
    switch (expression.kind) {
      case 'group':
        return this.logical(expression.operator, expression.items, place, parent, level);
      case 'list':
        return this.list(expression, place, parent, level);
      case 'compare':
        return isPlaceholder(expression)
          ? this.kept(expression.field.slice(UNMAPPED_PREFIX.length), place, parent)
          : this.comparison(expression, place, parent, level);
    }
  }

  private list(expression: Extract<ConditionExpression, { kind: 'list' }>, place: string, parent: string, level: Level): Node {
    const uuid = derivedUuid(this.ctx.stepId, place);
    const listPath = this.path(expression.field, level);
    const key = defaultItemKey(listPath);
    const inner: Level = { itemKey: key, env: listItemScope(level.env, expression.field) };
    const item = expression.item;
    return {
      uuid,
      parent_uuid: parent,
      array_path: {
        uuid: derivedUuid(this.ctx.stepId, `${place}.a`),
        parent_uuid: uuid,
        value: listPath,
        comparison_value_type: 'EnvironmentValue',
      },
      array_item_key: {
        uuid: derivedUuid(this.ctx.stepId, `${place}.k`),
        parent_uuid: uuid,
        value: key,
        comparison_value_type: 'EnvironmentValue',
      },
      operation:
        item.kind === 'group'
          ? this.logical(item.operator, item.items, `${place}.o`, uuid, inner)
          : this.logical('and', [item], `${place}.o`, uuid, inner),
      operator: { any: 'ANY', all: 'ALL', none: 'NONE' }[expression.quantifier],
      operation_type: 'ArrayExpression',
    };
  }

  private comparison(expression: Comparison, place: string, parent: string, level: Level): Node {
    const uuid = derivedUuid(this.ctx.stepId, place);
    const path = this.path(expression.field, level);
    const { operator, value } = expression;
    let spelling = exportSpelling[operator];
    let text: unknown = literalText(value);
    if (operator === 'is_true' || operator === 'is_false') text = operator === 'is_true' ? 'true' : 'false';
    else if (valueless.has(operator)) text = '';
    else if ((operator === 'includes' || operator === 'not_includes') && Array.isArray(value))
      spelling = operator === 'includes' ? 'in_list' : 'not_in_list';
    const node: Node = {
      uuid,
      parent_uuid: parent,
      lhs: {
        uuid: derivedUuid(this.ctx.stepId, `${place}.l`),
        parent_uuid: uuid,
        value: path,
        comparison_value_type: 'EnvironmentValue',
        full_environment_path: path,
      },
    };
    if (text !== undefined)
      node.rhs = {
        uuid: derivedUuid(this.ctx.stepId, `${place}.r`),
        parent_uuid: uuid,
        value: text,
        comparison_value_type: 'LiteralValue',
      };
    node.value_type = valueType(expression);
    node.operator = spelling;
    node.operation_type = 'Comparison';
    return node;
  }

  /** Paths are written as they are, but for a list test's item (`item` → `tags_item`, `sku` → `lineItems_item.sku`). */
  private path(field: string, level: Level): string {
    return level.itemKey ? fieldToItemPath(field, level.itemKey, level.env, this.variables) : field;
  }

  /** The original node of a part kept verbatim, re-parented where the tree now has it. */
  private kept(uuid: string, place: string, parent: string): Node {
    const found = this.keptIndex().get(uuid);
    if (!found) return { uuid, parent_uuid: parent, operation_type: 'Unmapped', place };
    return { ...found, parent_uuid: parent };
  }

  private keptIndex(): Map<string, Node> {
    if (this.keptNodes) return this.keptNodes;
    this.keptNodes = new Map();
    if (this.ctx.keptText !== null) {
      try {
        collectNodes(JSON.parse(this.ctx.keptText), this.keptNodes, 0);
      } catch {
        // the kept text was not JSON: then the whole condition is a placeholder, handled above
      }
    }
    return this.keptNodes;
  }
}

function collectNodes(value: unknown, into: Map<string, Node>, depth: number): void {
  if (depth > 200 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const child of value) collectNodes(child, into, depth + 1);
    return;
  }
  const node = value as Node;
  if (typeof node.uuid === 'string' && !into.has(node.uuid)) into.set(node.uuid, node);
  for (const child of Object.values(node)) collectNodes(child, into, depth + 1);
}

function literalText(value: Literal | undefined): unknown {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

function valueType(expression: Comparison): string {
  const { operator, value } = expression;
  if (operator === 'is_true' || operator === 'is_false' || typeof value === 'boolean') return 'EnvironmentScalarDefinition:Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'EnvironmentScalarDefinition:Int' : 'EnvironmentScalarDefinition:Float';
  if (Array.isArray(value) && operator !== 'includes' && operator !== 'not_includes') return 'EnvironmentListDefinition:String';
  return 'EnvironmentScalarDefinition:String';
}
