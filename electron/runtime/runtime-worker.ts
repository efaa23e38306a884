import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '../domain/catalog/load-catalog';
import { memoryKeyProvider, SecretBox, SecretBoxError, type KeyProvider } from '../security/secret-box';
import { openSecondConnection } from '../store/open-database';
import { SettingsStore } from '../store/settings-store';
import { Runtime } from './runtime';
import type { FromRuntimeWorker, RuntimeWorkerData, ToRuntimeWorker } from './runtime-thread';

/**
 * The runtime's worker thread: its own SQLite connection, catalog and routing; intake (the trigger endpoint),
 * the scheduler, deliveries and retention all run here, so the thread serving the UI never waits for them.
 * The main thread starts it (RuntimeThread), tells it to kick deliveries or re-read settings, and stops it.
 */
async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as RuntimeWorkerData;
  const send = (message: FromRuntimeWorker) => port.postMessage(message);
  const db = openSecondConnection(data.databasePath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
  const keyProvider: KeyProvider = data.key
    ? memoryKeyProvider(Buffer.from(data.key))
    : {
        where: data.keyWhere,
        load: () => {
          throw new SecretBoxError(data.keyError ?? 'the key could not be read');
        },
        create: () => {
          throw new SecretBoxError(data.keyError ?? 'the key could not be read');
        },
      };
  const runtime = new Runtime({
    ...data.options,
    db,
    catalog: loadCatalog(data.catalogDir),
    secrets: new SecretBox(keyProvider),
    settings: new SettingsStore(db),
    soleWriter: data.soleWriter,
    // The connection is this thread's alone: its commits are synced off the thread (wal-sync.ts).
    syncOffThread: { walPath: `${data.databasePath}-wal` },
    log: (message, error) => send({ type: 'log', message, error: error === undefined ? null : String((error as Error)?.stack ?? error) }),
  });
  port.on('message', (message: ToRuntimeWorker) => {
    switch (message.type) {
      case 'kick':
        runtime.kickDeliveries();
        break;
      case 'settings':
        runtime.reloadSettings();
        break;
      case 'endpoints':
        runtime.endpoints.forget();
        break;
      case 'stop':
        void runtime
          .stop()
          .then(() => db.close())
          .finally(() => {
            send({ type: 'stopped' });
            port.close();
          });
        break;
    }
  });
  await runtime.start();
  send({ type: 'started', triggerEndpointUrl: runtime.triggerEndpointUrl });
}

main().catch((error: unknown) => {
  // Reported to the main thread as the worker's error: it logs it and starts the runtime again.
  throw error;
});
