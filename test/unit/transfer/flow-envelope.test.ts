import { describe, expect, it } from 'vitest';
import { openEnvelope, sealEnvelope, sha256Hex } from '../../../electron/transfer/flow-file/envelope';
import { FlowFileError } from '../../../electron/transfer/flow-file/flow-issue';

const json = '{"__metadata":{"version":0.1},"root":{"steps":[],"links":[]}}';

function failure(text: string) {
  try {
    openEnvelope(text);
  } catch (error) {
    if (error instanceof FlowFileError) return error.issue;
    throw error;
  }
  throw new Error('expected the envelope to be refused');
}

describe('the .flow envelope', () => {
  it('verifies the SHA-256 prefix of the JSON text exactly as it follows the colon', () => {
    const opened = openEnvelope(`${sha256Hex(json)}:${json}`);
    expect(opened).toMatchObject({ hash: 'verified', json, value: { root: { steps: [] } } });
  });

  it('accepts bare JSON, and says the prefix is missing', () => {
    expect(openEnvelope(json)).toMatchObject({ hash: 'missing', declaredHash: null });
  });

  it('reports a prefix that does not match (the file was edited), without refusing it', () => {
    const edited = `${sha256Hex(json)}:${json.replace('0.1', '0.2')}`;
    expect(openEnvelope(edited)).toMatchObject({ hash: 'mismatch', declaredHash: sha256Hex(json) });
  });

  it('tolerates a final newline, a byte-order mark and an upper-case prefix', () => {
    expect(openEnvelope(`\uFEFF${sha256Hex(json).toUpperCase()}:${json}\r\n`).hash).toBe('verified');
  });

  it('writes the prefix an importer checks', () => {
    const sealed = sealEnvelope(json);
    expect(sealed).toBe(`${sha256Hex(json)}:${json}`);
    expect(sealed).toMatch(/^[0-9a-f]{64}:\{/);
  });

  it('names the line and column of invalid JSON, counting the prefix', () => {
    const bad = '{"root":{"steps":[],}}';
    const found = failure(`${sha256Hex(bad)}:${bad}`);
    expect(found.code).toBe('invalid_json');
    // 64 hex digits and the colon, then the 21st character of the JSON
    expect(found.at).toEqual({ line: 1, column: 65 + 21 });
    expect(found.message).toBe('line 1, column 86: invalid JSON: expected a property name in double quotes, found "}"');
  });

  it('says a cut-off file ends too early, at its end, wherever it was cut', () => {
    for (const length of [25, 30, 40, json.length - 1]) {
      const found = failure(json.slice(0, length));
      expect(found).toMatchObject({ code: 'invalid_json', at: { line: 1, column: length + 1 } });
      expect(found.message).toBe(`line 1, column ${length + 1}: invalid JSON: the JSON ends too early (is the file cut short?)`);
    }
  });

  it('names what is wrong in words', () => {
    expect(failure('{"a": tru}').message).toBe('line 1, column 7: invalid JSON: unexpected "t" where a value should be');
    expect(failure('{"a": "x\ny"}').message).toBe('line 1, column 9: invalid JSON: a control character (a line break?) inside a string');
    expect(failure('{"a": "x\\qy"}').message).toBe('line 1, column 10: invalid JSON: a bad escape "\\q" in a string');
    expect(failure('{"a": 1} x').message).toBe('line 1, column 10: invalid JSON: unexpected "x" after the end of the JSON');
    expect(failure('{"a" 1}').message).toBe('line 1, column 6: invalid JSON: expected ":" after a property name, found "1"');
  });

  it('counts lines in pretty-printed JSON', () => {
    const found = failure('{\n  "root": {\n    "steps": [,]\n  }\n}');
    expect(found.at).toEqual({ line: 3, column: 15 });
  });

  it('refuses what is neither a prefix nor JSON, and a prefix of the wrong length', () => {
    expect(failure('hello world')).toMatchObject({
      code: 'wrong_envelope',
      message: 'line 1, column 1: this is not a .flow file: expected a SHA-256 prefix and a colon, or JSON starting with "{"',
    });
    expect(failure(`abc123:${json}`).message).toBe(
      'line 1, column 1: this is not a .flow file: the prefix has 6 hex digits where a SHA-256 has 64',
    );
    expect(failure('   \n').code).toBe('empty_file');
  });
});
