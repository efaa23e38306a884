import type { Contract } from './contract';
import type { Handlers } from './define-handlers';
import { organizationsHandlers } from './handlers/organizations';
import { settingsHandlers } from './handlers/settings';
import { workflowsHandlers } from './handlers/workflows';
import { publishingHandlers } from './handlers/workflow-publishing';
import { catalogHandlers } from './handlers/catalog';
import { storesHandlers } from './handlers/stores';
import { storeListHandlers } from './handlers/store-list';
import { demoHandlers } from './handlers/demo';
import { appsHandlers } from './handlers/apps';
import { connectionsHandlers } from './handlers/connections';
import { activationsHandlers } from './handlers/activations';
import { statusHandlers } from './handlers/status';
import { auditHandlers } from './handlers/audit';
import { runtimeHandlers } from './handlers/runtime';
import { transferHandlers } from './handlers/transfer';
import { backupHandlers } from './handlers/backup';

/** Every method's handler; the type makes a missing or extra handler a compile error. */
export const handlers: Handlers<Contract> = {
  ...organizationsHandlers,
  ...settingsHandlers,
  ...workflowsHandlers,
  ...publishingHandlers,
  ...catalogHandlers,
  ...storesHandlers,
  ...storeListHandlers,
  ...demoHandlers,
  ...appsHandlers,
  ...connectionsHandlers,
  ...activationsHandlers,
  ...statusHandlers,
  ...auditHandlers,
  ...runtimeHandlers,
  ...transferHandlers,
  ...backupHandlers,
};
