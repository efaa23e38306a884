import type { ServerOptions } from 'node:http';

/**
 * Timeouts and a connection cap for Flow Admin's two local servers (the UI's API and the trigger endpoint).
 * Without them a client that opens connections and sends nothing holds them for good (100 of 100 still open
 * after 166 s), until the process runs out of sockets. A connection that has not sent its headers within
 * headersTimeoutMs is closed; one idle between requests is closed after keepAliveTimeoutMs; beyond
 * maxConnections new connections are closed at once, and the ones held are freed by the timeouts.
 */
export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export const defaultServerLimits: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
};

/** Options for http.createServer (through @hono/node-server's serverOptions). */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for connections past their timeouts: often enough for the shortest one.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

export function applyConnectionCap(server: { maxConnections: number }, limits: ServerLimits): void {
  server.maxConnections = limits.maxConnections;
}
