import type { ValidationProblem } from '../workflow/validation-problem';
import type { ReadinessWarning } from './readiness';

/**
 * What actually holds for a workflow in a store (as opposed to activation, what the admin asked for):
 * - running: enabled, valid, and every app it uses is installed and set up there (R2, R6);
 * - off: not enabled there;
 * - deactivated: switched off when the Flow app was uninstalled from the store (R8), `since` says when;
 * - blocked: enabled but cannot run, with every reason;
 * - invalid: enabled but the workflow has validation errors.
 */
export type StatusState = 'running' | 'off' | 'deactivated' | 'blocked' | 'invalid';

export type BlockReasonCode =
  | 'flow_app_not_installed' // the store has no Flow app (R8)
  | 'app_not_installed' // R6
  | 'app_not_set_up' // R2
  | 'connection_missing'; // R7: Asana, Google Sheets, Slack, Trello need a connection in that store

export interface BlockReason {
  code: BlockReasonCode;
  appId: string | null;
  /** Setup steps still to do, for app_not_set_up. */
  missingSetup: string[];
  message: string;
}

export interface WorkflowStoreStatus {
  workflowId: string;
  storeId: string;
  state: StatusState;
  reasons: BlockReason[];
  problems: ValidationProblem[];
  /** For running: what stands in the way of its deliveries (readiness.ts); it still runs. */
  warnings: ReadinessWarning[];
  /** For deactivated: when the Flow app uninstall switched it off. */
  since: string | null;
}
