import type { z } from 'zod';
import type { MethodSpec } from './contract/define-method';
import type { ErrorDetails } from '../domain/domain-error';
import { organizationsContract } from './contract/organizations';
import { settingsContract } from './contract/settings';
import { workflowsContract } from './contract/workflows';
import { publishingContract } from './contract/publishing';
import { catalogContract } from './contract/catalog';
import { storesContract } from './contract/stores';
import { storeListContract } from './contract/store-list';
import { demoContract } from './contract/demo';
import { appsContract } from './contract/apps';
import { connectionsContract } from './contract/connections';
import { activationsContract } from './contract/activations';
import { statusContract } from './contract/status';
import { auditContract } from './contract/audit';
import { runtimeContract } from './contract/runtime';
import { backupContract, transferContract } from './contract/transfer';

/**
 * The API, defined once: every method's name, input schema and output schema.
 * Served over Electron IPC (preload) and over local HTTP (browser mode); the renderer sees only these types.
 */
export const contract = {
  ...organizationsContract,
  ...settingsContract,
  ...workflowsContract,
  ...publishingContract,
  ...catalogContract,
  ...storesContract,
  ...storeListContract,
  ...demoContract,
  ...appsContract,
  ...connectionsContract,
  ...activationsContract,
  ...statusContract,
  ...auditContract,
  ...runtimeContract,
  ...transferContract,
  ...backupContract,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type ApiMethod = keyof Contract;
export type ApiInput<M extends ApiMethod> = z.input<Contract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<Contract[M]['output']>;

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: ErrorDetails;
}
export type { ErrorDetails, InputIssue, IssueDetail } from '../domain/domain-error';
export type { AuditAction } from './contract/audit-actions';
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** What the preload exposes as `window.flowAdminApi`: one function per method. */
export type FlowAdminBridge = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> };

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(contract, name);
}
