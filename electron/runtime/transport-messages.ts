/**
 * What the runtime's writer thread and its transport thread (transport-worker.ts) tell each other. Items go in
 * one message per turn of the event loop (TurnBatch): a message between threads costs a structured clone and a
 * wake-up, so 32 requests read in one turn cross as one message, and their 32 answers come back as one.
 */

/** From the writer: answers to triggers, and deliveries to send. */
export type ToTransportItem =
  | { k: 'answer'; id: number; status: number; text: string; close?: boolean }
  | { k: 'post'; id: number; url: string; headers: Record<string, string | number>; body: string; timeoutMs: number };

/**
 * From the transport: a trigger whose envelope passed the front's checks (its body's bytes as latin1 text, which
 * keeps every byte as it came: the signature is over the exact bytes), and the apps' answers to deliveries.
 */
export type FromTransportItem =
  | { k: 'trigger'; id: number; body: string; signature?: string; timestamp?: string; eventId?: string }
  | { k: 'answered'; id: number; status: number; retryAfter: string | null; body: string }
  | { k: 'no-answer'; id: number; detail: string; timedOut: boolean };

export type ToTransport = { type: 'batch'; items: ToTransportItem[] } | { type: 'close-server' } | { type: 'end' };
export type FromTransport = { type: 'listening'; port: number } | { type: 'batch'; items: FromTransportItem[] } | { type: 'server-closed' };

export interface TransportWorkerData {
  port: number;
  /** Kept-alive connections to the apps (the delivery worker's concurrency). */
  maxSockets: number;
}

/** Collects items during one turn of the event loop and sends them together at its end (setImmediate). */
export class TurnBatch<T> {
  private items: T[] = [];

  constructor(private readonly send: (items: T[]) => void) {}

  push(item: T): void {
    if (this.items.length === 0) setImmediate(() => this.flush());
    this.items.push(item);
  }

  flush(): void {
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.send(items);
  }
}
