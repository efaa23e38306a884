import type { StatusState } from '$shared/domain/status/workflow-status';

/** Polaris badge tones (the `badge` classes in styles/app.css). */
export type BadgeTone = 'success' | 'neutral' | 'info' | 'warning' | 'critical';

/**
 * How a workflow's status looks as a badge, wherever it is drawn (StatusBadge, the matrix's cells): Polaris
 * tones, success = running, attention = blocked, critical = invalid, info = deactivated, neutral = off. A filled
 * dot marks a settled state; a ring one that may still change.
 */
const tones: Record<StatusState, BadgeTone> = {
  running: 'success',
  blocked: 'warning',
  invalid: 'critical',
  deactivated: 'info',
  off: 'neutral',
};

export function statusTone(state: StatusState): BadgeTone {
  return tones[state];
}

export function statusFilled(state: StatusState): boolean {
  return state === 'running' || state === 'invalid';
}

/** The classes of a status badge drawn inline (the matrix's cells): `badge`, its tone, and `filled` for a settled state. */
export const statusBadgeClass: Record<StatusState, string> = Object.fromEntries(
  (Object.keys(tones) as StatusState[]).map((state) => [state, `badge ${tones[state]}${statusFilled(state) ? ' filled' : ''}`]),
) as Record<StatusState, string>;
