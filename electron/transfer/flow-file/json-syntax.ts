/**
 * Where JSON text first goes wrong, and why, in words: V8's JSON.parse does not always say where (nor in
 * words an admin reads). Used only after JSON.parse has refused the text.
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const MAX_DEPTH = 5000;

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

export function findJsonSyntaxError(s: string): JsonSyntaxError | null {
  let i = 0;
  const show = (ch: string | undefined) => (ch === undefined ? 'the end' : JSON.stringify(ch));
  const fail = (message: string): never => {
    throw new Stop(i, i >= s.length ? 'the JSON ends too early (is the file cut short?)' : message);
  };
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= s.length) fail('');
      const ch = s[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        i++;
        const esc = s[i];
        if (esc === undefined) fail('');
        if ('bfnrt"\\/'.includes(esc!)) i++;
        else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) i += 5;
        else fail(`a bad escape "\\${esc}" in a string`);
        continue;
      }
      if (ch < ' ') fail('a control character (a line break?) inside a string');
      i++;
    }
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    ws();
    const c = s[i];
    if (c === undefined) return fail('');
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') return void i++;
      for (;;) {
        ws();
        if (s[i] !== '"') fail(`expected a property name in double quotes, found ${show(s[i])}`);
        string();
        ws();
        if (s[i] !== ':') fail(`expected ":" after a property name, found ${show(s[i])}`);
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') return void i++;
        fail(`expected "," or "}" after a property value, found ${show(s[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') return void i++;
        fail(`expected "," or "]" after a list item, found ${show(s[i])}`);
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) {
      number.lastIndex = i;
      const match = number.exec(s);
      if (!match) fail(`a malformed number`);
      i += match![0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (s.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`unexpected ${show(c)} where a value should be`);
  };
  try {
    value(0);
    ws();
    if (i < s.length) fail(`unexpected ${show(s[i])} after the end of the JSON`);
    return null;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message };
    throw error;
  }
}
