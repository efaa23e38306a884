/**
 * Writes a large organization into a Flow Admin database (created if missing), for benchmarks and demos:
 *   npx tsx scripts/generate-organization.ts <database-file> [--seed 1] [--stores 1000] [--workflows 2000] [--schema N]
 * --schema N migrates a new file only up to schema version N first (to measure an upgrade later).
 * Connection secrets are sealed with the key file beside the database, as the app does.
 */
import path from 'node:path';
import { loadCatalog } from '../electron/domain/catalog/load-catalog';
import { generateOrganization } from '../test/support/generate-organization';
import { keyProviderFor, SecretBox } from '../electron/security/secret-box';
import { migrations } from '../electron/store/migrations';
import { openDatabase } from '../electron/store/open-database';

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number, got "${args[at + 1]}"`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args[0];
  if (!file || file.startsWith('--'))
    throw new Error('usage: generate-organization.ts <database-file> [--seed 1] [--stores 1000] [--workflows 2000] [--schema N]');
  const schema = option(args, 'schema', migrations.length);
  const { db } = await openDatabase(path.resolve(file), { migrations: migrations.slice(0, schema) });
  const box = new SecretBox(keyProviderFor(path.resolve(file)));
  const started = performance.now();
  const result = generateOrganization(db, loadCatalog(), {
    seed: option(args, 'seed', 1),
    stores: option(args, 'stores', 1000),
    workflows: option(args, 'workflows', 2000),
    seal: (plain, context) => box.seal(plain, context),
  });
  db.close();
  const { rows } = result;
  console.log(
    JSON.stringify({
      organizationId: result.organizationId,
      stores: result.storeIds.length,
      workflows: result.workflowIds.length,
      ...rows,
      ms: Math.round(performance.now() - started),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
