import type { RunStatus, StepKind, StepStatus } from '../store/run-store';

export interface StepCount {
  kind: StepKind;
  status: StepStatus;
  n: number;
}

/**
 * A run's status from its steps: running while a delivery is queued; waiting while paused by a wait step
 * or while an app that answered 202 is being asked again; then has errors if any step failed, else
 * succeeded with or without actions.
 */
export function deriveRunStatus(counts: Iterable<StepCount>, paused: boolean): RunStatus {
  let queued = false;
  let accepted = false;
  let failed = false;
  let acted = false;
  for (const c of counts) {
    if (c.n === 0) continue;
    if (c.status === 'queued') queued = true;
    else if (c.status === 'accepted') accepted = true;
    else if (c.status === 'failed') failed = true;
    if (c.kind === 'action' && (c.status === 'succeeded' || c.status === 'recorded')) acted = true;
  }
  if (queued) return 'running';
  if (accepted || paused) return 'waiting';
  if (failed) return 'has_errors';
  return acted ? 'succeeded_with_actions' : 'succeeded_without_actions';
}

export function isFinal(status: RunStatus): boolean {
  return status !== 'running' && status !== 'waiting';
}
