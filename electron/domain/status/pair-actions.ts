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

/**
 * What the admin asked for a pair, as its activation row says. With the store's Flow app it is all a pair's
 * actions depend on: running, blocked and invalid pairs are all enabled (compute-status.ts stateOf).
 */
export type Standing = 'enabled' | 'off' | 'deactivated';

/** A pair's standing from its activation (none: never enabled, so off). */
export function standingOf(activation: { enabled: boolean; deactivatedAt: string | null } | null | undefined): Standing {
  if (activation?.enabled) return 'enabled';
  return activation?.deactivatedAt ? 'deactivated' : 'off';
}

const STANDING_OF_STATE: Record<StatusState, Standing> = {
  running: 'enabled',
  blocked: 'enabled',
  invalid: 'enabled',
  off: 'off',
  deactivated: 'deactivated',
};

const FLAGS: Record<Standing, ActionFlags> = {
  enabled: { enable: 'already_enabled', disable: null, reenable: 'not_deactivated' },
  off: { enable: null, disable: 'already_off', reenable: 'not_deactivated' },
  // Enabling a deactivated pair clears the deactivation; disabling it makes it plainly off.
  deactivated: { enable: null, disable: null, reenable: null },
};
const DEACTIVATED_WITHOUT_FLOW: ActionFlags = { enable: null, disable: null, reenable: 'flow_app_not_installed' };

/**
 * The one rule of what can be done to a pair: the flags the API shows (through {@link pairActions}) and what a
 * bulk change applies to (activation-changes.ts). Re-enabling what uninstalling the Flow app deactivated
 * waits for the Flow app to be back (R8; the same rule as the pair's fix, reason-fix.ts stateFix).
 */
export function standingActions(standing: Standing, flowInstalled: boolean): ActionFlags {
  return standing === 'deactivated' && !flowInstalled ? DEACTIVATED_WITHOUT_FLOW : FLAGS[standing];
}

/** What can be done to one pair in its state. */
export function pairActions(state: StatusState, flowInstalled: boolean): ActionFlags {
  return standingActions(STANDING_OF_STATE[state], flowInstalled);
}

/** Reasons that mean the pair already is as asked: a change counts it as unchanged, not as held back. */
const AS_ASKED: ReadonlySet<NotAllowed> = new Set(['already_enabled', 'already_off', 'not_deactivated']);

type Outcome = { change: true } | { change: false; asAsked: boolean; reason: NotAllowed };
const CHANGE: Outcome = { change: true };
// One answer per reason, made once: a bulk change asks for every pair of a million-cell selection.
const HELD = Object.fromEntries(
  notAllowedReasons.map((reason) => [reason, { change: false, asAsked: AS_ASKED.has(reason), reason }]),
) as Record<NotAllowed, Outcome>;

/**
 * How a change treats one pair: it changes it, leaves it because it already is as asked, or holds it back
 * for a reason the admin should hear (re-enabling where the Flow app is missing).
 */
export function pairOutcome(
  action: ActivationAction,
  activation: { enabled: boolean; deactivatedAt: string | null } | null | undefined,
  flowInstalled: boolean,
): Outcome {
  const reason = standingActions(standingOf(activation), flowInstalled)[action];
  return reason === null ? CHANGE : HELD[reason];
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
