import type { Contract } from './contract';
import type { Handlers } from './define-handlers';
import { organizationsHandlers } from './handlers/organizations';
import { settingsHandlers } from './handlers/settings';

/** Every method's handler; the type makes a missing or extra handler a compile error. */
export const handlers: Handlers<Contract> = {
  ...organizationsHandlers,
  ...settingsHandlers,
};
