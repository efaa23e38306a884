import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openAppContext, type AppContext } from '../../electron/app-context';
import { startHttpServer, type RunningHttpServer } from '../../electron/server/http-server';

/** Browser mode as `npm run web` runs it: the real database file, the real HTTP server, the built renderer. */
export async function startWebApp(databasePath: string): Promise<{ app: AppContext; server: RunningHttpServer; stop(): Promise<void> }> {
  const app = await openAppContext({ databasePath, userName: 'e2e-admin' });
  const server = await startHttpServer({
    api: app.api,
    token: randomBytes(16).toString('hex'),
    rendererDir: path.resolve('build/renderer'),
  });
  return {
    app,
    server,
    stop: async () => {
      await server.close();
      app.close();
    },
  };
}
