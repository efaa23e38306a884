/**
 * Run code's input: a GraphQL query over the workflow's own data (not the Admin API), e.g.
 * `{ order { note lineItems { title } } }`. Flow answers it from the run's data; so does this, offline.
 * Lists come back as arrays (connections are already flattened, as Flow presents them).
 */

export interface Selection {
  /** The key in the result (an alias, else the field's name). */
  key: string;
  field: string;
  children: Selection[] | null;
}

export class InputQueryError extends Error {
  override readonly name = 'InputQueryError';
}

const TOKEN = /\s+|,|#[^\n]*|\.\.\.|[{}():$!=@[\]]|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[_A-Za-z][_0-9A-Za-z]*/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new InputQueryError(`The input query cannot be read at character ${at + 1}: "${text.slice(at, at + 12)}"`);
    const t = m[0];
    if (/^\s/.test(t) || t === ',' || t.startsWith('#')) continue;
    tokens.push(t);
  }
  return tokens;
}

/** Parses the selection of a query; arguments and variables are accepted and ignored (Flow's data has none). */
export function parseInputQuery(text: string): Selection[] {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new InputQueryError('The input query ends too early: a "}" is missing');
    return t;
  };
  const skipParens = () => {
    let depth = 0;
    do {
      const t = next();
      if (t === '(') depth++;
      else if (t === ')') depth--;
    } while (depth > 0);
  };
  const selectionSet = (): Selection[] => {
    if (next() !== '{') throw new InputQueryError('The input query must start its fields with "{"');
    const out: Selection[] = [];
    while (peek() !== '}') {
      const first = next();
      if (first === '...') throw new InputQueryError('Fragments are not supported in the input query: list the fields');
      if (!/^[_A-Za-z]/.test(first)) throw new InputQueryError(`Expected a field name in the input query, found "${first}"`);
      let key = first;
      let field = first;
      if (peek() === ':') {
        next();
        field = next();
      }
      if (peek() === '(') skipParens();
      const children = peek() === '{' ? selectionSet() : null;
      out.push({ key, field, children });
      key = '';
    }
    next();
    return out;
  };
  if (peek() === 'query') {
    next();
    if (peek() !== '{' && peek() !== '(') next();
    if (peek() === '(') skipParens();
  }
  const selections = selectionSet();
  if (i < tokens.length) throw new InputQueryError(`The input query has more after its last "}": "${tokens[i]}"`);
  return selections;
}

/** The query's answer from the run's data: what the script's `main(input)` receives. Missing fields are null. */
export function answerInputQuery(selections: readonly Selection[], data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  for (const s of selections) {
    const value = Object.hasOwn(source, s.field) ? source[s.field] : null;
    out[s.key] = s.children ? pick(s.children, value) : (value ?? null);
  }
  return out;
}

function pick(children: readonly Selection[], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => pick(children, item));
  if (typeof value !== 'object') return value;
  return answerInputQuery(children, value);
}
