import { parentPort, workerData } from 'node:worker_threads';
import { AppClient, NoAnswer } from './app-client';
import { startTriggerEndpoint, type Answer, type TriggerEndpoint } from './trigger-endpoint';
import { TurnBatch, type FromTransport, type FromTransportItem, type ToTransport, type TransportWorkerData } from './transport-messages';

/**
 * The runtime's transport thread: the HTTP of `/triggers` (reading requests, the Host and size checks, writing
 * answers) and of deliveries (requests to the apps over kept-alive connections, their answers read). Everything
 * that needs the database or a secret stays on the writer's thread (transport-thread.ts): it checks signatures,
 * records events and their deliveries' outcomes in its group commit and decides every answer. This thread only
 * moves bytes, so while the writer's commit waits for the disk the next requests are read here.
 */
function main(): void {
  const port = parentPort!;
  const data = workerData as TransportWorkerData;
  const out = new TurnBatch<FromTransportItem>((items) => port.postMessage({ type: 'batch', items } satisfies FromTransport));
  const waiting = new Map<number, (answer: Answer) => void>();
  let nextId = 1;
  const client = new AppClient(data.maxSockets);
  let endpoint: TriggerEndpoint | null = null;

  port.on('message', (message: ToTransport) => {
    switch (message.type) {
      case 'batch':
        for (const item of message.items) {
          if (item.k === 'answer') {
            const answered = waiting.get(item.id);
            waiting.delete(item.id);
            answered?.(item);
          } else {
            const { id } = item;
            client.post(item.url, item.headers, item.body, item.timeoutMs).then(
              (response) => out.push({ k: 'answered', id, ...response }),
              (error: unknown) =>
                out.push(
                  error instanceof NoAnswer
                    ? { k: 'no-answer', id, detail: error.detail, timedOut: error.timedOut }
                    : { k: 'no-answer', id, detail: (error as Error)?.message ?? String(error), timedOut: false },
                ),
            );
          }
        }
        break;
      case 'close-server':
        void (endpoint?.close() ?? Promise.resolve()).then(() => port.postMessage({ type: 'server-closed' } satisfies FromTransport));
        break;
      case 'end':
        out.flush();
        client.close();
        port.close();
        // Nothing should be left to keep the thread alive; if something is (a socket), it ends anyway.
        setTimeout(() => process.exit(0), 1_000).unref();
        break;
    }
  });

  void startTriggerEndpoint(
    (body, headers) =>
      new Promise<Answer>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        out.push({ k: 'trigger', id, body: body.toString('latin1'), ...definedOnly(headers) });
      }),
    { port: data.port },
  ).then((started) => {
    endpoint = started;
    port.postMessage({ type: 'listening', port: started.port } satisfies FromTransport);
  });
}

/** Headers the request did not send are left out (an undefined field still costs its name in the clone). */
function definedOnly(headers: { signature?: string; timestamp?: string; eventId?: string }) {
  const kept: { signature?: string; timestamp?: string; eventId?: string } = {};
  if (headers.signature !== undefined) kept.signature = headers.signature;
  if (headers.timestamp !== undefined) kept.timestamp = headers.timestamp;
  if (headers.eventId !== undefined) kept.eventId = headers.eventId;
  return kept;
}

main();
