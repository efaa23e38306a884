/**
 * Checks parsed JSON against the shape of resources/admin-schema.json, so a damaged or hand-edited
 * file is refused at load with the path of what is wrong instead of failing later inside a
 * validation. Hand-written rather than zod: it runs over ~10,000 fields at every start and stays
 * at a few milliseconds this way.
 */
import { parseTypeRef, SCHEMA_TYPE_KINDS } from './admin-schema-file.js';

const MAX_PROBLEMS = 10;

/** Problems as `types.Order.fields.name: …`; empty when the data is a well-formed schema file. */
export function checkAdminSchemaFile(data: unknown): string[] {
  const problems: string[] = [];
  const add = (where: string, what: string): boolean => problems.push(`${where}: ${what}`) >= MAX_PROBLEMS;

  if (!isRecord(data)) return ['(root): expected an object'];
  if (!isRecord(data.source)) add('source', 'expected an object');
  else {
    for (const key of ['package', 'version', 'file', 'sha256', 'licence']) {
      if (typeof data.source[key] !== 'string') add(`source.${key}`, 'expected a string');
    }
  }
  if (typeof data.apiVersion !== 'string') add('apiVersion', 'expected a string');
  if (!Array.isArray(data.mutations) || !data.mutations.every((m) => typeof m === 'string')) {
    add('mutations', 'expected a list of names');
  }
  if (!isRecord(data.types)) {
    add('types', 'expected an object');
    return problems;
  }

  const types = data.types;
  const defined = (name: string) => Object.hasOwn(types, name);
  const checkedRefs = new Map<string, string>(); // type ref → problem, '' when fine
  for (const name in types) {
    const type = types[name];
    const at = `types.${name}`;
    if (!isRecord(type)) {
      if (add(at, 'expected an object')) break;
      continue;
    }
    if (!SCHEMA_TYPE_KINDS.includes(type.kind as never)) {
      if (add(`${at}.kind`, `expected one of ${SCHEMA_TYPE_KINDS.join(', ')}`)) break;
      continue;
    }
    const hasFields = type.kind === 'OBJECT' || type.kind === 'INTERFACE';
    if (hasFields && checkFields(checkedRefs, type.fields, `${at}.fields`, defined, add)) break;
    if (type.kind === 'ENUM' && !isNameList(type.values) && add(`${at}.values`, 'expected a list of enum values')) break;
    if (type.kind === 'UNION' || type.kind === 'INTERFACE') {
      const members = type.possibleTypes;
      if (!isNameList(members)) {
        if (add(`${at}.possibleTypes`, 'expected a list of type names')) break;
      } else {
        const missing = members.find((m) => !defined(m));
        if (missing !== undefined && add(`${at}.possibleTypes`, `type ${missing} is not defined`)) break;
      }
    }
    if (type.deprecated !== undefined && !isNameList(type.deprecated) && add(`${at}.deprecated`, 'expected a list of field names')) break;
  }
  return problems;
}

/** True when the problem limit is reached. */
function checkFields(
  checkedRefs: Map<string, string>,
  fields: unknown,
  at: string,
  defined: (name: string) => boolean,
  add: (where: string, what: string) => boolean,
): boolean {
  if (!isRecord(fields)) return add(at, 'expected an object of field name → type');
  for (const fieldName in fields) {
    const ref = fields[fieldName];
    // ~10,000 fields share ~2,000 distinct type refs: judge each ref once.
    let problem = typeof ref === 'string' ? checkedRefs.get(ref) : undefined;
    if (problem === undefined) {
      const parsed = typeof ref === 'string' ? parseTypeRef(ref) : undefined;
      problem = !parsed
        ? `expected a type such as "String!" or "[LineItem]!", got ${JSON.stringify(ref)}`
        : !defined(parsed.type)
          ? `type ${parsed.type} is not defined`
          : '';
      if (typeof ref === 'string') checkedRefs.set(ref, problem);
    }
    if (problem !== '' && add(`${at}.${fieldName}`, problem)) return true;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
