/**
 * Run code's output_schema: GraphQL SDL with a `type Output { … }` (and types it uses), e.g.
 * `type Output { giftMessage: String! totalGifts: Int! }`. The script's returned object is checked against it,
 * so later steps get the data the workflow was validated for.
 */

interface TypeRef {
  name: string;
  nonNull: boolean;
  list: { nonNull: boolean } | null;
}

interface SdlField {
  name: string;
  type: TypeRef;
}

export type OutputSchema = { types: Map<string, SdlField[]>; enums: Map<string, string[]> };

/** Reads the SDL; null when it has no `type Output` (then the output is not checked). */
export function parseOutputSchema(sdl: string): OutputSchema | null {
  // Descriptions and comments say nothing about shapes.
  const text = sdl
    .replace(/"""[\s\S]*?"""/g, ' ')
    .replace(/"(?:[^"\\\n]|\\.)*"/g, ' ')
    .replace(/#[^\n]*/g, ' ');
  const types = new Map<string, SdlField[]>();
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/\b(type|enum)\s+([_A-Za-z][_0-9A-Za-z]*)[^{]*\{([^}]*)\}/g)) {
    const [, kind, name, body] = m as unknown as [string, string, string, string];
    if (kind === 'enum') {
      enums.set(
        name,
        body.split(/[\s,]+/).filter((v) => v !== ''),
      );
      continue;
    }
    const fields: SdlField[] = [];
    for (const f of body.matchAll(
      /([_A-Za-z][_0-9A-Za-z]*)\s*(?:\([^)]*\))?\s*:\s*(\[\s*[_A-Za-z][_0-9A-Za-z]*\s*!?\s*\]|[_A-Za-z][_0-9A-Za-z]*)\s*(!?)/g,
    )) {
      const [, fieldName, typeText, bang] = f as unknown as [string, string, string, string];
      const list = typeText.startsWith('[');
      const inner = list ? typeText.slice(1, -1).trim() : typeText;
      const innerNonNull = inner.endsWith('!');
      fields.push({
        name: fieldName,
        type: list
          ? { name: inner.replace('!', '').trim(), nonNull: innerNonNull, list: { nonNull: bang === '!' } }
          : { name: inner, nonNull: bang === '!', list: null },
      });
    }
    types.set(name, fields);
  }
  return types.has('Output') ? { types, enums } : null;
}

/** What in the returned value does not fit the schema, each with its path (`runCode.gifts[0].amount`). */
export function outputProblems(schema: OutputSchema, value: unknown, root = 'runCode'): string[] {
  const problems: string[] = [];
  checkObject(schema, 'Output', value, root, problems, 0);
  return problems;
}

function checkObject(schema: OutputSchema, typeName: string, value: unknown, path: string, problems: string[], depth: number): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${path}: must be an object (${typeName})`);
    return;
  }
  const fields = schema.types.get(typeName) ?? [];
  const record = value as Record<string, unknown>;
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) problems.push(`${path}.${key}: not a field of ${typeName} in the output schema`);
  }
  for (const field of fields) checkValue(schema, field.type, record[field.name], `${path}.${field.name}`, problems, depth + 1);
}

function checkValue(schema: OutputSchema, type: TypeRef, value: unknown, path: string, problems: string[], depth: number): void {
  if (depth > 20) return;
  const outerNonNull = type.list ? type.list.nonNull : type.nonNull;
  if (value === null || value === undefined) {
    if (outerNonNull) problems.push(`${path}: is required (${typeText(type)}) but was not returned`);
    return;
  }
  if (type.list) {
    if (!Array.isArray(value)) {
      problems.push(`${path}: must be a list (${typeText(type)})`);
      return;
    }
    value.forEach((item, i) => checkValue(schema, { ...type, list: null }, item, `${path}[${i}]`, problems, depth + 1));
    return;
  }
  const problem = scalarProblem(schema, type.name, value);
  if (problem === 'object') checkObject(schema, type.name, value, path, problems, depth);
  else if (problem) problems.push(`${path}: ${problem}`);
}

/** null when it fits, 'object' when the type is one of the schema's own object types. */
function scalarProblem(schema: OutputSchema, name: string, value: unknown): string | null | 'object' {
  switch (name) {
    case 'String':
      return typeof value === 'string' ? null : `must be text (String), got ${describe(value)}`;
    case 'Int':
      return typeof value === 'number' && Number.isInteger(value) ? null : `must be a whole number (Int), got ${describe(value)}`;
    case 'Float':
    case 'Decimal':
      return typeof value === 'number' && Number.isFinite(value) ? null : `must be a number (${name}), got ${describe(value)}`;
    case 'Boolean':
      return typeof value === 'boolean' ? null : `must be true or false (Boolean), got ${describe(value)}`;
    case 'ID':
      return typeof value === 'string' || typeof value === 'number' ? null : `must be an id (ID), got ${describe(value)}`;
  }
  const values = schema.enums.get(name);
  if (values)
    return typeof value === 'string' && values.includes(value)
      ? null
      : `must be one of ${values.join(', ')} (${name}), got ${describe(value)}`;
  if (schema.types.has(name)) return 'object';
  return null;
}

function typeText(t: TypeRef): string {
  const inner = `${t.name}${t.nonNull ? '!' : ''}`;
  return t.list ? `[${inner}]${t.list.nonNull ? '!' : ''}` : inner;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}
