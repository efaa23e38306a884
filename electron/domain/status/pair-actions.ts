import type { StatusState } from './workflow-status';

/** What the admin can do to an activation from the matrix, a store page or a pair's panel. */
export const activationActions = ['enable', 'disable', 'reenable'] as const;
export type ActivationAction = (typeof activationActions)[number];

/** Why an action is not offered; the UI shows these words, it does not work them out. */
export const notAllowedReasons = [
  'already_enabled',
  'already_off',
  'not_deactivated',
  'flow_app_not_installed',
  'nothing_selected',
] as const;
export type NotAllowed = (typeof notAllowedReasons)[number];

/** Per action: null when it can be done, else why not. */
export type ActionFlags = Record<ActivationAction, NotAllowed | null>;

const FLAGS: Record<StatusState, ActionFlags> = {
  // Running, blocked and invalid pairs are enabled (the state rule, compute-status.ts stateOf).
  running: { enable: 'already_enabled', disable: null, reenable: 'not_deactivated' },
  blocked: { enable: 'already_enabled', disable: null, reenable: 'not_deactivated' },
  invalid: { enable: 'already_enabled', disable: null, reenable: 'not_deactivated' },
  off: { enable: null, disable: 'already_off', reenable: 'not_deactivated' },
  // Enabling a deactivated pair clears the deactivation; disabling it makes it plainly off.
  deactivated: { enable: null, disable: null, reenable: null },
};
const DEACTIVATED_WITHOUT_FLOW: ActionFlags = { enable: null, disable: null, reenable: 'flow_app_not_installed' };

/**
 * What can be done to one pair in its state. Re-enabling what uninstalling the Flow app deactivated waits
 * for the Flow app to be back (R8; the same rule as the pair's fix, reason-fix.ts stateFix).
 */
export function pairActions(state: StatusState, flowInstalled: boolean): ActionFlags {
  return state === 'deactivated' && !flowInstalled ? DEACTIVATED_WITHOUT_FLOW : FLAGS[state];
}

const NOTHING: ActionFlags = { enable: 'nothing_selected', disable: 'nothing_selected', reenable: 'nothing_selected' };

/**
 * What can be done to a group of pairs (a row, a column, a selection): an action is possible when it is for
 * at least one of them; otherwise the first pair's reason says why. An empty group allows nothing.
 */
export function groupActions(flags: Iterable<ActionFlags>): ActionFlags {
  let out: ActionFlags | null = null;
  for (const f of flags) {
    if (!out) out = { ...f };
    else for (const action of activationActions) if (f[action] === null) out[action] = null;
  }
  return out ?? NOTHING;
}
