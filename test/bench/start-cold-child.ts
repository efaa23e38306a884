/**
 * One round of `start-cold-alternate.ts`, in its own process and with the given tree's code:
 *   tsx test/bench/start-cold-child.ts <tree> <database-file> <organization-id> <starts> [store|activation|none]
 * Each start is the organization bench's cold start: another connection changes a store (as a program would
 * while the app is closed; or one activation, or nothing: the overview kept), then the app opens the file as the
 * desktop app and browser mode do (`checkOffPath`; a tree without it checks on the path), answers the first
 * `status.overview`, and is closed once its check ended (outside the timing).
 * Prints one JSON line, after one unmeasured start: the starts' wall times to the answer, the process's CPU time
 * (user + system, all threads) by then, and the times at which the check ended (writes allowed, the runtime may
 * start), in ms.
 */
import path from 'node:path';

async function main(): Promise<void> {
  const [tree, file, organizationId, startsText, changed = 'store'] = process.argv.slice(2);
  if (!tree || !file || !organizationId) throw new Error('usage: start-cold-child.ts <tree> <database-file> <organization-id> <starts>');
  const starts = Number(startsText ?? 5);
  const { openAppContext } = (await import(path.join(tree, 'electron', 'app-context.ts'))) as typeof import('../../electron/app-context');
  const { default: Database } = (await import(path.join(tree, 'node_modules', 'better-sqlite3', 'lib', 'index.js'))) as {
    default: typeof import('better-sqlite3');
  };
  const outside = new Database(file);
  const anyStore = outside.prepare(`SELECT id FROM stores WHERE organization_id = ? LIMIT 1`).pluck().get(organizationId) as string;
  const anyPair = outside
    .prepare(`SELECT a.workflow_id, a.store_id FROM activations a JOIN stores s ON s.id = a.store_id WHERE s.organization_id = ? LIMIT 1`)
    .raw()
    .get(organizationId) as [string, string];
  const touchStore = outside.prepare(`UPDATE stores SET updated_at = updated_at WHERE id = ?`);
  const touchActivation = outside.prepare(`UPDATE activations SET updated_at = updated_at WHERE workflow_id = ? AND store_id = ?`);
  const change = () => {
    if (changed === 'store') touchStore.run(anyStore);
    else if (changed === 'activation') touchActivation.run(...anyPair);
  };
  const times: number[] = [];
  const cpu: number[] = [];
  const checked: number[] = [];
  for (let i = 0; i <= starts; i++) {
    change();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const app = await openAppContext({ databasePath: file, userName: 'bench', checkOffPath: true });
    const result = await app.api.call('status.overview', { organizationId });
    if (!result.ok) throw new Error(result.error.message);
    const answered = performance.now() - started;
    const used = process.cpuUsage(cpuBefore);
    await (app as { checked?: Promise<void> }).checked;
    const checkEnded = performance.now() - started;
    app.close();
    if (i > 0) {
      times.push(answered);
      cpu.push((used.user + used.system) / 1000);
      checked.push(checkEnded);
    }
  }
  outside.close();
  console.log(JSON.stringify({ times, cpu, checked }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
