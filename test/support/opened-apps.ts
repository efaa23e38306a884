import { afterEach } from 'vitest';
import type { AppContext } from '../../electron/app-context';

/** Apps a test opens (push them here): each one's runtime is stopped and its database closed after every test. */
export function useOpenedApps(): AppContext[] {
  const opened: AppContext[] = [];
  afterEach(async () => {
    for (const app of opened.splice(0)) {
      await app.runtime.stop();
      app.close();
    }
  });
  return opened;
}
