import { z } from 'zod';
import { contract } from './contract';

type JsonSchema = Record<string, unknown>;

/** Schemas registered with an id (`.meta({ id })`) are written once under "Shared types" and referenced by name. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', shared: Map<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  const defs = json.$defs as Record<string, JsonSchema> | undefined;
  if (defs) {
    for (const [name, def] of Object.entries(defs)) if (!shared.has(name)) shared.set(name, def);
    delete json.$defs;
  }
  return json;
}

function block(json: unknown): string[] {
  return ['```json', JSON.stringify(json, null, 2).replace(/"#\/\$defs\/(\w+)"/g, '"#/shared/$1"'), '```'];
}

/** docs/api.md, generated from the contract so it cannot drift (a test compares it). */
export function renderApiDocs(): string {
  const methods = Object.keys(contract).sort() as (keyof typeof contract)[];
  const shared = new Map<string, JsonSchema>();
  const lines = [
    '# Flow Admin API',
    '',
    'Generated from `electron/api/contract.ts` by `npm run docs:api`; a test fails when this file is stale.',
    '',
    'The same methods are served two ways: over Electron IPC through the preload bridge (`window.flowAdminApi[method](input)`),',
    'and in browser mode as `POST /api/<method>` on 127.0.0.1 with a JSON body and the launch token',
    '(`Authorization: Bearer <token>`). A refusal is a 4xx with `{"error": {"code", "message", "details"}}`:',
    '`invalid_input` (400, `details.issues` lists each field path and issue code), `invalid_json` (400), `unauthorized` (401),',
    '`forbidden_host` (403), `unknown_method` / `not_found` (404), `conflict` (409), `payload_too_large` (413),',
    '`unsupported_media_type` (415), `refused` (422, a rule of the domain says no, with its reason), `confirmation_required` (428).',
    'While the app opens: `upgrading` (503, the database is being upgraded; `details.upgrade` says which step and how far:',
    '`version`, `name`, `step` of `steps`, `done` of `total` `unit`; ask again), `startup_failed` (500, it could not be opened),',
    '`database_damaged` (500, its start-up check found damage: the message says where and names the newest sound backup).',
    'Changes made while that check still runs wait for it.',
    '',
    'Types used by several methods (`{"$ref": "#/shared/Name"}`) are described once, under [Shared types](#shared-types).',
    '',
    '## Methods',
    '',
    ...methods.map((m) => `- [\`${m}\`](#${m.replace(/\./g, '').toLowerCase()}): ${contract[m].summary}`),
    '',
  ];
  for (const m of methods) {
    const spec = contract[m];
    const input = schemaOf(spec.input, 'input', shared);
    const output = schemaOf(spec.output, 'output', shared);
    lines.push(`### ${m}`, '', spec.summary, '', 'Input:', '', ...block(input), '', 'Output:', '', ...block(output), '');
  }
  lines.push('## Shared types', '');
  for (const [name, def] of [...shared].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`### ${name}`, '', ...block(def), '');
  }
  return lines.join('\n');
}
