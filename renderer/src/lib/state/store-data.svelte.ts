import type { StatusState } from '$shared/domain/status/workflow-status';
import { api, type ApiOutput } from '../api/client';
import { errorMessage } from '../api-errors';
import { LatestRequest } from './latest-request.svelte';
import type { StoreApp } from './apps.svelte';
import type { Store } from './stores.svelte';

/**
 * What the store screen shows of one store, loaded once and read by all its cards: the store, its apps, its
 * connections, its app endpoints and the status of its workflows. A change made in one card has consequences
 * in the others (an app installed unblocks workflows and wants an endpoint; the Flow app uninstalled locks
 * the connections), so after any change the card calls `reload` and every part is fetched again, once.
 * Answers are kept raw (replaced, never changed in place); a newer load of a part drops the older one's answer.
 */
export class StorePart<T> {
  value = $state.raw<T | null>(null);
  /** Why the last load failed, shown by the card; empty once a load succeeds. */
  error = $state('');
  private readonly request = new LatestRequest();
  /** Counts the loads started, so an answer held for a commit is dropped once a newer load has started. */
  private started = 0;

  constructor(private readonly fetch: (signal: AbortSignal) => Promise<T>) {}

  load(): Promise<void> {
    return this.fetchHeld().then((commit) => commit());
  }

  /**
   * Fetches the part and resolves to the function that shows its answer (or failure), without showing it yet:
   * the store screen shows all its parts at once (StoreData.reload). The commit does nothing once a newer
   * load of the part has started, or when the request was dropped.
   */
  fetchHeld(): Promise<() => void> {
    const load = ++this.started;
    let show = () => {};
    return this.request
      .run(this.fetch, (answer) => {
        show = () => {
          this.value = answer;
          this.error = '';
        };
      })
      .catch((error: unknown) => {
        const message = errorMessage(error);
        show = () => {
          this.error = message;
        };
      })
      .then(() => () => {
        if (load === this.started) show();
      });
  }

  abort(): void {
    this.request.abort();
  }
}

export type StoreStatus = ApiOutput<'status.store'>;
export type StoreConnections = ApiOutput<'connections.list'>;
export type StoreEndpoint = ApiOutput<'runtime.appEndpoints'>[number];

/** How many workflows the workflows card shows at first, and adds per "Show more". */
export const WORKFLOWS_PAGE = 50;

export class StoreData {
  /** Which workflows the workflows card asks for: a state (or all), and how many. */
  filter = $state<StatusState | 'all'>('all');
  limit = $state(WORKFLOWS_PAGE);

  readonly store: StorePart<Store>;
  readonly apps: StorePart<StoreApp[]>;
  readonly connections: StorePart<StoreConnections>;
  readonly endpoints: StorePart<StoreEndpoint[]>;
  readonly status: StorePart<StoreStatus>;

  constructor(readonly storeId: string) {
    this.store = new StorePart((signal) => api.call('stores.get', { storeId }, signal));
    this.apps = new StorePart((signal) => api.call('apps.ofStore', { storeId }, signal));
    this.connections = new StorePart((signal) => api.call('connections.list', { storeId }, signal));
    this.endpoints = new StorePart((signal) => api.call('runtime.appEndpoints', { storeId }, signal));
    this.status = new StorePart((signal) =>
      api.call('status.store', { storeId, limit: this.limit, ...(this.filter === 'all' ? {} : { states: [this.filter] }) }, signal),
    );
  }

  private get parts() {
    return [this.store, this.apps, this.connections, this.endpoints, this.status];
  }

  /**
   * Everything again: after a change in any card, and when the screen opens. The answers are shown together,
   * once the last has arrived, so no card shows the change while another still shows the store before it
   * (a workflow Running beside the setup step still to do that blocked it).
   */
  reload(): Promise<void> {
    return Promise.all(this.parts.map((part) => part.fetchHeld())).then((commits) => {
      for (const commit of commits) commit();
    });
  }

  /** The workflows card's choice: another state, or more of them. */
  showWorkflows(filter: StatusState | 'all', limit: number): Promise<void> {
    this.filter = filter;
    this.limit = limit;
    return this.status.load();
  }

  /** The screen closed: answers on their way are dropped. */
  dispose(): void {
    for (const part of this.parts) part.abort();
  }
}
