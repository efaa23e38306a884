import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openAppContext, type AppContext, type AppContextOptions } from '../../electron/app-context';
import { startHttpServer, type RunningHttpServer } from '../../electron/server/http-server';

export interface WebApp {
  app: AppContext;
  server: RunningHttpServer;
  /** Stops the server and closes the database; a second call does nothing. */
  stop(): Promise<void>;
}

/** Browser mode as `npm run web` runs it: the real database file, the real HTTP server, the built renderer. */
export async function startWebApp(databasePath: string, options: Partial<AppContextOptions> = {}): Promise<WebApp> {
  const app = await openAppContext({ databasePath, userName: 'e2e-admin', ...options });
  const server = await startHttpServer({
    api: app.api,
    token: randomBytes(16).toString('hex'),
    rendererDir: path.resolve('build/renderer'),
  });
  let stopped = false;
  return {
    app,
    server,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.close();
      // Lets deliveries in flight finish when a test started the runtime; nothing to wait for otherwise.
      await app.runtime.stop();
      app.close();
    },
  };
}
