import type { ApiMethod } from './contract';
import type { ApiDispatcher } from './dispatcher';

/**
 * The reads the app answers while the start-up check of the database (PRAGMA quick_check, in a worker thread)
 * still runs: what the first screens ask for. They never write (the connection is query_only meanwhile, so one
 * that tried would fail, not write). Every other method (changes, and previews, which write and roll back)
 * waits for the check: a click made in the first fraction of a second then just takes that much longer, where
 * a "still checking, try again" error would make the admin do it twice. A method missing here only waits.
 */
export const readsServedWhileChecking: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'organizations.list',
  'settings.get',
  'catalog.get',
  'catalog.schema',
  'stores.list',
  'stores.get',
  'workflows.list',
  'workflows.get',
  'apps.lists',
  'apps.ofStore',
  'connections.list',
  'status.pair',
  'status.store',
  'status.workflow',
  'status.matrix',
  'status.overview',
  'runtime.status',
  'demo.progress',
]);

/**
 * The API while the database is being checked: the reads above at once, everything else once the check passed
 * (a change starts the check if it has not started; so does the first answer).
 * When it fails, every call is answered with what the check found (the app is ending: main.ts, web.ts).
 */
export function servedWhileChecking(api: ApiDispatcher, check: { checked: Promise<void>; begin(): void }): ApiDispatcher {
  const { checked } = check;
  let failure: Error | null = null;
  checked.catch((error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))));
  const damaged = (error: Error) => ({ ok: false, error: { code: 'database_damaged', message: error.message } }) as const;
  return {
    methods: api.methods,
    async call(method, input) {
      if (failure) return damaged(failure);
      if (!readsServedWhileChecking.has(method as ApiMethod)) {
        check.begin();
        try {
          await checked;
        } catch (error) {
          return damaged(error instanceof Error ? error : new Error(String(error)));
        }
      }
      const answer = await api.call(method, input);
      // The first read answered (what the window shows first): the check may now take the other core.
      check.begin();
      return answer;
    },
  };
}
