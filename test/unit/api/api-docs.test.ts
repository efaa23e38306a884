import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../../../electron/api/api-docs';
import { contract } from '../../../electron/api/contract';

describe('docs/api.md', () => {
  const docs = fs.readFileSync(path.resolve('docs/api.md'), 'utf8');

  it('is what the contract generates today (run npm run docs:api after changing the contract)', () => {
    expect(docs).toBe(renderApiDocs());
  });

  it('documents every method of the contract with its input and output', () => {
    for (const method of Object.keys(contract)) {
      expect(docs).toContain(`### ${method}\n`);
    }
  });
});
