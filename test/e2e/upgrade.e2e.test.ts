import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../electron/app-context';
import { startingApi } from '../../electron/api/starting-api';
import { startHttpServer } from '../../electron/server/http-server';
import { useE2e } from '../support/e2e';
import { schema15WithEvents } from '../support/schema-15-events';

const e2e = useE2e();

describe('a long database upgrade at the first start of a new version', () => {
  it('is shown in the page while it runs ("Upgrading the database: …, n of m"), and the app opens by itself when it is done', async () => {
    const file = path.join(e2e.tempDir(), 'flow-admin.db');
    await schema15WithEvents(file, 12_000);
    // Browser mode's order (web.ts): the page is served first, on an API that answers while the database opens.
    const starting = startingApi();
    const server = await startHttpServer({
      api: starting,
      token: randomBytes(16).toString('hex'),
      rendererDir: path.resolve('build/renderer'),
    });
    try {
      // The page is told the worker's reports up to its first count only, so it is seen mid-upgrade whatever the
      // machine's speed (the API goes on answering `upgrading` with that count until it is ready).
      let firstCount = true;
      const opening = openAppContext({
        databasePath: file,
        userName: 'e2e-admin',
        upgradeInWorker: {
          onProgress: (progress) => {
            if (!firstCount) return;
            starting.progress(progress);
            if (progress.done !== null) firstCount = false;
          },
        },
      });
      const page = await e2e.newPage(server.url);
      const status = page.getByRole('status').filter({ hasText: 'Upgrading the database' });
      await expect
        .poll(() => status.textContent(), { timeout: 60_000 })
        .toContain('Upgrading the database: search values as full-text terms, 5,000 of 12,000 trigger events');
      expect(await status.getByRole('progressbar').getAttribute('value')).toBe('5000');

      const app = await opening;
      starting.ready(app.api);
      try {
        // The screen that waited behind it comes up on its own: an empty database offers to start.
        await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBeTruthy();
        await expect.poll(() => status.count()).toBe(0);
        expect(app.migration.from).toBe(15);
        expect(app.migration.applied).toContain('search values as full-text terms');
      } finally {
        app.close();
      }
    } finally {
      await server.close();
    }
  });
});
