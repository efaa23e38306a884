import { z } from 'zod';
import { contract } from './contract';

function schemaText(schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return JSON.stringify(json, null, 2);
}

/** docs/api.md, generated from the contract so it cannot drift (a test compares it). */
export function renderApiDocs(): string {
  const methods = Object.keys(contract).sort() as (keyof typeof contract)[];
  const lines = [
    '# Flow Admin API',
    '',
    'Generated from `electron/api/contract.ts` by `npm run docs:api`; a test fails when this file is stale.',
    '',
    'The same methods are served two ways: over Electron IPC through the preload bridge (`window.flowAdminApi[method](input)`),',
    'and in browser mode as `POST /api/<method>` on 127.0.0.1 with a JSON body and the launch token',
    '(`Authorization: Bearer <token>`). A refusal is a 4xx with `{"error": {"code", "message", "details"}}`:',
    '`invalid_input` (400, `details.issues` lists each field path), `invalid_json` (400), `unauthorized` (401),',
    '`forbidden_host` (403), `unknown_method` / `not_found` (404), `conflict` (409), `payload_too_large` (413),',
    '`unsupported_media_type` (415), `refused` (422, a rule of the domain says no, with its reason), `confirmation_required` (428).',
    '',
    '## Methods',
    '',
    ...methods.map((m) => `- [\`${m}\`](#${m.replace(/\./g, '')}): ${contract[m].summary}`),
    '',
  ];
  for (const m of methods) {
    const spec = contract[m];
    lines.push(`### ${m}`, '', spec.summary, '', 'Input:', '', '```json', schemaText(spec.input, 'input'), '```', '', 'Output:', '', '```json', schemaText(spec.output, 'output'), '```', '');
  }
  return lines.join('\n');
}
