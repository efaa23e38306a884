import type { OutgoingHttpHeaders } from 'node:http';
import type { Worker } from 'node:worker_threads';
import { NoAnswer, type AppPoster, type AppResponse } from './app-client';
import { spawnWorker } from './runtime-thread';
import type { Answer, RecordTrigger, TriggerEndpoint } from './trigger-endpoint';
import {
  TurnBatch,
  type FromTransport,
  type FromTransportItem,
  type ToTransport,
  type ToTransportItem,
  type TransportWorkerData,
} from './transport-messages';

export interface TransportOptions {
  port: number;
  maxSockets: number;
  /** Records a trigger the transport read (signature, checks, group commit) and says what to answer. */
  record: RecordTrigger;
  /** The transport thread stopped without being asked to (its deliveries in flight were told no answer came). */
  crashed: (error: Error) => void;
}

/**
 * The writer's side of the transport thread (transport-worker.ts): the runtime's thread keeps the database, the
 * secrets and every decision, the transport thread does the HTTP in and out. Triggers it read come here a turn's
 * worth at a time and are recorded like any (an answer goes back only once its commit is durable, a failed commit
 * answers 500); deliveries are signed here and handed over to be sent, and their answers come back to the
 * delivery worker, which writes them in the group commit as before. So endpoint and secret changes need not cross
 * threads: what is sent is signed here with the secret read here.
 */
export class TransportThread {
  private readonly out: TurnBatch<ToTransportItem>;
  private readonly posts = new Map<number, { resolve: (response: AppResponse) => void; reject: (error: NoAnswer) => void }>();
  private nextId = 1;
  private ending = false;
  private serverClosed: (() => void) | null = null;
  readonly endpoint: TriggerEndpoint;

  private constructor(
    private readonly worker: Worker,
    port: number,
    private readonly options: TransportOptions,
  ) {
    this.out = new TurnBatch((items) => worker.postMessage({ type: 'batch', items } satisfies ToTransport));
    this.endpoint = {
      port,
      url: `http://127.0.0.1:${port}/triggers`,
      close: () =>
        new Promise<void>((resolve) => {
          this.serverClosed = resolve;
          this.out.flush();
          worker.postMessage({ type: 'close-server' } satisfies ToTransport);
        }),
    };
    worker.on('message', (message: FromTransport) => {
      if (message.type === 'batch') this.received(message.items);
      else if (message.type === 'server-closed') this.serverClosed?.();
    });
    const stopped = (error: Error) => {
      if (this.ending) return;
      this.ending = true;
      this.failPosts(error.message);
      this.serverClosed?.();
      options.crashed(error);
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`the transport thread exited (code ${code})`)));
  }

  /** Starts the thread; resolves once it serves `/triggers`. */
  static start(options: TransportOptions): Promise<TransportThread> {
    const data: TransportWorkerData = { port: options.port, maxSockets: options.maxSockets };
    const worker = spawnWorker('transport-worker', data);
    return new Promise((resolve, reject) => {
      const listening = (message: FromTransport) => {
        if (message.type !== 'listening') return;
        worker.off('message', listening);
        worker.off('error', reject);
        resolve(new TransportThread(worker, message.port, options));
      };
      worker.on('message', listening);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the transport thread exited (code ${code}) before it served triggers`)));
    });
  }

  /** Sends deliveries through the transport thread: the delivery worker's client (closing it is ending the thread). */
  poster(): AppPoster {
    return {
      post: (url: string, headers: OutgoingHttpHeaders, body: string, timeoutMs: number) =>
        new Promise<AppResponse>((resolve, reject) => {
          if (this.ending) return reject(new NoAnswer('the runtime is stopping', false));
          const id = this.nextId++;
          this.posts.set(id, { resolve, reject });
          this.out.push({ k: 'post', id, url, headers: headers as Record<string, string | number>, body, timeoutMs });
        }),
      close: () => {},
    };
  }

  /** Lets the thread go once its server is closed and deliveries are answered (the runtime stopping). */
  end(): Promise<void> {
    if (this.ending) return Promise.resolve();
    this.ending = true;
    this.out.flush();
    return new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'end' } satisfies ToTransport);
    });
  }

  /** Stops it at once (the runtime halting). */
  terminate(): void {
    this.ending = true;
    this.failPosts('the runtime stopped');
    void this.worker.terminate();
  }

  /** Fault injection (tests): the thread ended from outside, as a crash would end it. */
  crashForTest(): void {
    void this.worker.terminate();
  }

  private received(items: FromTransportItem[]): void {
    for (const item of items) {
      if (item.k === 'trigger') {
        const { id, body, ...headers } = item;
        const answer = this.options.record(Buffer.from(body, 'latin1'), {
          signature: headers.signature,
          timestamp: headers.timestamp,
          eventId: headers.eventId,
        });
        if (answer instanceof Promise) void answer.then((a) => this.answer(id, a));
        else this.answer(id, answer);
      } else {
        const post = this.posts.get(item.id);
        this.posts.delete(item.id);
        if (!post) continue;
        if (item.k === 'answered') post.resolve({ status: item.status, retryAfter: item.retryAfter, body: item.body });
        else post.reject(new NoAnswer(item.detail, item.timedOut));
      }
    }
  }

  private answer(id: number, answer: Answer): void {
    this.out.push({ k: 'answer', id, status: answer.status, text: answer.text, ...(answer.close ? { close: true } : {}) });
  }

  private failPosts(why: string): void {
    for (const post of this.posts.values()) post.reject(new NoAnswer(why, false));
    this.posts.clear();
  }
}
