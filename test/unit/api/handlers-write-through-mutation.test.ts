import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const handlersDir = path.resolve('electron/api/handlers');

/** Every handler file, with the lines where it opens a transaction of its own. */
function transactionsInHandlers(): string[] {
  const found: string[] = [];
  for (const file of fs.readdirSync(handlersDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const lines = fs.readFileSync(path.join(handlersDir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/\.transaction\s*\(/.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('handlers write through the mutation wrapper (electron/api/mutation.ts)', () => {
  it('no handler opens a transaction of its own: changes go through mutation, mutationStep or rolledBack', () => {
    expect(fs.readdirSync(handlersDir).length).toBeGreaterThan(10);
    expect(transactionsInHandlers()).toEqual([]);
  });
});
