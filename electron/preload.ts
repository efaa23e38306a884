/**
 * Runs sandboxed, so it can require nothing but 'electron': everything else here is
 * `import type`, erased at compile time. It exposes one function per API method and
 * nothing else; no ipcRenderer, no Node, no generic "send" reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult, FlowAdminBridge } from './api/contract';

const API_CHANNEL = 'flow-admin:api'; // same literal in main.ts
const METHODS_FLAG = '--flow-admin-methods=';

// main.ts passes the method names through additionalArguments.
const flag = process.argv.find((arg) => arg.startsWith(METHODS_FLAG)) ?? '';
const methods = flag
  .slice(METHODS_FLAG.length)
  .split(',')
  .filter((name) => name !== '');

const bridge: Record<string, (input: unknown) => Promise<ApiResult>> = {};
for (const method of methods) {
  bridge[method] = (input: unknown) => ipcRenderer.invoke(API_CHANNEL, method, input) as Promise<ApiResult>;
}

contextBridge.exposeInMainWorld('flowAdminApi', Object.freeze(bridge) as unknown as FlowAdminBridge);
