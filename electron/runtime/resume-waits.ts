import type { RunStore } from '../store/run-store';
import type { GroupCommit } from './group-commit';
import type { Routing } from './routing';
import type { Runner } from './runner';

export interface ResumeWaitsDeps {
  runs: RunStore;
  routing: Routing;
  runner: Runner;
  commit: GroupCommit;
  nowMs: () => number;
  log: (message: string, error?: unknown) => void;
}

/**
 * Carries on the runs whose wait step is over (up to 500 per call; the wait timer calls it again): each is
 * evaluated again from its version and event, and goes on only if its workflow still runs in the store
 * (otherwise the wait step ends with that error). Returns how many were due.
 */
export async function resumeDueRuns(deps: ResumeWaitsDeps): Promise<number> {
  const { runs, routing, runner, commit } = deps;
  const due = runs.dueToResume(deps.nowMs(), 500);
  for (const run of due) {
    await commit
      .run(() => {
        const summary = runs.run(run.id);
        const compiled = summary ? routing.compiledVersion(run.workflowId, summary.workflowName, run.workflowVersion) : null;
        const trigger = compiled?.trigger;
        const stillRunning =
          !!trigger &&
          routing
            .current()
            .running(run.storeId, trigger.app, trigger.handle)
            .some((w) => w.workflowId === run.workflowId);
        runner.resume(run.id, compiled, stillRunning);
      })
      .catch((error: unknown) => deps.log(`run ${run.id} could not be resumed`, error));
  }
  return due.length;
}
