import { createHash } from 'node:crypto';
import { FlowFileError, issue } from './flow-issue';
import { findJsonSyntaxError } from './json-syntax';

/**
 * The .flow envelope: one line `<64 lowercase hex>:<compact JSON>`, the prefix being the plain SHA-256 of
 * the JSON text exactly as it follows the colon. Some tools write bare JSON; both are accepted, and the
 * result says which, so the import report can tell the admin.
 */
export type HashStatus = 'verified' | 'missing' | 'mismatch';

export interface OpenedEnvelope {
  hash: HashStatus;
  /** The prefix as written, when there is one. */
  declaredHash: string | null;
  /** SHA-256 of the JSON text. */
  actualHash: string;
  /** The JSON text (without the prefix). */
  json: string;
  /** The parsed JSON. */
  value: unknown;
}

const PREFIX = /^([0-9a-fA-F]{64}):/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Writes the envelope an exporter always writes: the prefix, a colon, the JSON. */
export function sealEnvelope(json: string): string {
  return `${sha256Hex(json)}:${json}`;
}

/**
 * Opens a file's text: checks the prefix against the JSON and parses it.
 * @throws FlowFileError naming the line and column of what is wrong
 */
export function openEnvelope(rawText: string): OpenedEnvelope {
  let text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  // Editors add a final newline; the hash covers the JSON only.
  text = text.replace(/\s+$/, '');
  const leading = text.length - text.trimStart().length;
  if (text.trim() === '') throw new FlowFileError(issue('empty_file', 'error', { line: 1, column: 1 }, 'the file is empty'));

  const match = PREFIX.exec(text);
  let json: string;
  let offset: number;
  let declaredHash: string | null = null;
  if (match) {
    declaredHash = match[1]!.toLowerCase();
    offset = match[0].length;
    json = text.slice(offset);
  } else if (text.trimStart().startsWith('{')) {
    offset = leading;
    json = text.slice(offset);
  } else {
    const hexRun = /^[0-9a-fA-F]*/.exec(text)![0].length;
    const detail =
      hexRun > 0 && text[hexRun] === ':'
        ? `the prefix has ${hexRun} hex digits where a SHA-256 has 64`
        : 'expected a SHA-256 prefix and a colon, or JSON starting with "{"';
    throw new FlowFileError(issue('wrong_envelope', 'error', { line: 1, column: 1 }, `this is not a .flow file: ${detail}`));
  }

  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const found = findJsonSyntaxError(json) ?? { offset: json.length, message: (error as Error).message };
    throw new FlowFileError(issue('invalid_json', 'error', lineColumn(text, offset + found.offset), `invalid JSON: ${found.message}`));
  }
  const actualHash = sha256Hex(json);
  const hash: HashStatus = declaredHash === null ? 'missing' : declaredHash === actualHash ? 'verified' : 'mismatch';
  return { hash, declaredHash, actualHash, json, value };
}

function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
