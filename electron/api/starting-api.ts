import { contract } from './contract';
import type { ApiDispatcher, ApiResult } from './dispatcher';
import type { UpgradeProgress } from '../store/migrate';

/** The API of an app still opening its database: the window and browser mode are served before it is open. */
export interface StartingApi extends ApiDispatcher {
  /** The database is being upgraded: calls are answered with how far it is (code `upgrading`). */
  progress(progress: UpgradeProgress): void;
  /** Opened: calls go to the app's API from now on (waiting ones too). */
  ready(api: ApiDispatcher): void;
  /** It could not be opened: calls are answered with why (the app is ending, showing the same). */
  failed(error: Error): void;
}

/** "Upgrading the database: search values as full-text terms, 5,000 of 200,000 trigger events" (English; the renderer says it in its language). */
export function upgradeMessage(p: UpgradeProgress): string {
  const count =
    p.done !== null && p.total !== null
      ? `, ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}${p.unit ? ` ${p.unit}` : ''}`
      : p.version === null
        ? ''
        : ` (step ${p.step} of ${p.steps})`;
  return `Upgrading the database: ${p.name}${count}`;
}

/**
 * Until the app is open, calls wait; while an upgrade runs (in its worker thread) they are answered at once with
 * `upgrading` and the progress, which the renderer shows and asks again (lib/api/client.ts), so a long upgrade is
 * visible instead of a blank window. A short opening is not seen: the calls just wait for it.
 */
export function startingApi(): StartingApi {
  let api: ApiDispatcher | null = null;
  let upgrade: UpgradeProgress | null = null;
  let failure: Error | null = null;
  let waiting: (() => void)[] = [];
  const wake = () => {
    for (const resume of waiting) resume();
    waiting = [];
  };
  return {
    methods: Object.keys(contract).sort(),
    async call(method, input): Promise<ApiResult> {
      for (;;) {
        if (api) return api.call(method, input);
        if (failure) return { ok: false, error: { code: 'startup_failed', message: failure.message } };
        if (upgrade) return { ok: false, error: { code: 'upgrading', message: upgradeMessage(upgrade), details: { upgrade } } };
        await new Promise<void>((resume) => waiting.push(resume));
      }
    },
    progress(progress) {
      upgrade = progress;
      wake();
    },
    ready(opened) {
      api = opened;
      wake();
    },
    failed(error) {
      failure = error;
      wake();
    },
  };
}
