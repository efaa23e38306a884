/**
 * Writes resources/admin-schema.json, the compact Admin API field model, from the introspection
 * shipped in `@shopify/dev-mcp` (see admin-schema-source.ts and compact-schema.ts):
 *   npm run catalog:schema            regenerate the file
 *   npm run catalog:schema -- --check exit 1 if the checked-in file is not what would be generated
 */
import fs from 'node:fs';
import path from 'node:path';
import { compactSchema, formatAdminSchemaFile } from '../electron/domain/schema/compact-schema';
import { readAdminIntrospection } from './admin-schema-source';

export const ADMIN_SCHEMA_PATH = path.resolve(__dirname, '..', 'resources', 'admin-schema.json');

/** The file's text as the generator writes it. */
export function generateAdminSchemaText(tarball?: string): string {
  const { source, apiVersion, schema } = readAdminIntrospection(tarball);
  return formatAdminSchemaFile({ source, apiVersion, ...compactSchema(schema) });
}

function main(): void {
  const check = process.argv.includes('--check');
  const text = generateAdminSchemaText();
  const shown = path.relative(process.cwd(), ADMIN_SCHEMA_PATH);
  if (check) {
    const current = fs.existsSync(ADMIN_SCHEMA_PATH) ? fs.readFileSync(ADMIN_SCHEMA_PATH, 'utf8') : '';
    if (current !== text) {
      console.error(`${shown} is not what npm run catalog:schema generates; run it and commit the result`);
      process.exit(1);
    }
    console.log(`${shown} is up to date`);
    return;
  }
  fs.writeFileSync(ADMIN_SCHEMA_PATH, text);
  const types = Object.keys((JSON.parse(text) as { types: object }).types).length;
  console.log(`${shown}: ${types} types, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`);
}

if (require.main === module) main();
