import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openAppContext, type AppContext } from './app-context';
import { startingApi, upgradeMessage } from './api/starting-api';
import { startHttpServer } from './server/http-server';
import { defaultDatabasePath } from './user-data-path';

/** The built renderer, found from either build/electron/ (compiled) or electron/ (run from source). */
function findRendererDir(): string | undefined {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'build', 'renderer');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    const sibling = path.join(dir, 'renderer');
    if (path.basename(dir) === 'build' && fs.existsSync(path.join(sibling, 'index.html'))) return sibling;
  }
  return undefined;
}

/** Browser mode: `npm run web [-- --db PATH] [--port N]`. Serves the UI and the API on 127.0.0.1 and prints the address. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log('npm run web -- [--db PATH] [--port N]');
    return;
  }
  const databasePath = path.resolve(values.db ?? defaultDatabasePath(process.platform, process.env, os.homedir()));
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: expected a port number`);
  const rendererDir = findRendererDir();
  if (!rendererDir) throw new Error('The renderer is not built: run npm run build first (npm run web does it for you)');

  // Served before the database is open: a long upgrade (in its worker thread) is shown in the page meanwhile.
  const starting = startingApi();
  const server = await startHttpServer({ api: starting, token: randomBytes(24).toString('base64url'), rendererDir, port });
  console.log(`Flow Admin (browser mode), database ${databasePath}`);
  console.log(`Open ${server.url}`);
  let context: AppContext;
  try {
    let said = '';
    context = await openAppContext({
      databasePath,
      program: 'browser mode (npm run web)',
      runtimeInWorker: true,
      // The file's check runs in a worker thread while the first reads are answered (app-context.ts).
      checkOffPath: true,
      upgradeInWorker: {
        onProgress: (progress) => {
          starting.progress(progress);
          if (progress.name !== said) console.log(upgradeMessage({ ...progress, done: null, total: null }));
          said = progress.name;
        },
      },
    });
  } catch (error) {
    starting.failed(error as Error);
    await server.close();
    throw error;
  }
  if (context.migration.backupPath) console.log(`Backed up the database before migrating: ${context.migration.backupPath}`);
  starting.ready(context.api);

  const stop = async () => {
    await server.close();
    await context.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Serve first: the runtime starts in its worker thread while the API already answers (once the file passed its
  // check; a damaged one ends browser mode here with the same message as a refusal at start, nothing written).
  try {
    await context.startBackgroundWork();
  } catch (error) {
    await server.close();
    context.close();
    throw error;
  }
  const endpoint = context.runtime.triggerEndpointUrl;
  if (endpoint) console.log(`Apps send trigger events to ${endpoint}`);
}

main().catch((error: unknown) => {
  console.error(`Flow Admin: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
