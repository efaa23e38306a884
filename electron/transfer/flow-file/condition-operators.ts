import type { ComparisonOperator } from '../../domain/workflow/workflow-definition';

/**
 * Comparison operators as .flow files spell them, and ours. Flow's own exports use symbols (`==`) and
 * Ruby-style predicates (`not_empty_and_not_nil?`); hand-written files use words ("starts with"). All
 * spellings are accepted; an export writes one canonical spelling per operator, so our own files come back
 * unchanged.
 */

/** What an operator becomes after reading the comparison around it. */
export type OperatorReading =
  | { kind: 'plain'; operator: ComparisonOperator }
  /** contains (text) or includes (list), decided by the field: Flow spells both `include?`. */
  | { kind: 'contains'; negated: boolean }
  /** value in a list of values: ours is `includes` with a list value. */
  | { kind: 'in_list'; negated: boolean };

/** `Starts With?` → `starts_with` */
export function normalizeOperatorSpelling(op: string): string {
  return op
    .trim()
    .toLowerCase()
    .replace(/\?$/, '')
    .replace(/[\s-]+/g, '_');
}

const spellings: Record<string, OperatorReading> = {};
function add(reading: OperatorReading, ...names: string[]): void {
  for (const name of names) spellings[name] = reading;
}
const plain = (operator: ComparisonOperator): OperatorReading => ({ kind: 'plain', operator });

add(plain('equals'), '==', '=', 'eq', 'equal', 'equals', 'equal_to', 'is');
add(plain('not_equals'), '!=', '<>', 'ne', 'not_equal', 'not_equals', 'not_equal_to', 'is_not');
add(plain('greater_than'), '>', 'gt', 'greater_than');
add(plain('greater_or_equal'), '>=', 'gte', 'greater_than_or_equal', 'greater_than_or_equal_to', 'greater_or_equal');
add(plain('less_than'), '<', 'lt', 'less_than');
add(plain('less_or_equal'), '<=', 'lte', 'less_than_or_equal', 'less_than_or_equal_to', 'less_or_equal');
add(plain('starts_with'), 'starts_with', 'start_with', 'begins_with');
add(plain('ends_with'), 'ends_with', 'end_with');
add(plain('contains'), 'contains', 'contain');
add(plain('not_contains'), 'does_not_contain', 'not_contains', 'not_contain');
add(plain('includes'), 'includes');
add(plain('not_includes'), 'does_not_include', 'not_includes');
add({ kind: 'contains', negated: false }, 'include');
add({ kind: 'contains', negated: true }, 'not_include', 'exclude', 'excludes');
add({ kind: 'in_list', negated: false }, 'in_list', 'in', 'is_in', 'one_of', 'is_one_of');
add({ kind: 'in_list', negated: true }, 'not_in_list', 'not_in', 'is_not_in', 'not_one_of', 'is_not_one_of');
add(plain('is_empty'), 'empty', 'is_empty', 'blank', 'empty_or_nil', 'nil_or_empty', 'is_blank');
add(plain('is_not_empty'), 'not_empty', 'is_not_empty', 'present', 'not_blank', 'not_empty_and_not_nil', 'is_present');
add(plain('is_true'), 'is_true', 'true');
add(plain('is_false'), 'is_false', 'false');

export function readOperator(op: string): OperatorReading | undefined {
  return spellings[normalizeOperatorSpelling(op)];
}

/** The spelling an export writes. is_true/is_false are written as `==` true/false, as Flow does. */
export const exportSpelling: Record<ComparisonOperator, string> = {
  equals: '==',
  not_equals: '!=',
  greater_than: '>',
  greater_or_equal: '>=',
  less_than: '<',
  less_or_equal: '<=',
  contains: 'contains',
  not_contains: 'does_not_contain',
  starts_with: 'starts_with',
  ends_with: 'ends_with',
  includes: 'includes',
  not_includes: 'does_not_include',
  is_empty: 'empty_or_nil?',
  is_not_empty: 'not_empty_and_not_nil?',
  is_true: '==',
  is_false: '==',
};

/** a > 5 read from the other side: 5 < a. */
export const mirrored: Partial<Record<ComparisonOperator, ComparisonOperator>> = {
  equals: 'equals',
  not_equals: 'not_equals',
  greater_than: 'less_than',
  less_than: 'greater_than',
  greater_or_equal: 'less_or_equal',
  less_or_equal: 'greater_or_equal',
};

/** Operators that take no value. */
export const valueless: ReadonlySet<ComparisonOperator> = new Set(['is_empty', 'is_not_empty', 'is_true', 'is_false']);
