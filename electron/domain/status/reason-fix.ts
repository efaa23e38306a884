import type { ValidationProblem } from '../workflow/validation-problem';
import type { ReadinessCode } from './readiness';
import type { BlockReason, StatusState } from './workflow-status';

/**
 * What resolves a reason a workflow does not run in a store, so every reason the UI shows carries its action.
 * The rules are the connector rules read backwards: not installed → install it there (R6); installed but
 * not set up → finish its setup steps (R2); no connection where Flow keeps the app's authentication → set
 * the connection in that store (R7); no Flow app → install the Flow app (R8); an invalid workflow → open the
 * editor at the step with the problem (F4); a deactivated pair → enable it again, once the Flow app is back.
 *
 * `inPlace` says whether the fix is one API call the UI can make beside the reason (install, finish setup,
 * install the Flow app, re-enable) or needs the admin to type something (a connection's token, an
 * endpoint) or look at something (the editor), in which case the UI takes them there.
 */
export type ReasonFix =
  | { kind: 'install_flow_app'; storeId: string; inPlace: true }
  | { kind: 'install_app'; storeId: string; appId: string; inPlace: true }
  | { kind: 'finish_setup'; storeId: string; appId: string; steps: string[]; inPlace: true }
  | { kind: 'set_connection'; storeId: string; appId: string; inPlace: false }
  | { kind: 'set_endpoint'; storeId: string; appId: string; inPlace: false }
  | { kind: 'see_deliveries'; storeId: string; appId: string; inPlace: false }
  | { kind: 'open_editor'; workflowId: string; stepId: string | null; field: string | null; inPlace: false }
  | { kind: 'reenable'; workflowId: string; storeId: string; inPlace: true };

export type ReasonFixKind = ReasonFix['kind'];

/** Every kind, as a runtime list, so the UI's words for them can be checked against it. */
export const reasonFixKinds = [
  'install_flow_app',
  'install_app',
  'finish_setup',
  'set_connection',
  'set_endpoint',
  'see_deliveries',
  'open_editor',
  'reenable',
] as const satisfies readonly ReasonFixKind[];

/** The pair a reason is about. */
export interface PairRef {
  workflowId: string;
  storeId: string;
}

/**
 * The fix for one block reason in a store. A reason code this function does not know (a newer API than
 * the rules here) has no fix: null, and the reason is shown without a button rather than with a wrong one.
 */
export function reasonFix(reason: Pick<BlockReason, 'code' | 'appId' | 'missingSetup'>, pair: PairRef): ReasonFix | null {
  const { storeId } = pair;
  const appId = reason.appId;
  switch (reason.code as string) {
    case 'flow_app_not_installed':
      return { kind: 'install_flow_app', storeId, inPlace: true };
    case 'app_not_installed':
      return appId ? { kind: 'install_app', storeId, appId, inPlace: true } : null;
    case 'app_not_set_up':
      return appId ? { kind: 'finish_setup', storeId, appId, steps: [...reason.missingSetup], inPlace: true } : null;
    case 'connection_missing':
      return appId ? { kind: 'set_connection', storeId, appId, inPlace: false } : null;
    // Readiness (issue 12): an action's app has no endpoint set in this store.
    case 'endpoint_missing':
    case 'app_endpoint_missing':
      return appId ? { kind: 'set_endpoint', storeId, appId, inPlace: false } : null;
    default:
      return null;
  }
}

/** The fix for a validation problem: the editor, at the step and field it concerns. Warnings need no fix. */
export function problemFix(problem: Pick<ValidationProblem, 'severity' | 'stepId' | 'field'>, workflowId: string): ReasonFix | null {
  if (problem.severity !== 'error') return null;
  return { kind: 'open_editor', workflowId, stepId: problem.stepId, field: problem.field, inPlace: false };
}

/**
 * The fix for the state itself, when no reason carries one: a deactivated pair is enabled again (R8), but
 * only once the Flow app is back in the store; until then the fix is to install the Flow app.
 */
export function stateFix(state: StatusState, pair: PairRef, flowInstalled: boolean): ReasonFix | null {
  if (state !== 'deactivated') return null;
  return flowInstalled ? { kind: 'reenable', ...pair, inPlace: true } : { kind: 'install_flow_app', storeId: pair.storeId, inPlace: true };
}

/**
 * Every fix for a pair's status, each once, in the order the reasons are listed: two workflows blocked by
 * the same missing app in the same store need one install, and a list shows one button for it.
 */
export function fixesFor(
  status: {
    state: StatusState;
    reasons: readonly Pick<BlockReason, 'code' | 'appId' | 'missingSetup'>[];
    problems: readonly Pick<ValidationProblem, 'severity' | 'stepId' | 'field'>[];
  },
  pair: PairRef,
  flowInstalled: boolean,
): ReasonFix[] {
  const all = [
    stateFix(status.state, pair, flowInstalled),
    ...status.reasons.map((r) => reasonFix(r, pair)),
    ...status.problems.map((p) => problemFix(p, pair.workflowId)),
  ];
  const seen = new Set<string>();
  const out: ReasonFix[] = [];
  for (const fix of all) {
    if (!fix) continue;
    const key = fixKey(fix);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fix);
  }
  return out;
}

/** Two fixes with the same key do the same thing. */
export function fixKey(fix: ReasonFix): string {
  switch (fix.kind) {
    case 'open_editor':
      return `${fix.kind}:${fix.workflowId}`;
    case 'reenable':
      return `${fix.kind}:${fix.workflowId}:${fix.storeId}`;
    case 'install_flow_app':
      return `${fix.kind}:${fix.storeId}`;
    default:
      return `${fix.kind}:${fix.storeId}:${fix.appId}`;
  }
}

/**
 * The Overview groups reasons across stores ("LoyaltyLion is not installed · 3 workflows in 2 stores"): its
 * fix is made where the app is handled for many stores at once, the app's page (install in stores, setup,
 * connections), or, for the Flow app, the stores. A deactivated store's fix is to re-enable there once the
 * Flow app is back, else to install the Flow app (R8).
 */
export type OverviewFix =
  | { kind: 'install_app' | 'finish_setup' | 'set_connection' | 'set_endpoint'; appId: string; where: 'app' }
  | { kind: 'install_flow_app'; where: 'stores' };

export function overviewFix(group: Pick<BlockReason, 'code' | 'appId'>): OverviewFix | null {
  const fix = reasonFix({ ...group, missingSetup: [] }, { workflowId: '', storeId: '' });
  if (!fix) return null;
  if (fix.kind === 'install_flow_app') return { kind: 'install_flow_app', where: 'stores' };
  if (fix.kind === 'install_app' || fix.kind === 'finish_setup' || fix.kind === 'set_connection' || fix.kind === 'set_endpoint') {
    return { kind: fix.kind, appId: fix.appId, where: 'app' };
  }
  return null;
}

/**
 * The fix for a readiness warning (readiness.ts) in a store: no endpoint → set it on the store's app setup;
 * failing deliveries → look at them (the runs that failed, their errors, replay once the app answers).
 */
export function readinessFix(warning: { code: ReadinessCode; appId: string }, storeId: string): ReasonFix {
  return warning.code === 'endpoint_missing'
    ? { kind: 'set_endpoint', storeId, appId: warning.appId, inPlace: false }
    : { kind: 'see_deliveries', storeId, appId: warning.appId, inPlace: false };
}

export function deactivatedStoreFix(storeId: string, flowInstalled: boolean): ReasonFix {
  return flowInstalled
    ? { kind: 'reenable', workflowId: '', storeId, inPlace: true }
    : { kind: 'install_flow_app', storeId, inPlace: true };
}
