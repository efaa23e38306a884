import v8 from 'node:v8';
import vm from 'node:vm';

export interface HeapAfterAnswersOptions {
  /** A full collection once the old generation holds this many times what the last one kept (plus `slackBytes`). */
  growth?: number;
  slackBytes?: number;
}

/**
 * Browser mode's main thread collects its heap after answers once its old generation grew past 1.3x what the
 * last full collection kept. Left to V8, a process that may use gigabytes lets it grow up to 4x: under an
 * admin's calls (the Overview's 1.6 MB, a store's 2,000 rows) the main thread kept ~25 MB live in 50–60 MB of
 * old space, the rest answers already sent. This thread only answers the UI (the runtime has its own thread),
 * so a collection here holds up no event (36–46 ms at the large organization, after the answer went out, twice
 * in a bench round of 183 calls); V8's own flag for it (--heap-growing-percent) is the process's and made the
 * runtime thread's intake slower. Returns the check to call after each answer; a no-op where V8's gc cannot be
 * had (Electron's main process: its flags may be frozen).
 */
export function heapAfterAnswers(options: HeapAfterAnswersOptions = {}): () => void {
  const gc = exposedGc();
  if (!gc) return () => {};
  const growth = options.growth ?? 1.3;
  const slack = options.slackBytes ?? 4 * 1024 * 1024;
  let kept = oldGenerationBytes();
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    // After the answer was written, so it is garbage by then.
    setImmediate(() => {
      pending = false;
      if (oldGenerationBytes() <= kept * growth + slack) return;
      gc();
      kept = oldGenerationBytes();
    });
  };
}

/** This thread's old generation in use: old space and large objects. */
export function oldGenerationBytes(): number {
  let bytes = 0;
  for (const space of v8.getHeapSpaceStatistics())
    if (space.space_name === 'old_space' || space.space_name === 'large_object_space') bytes += space.space_used_size;
  return bytes;
}

function exposedGc(): (() => void) | null {
  if (process.versions.electron) return null;
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return own as () => void;
  // Node keeps V8's flags writable after start; a new context then has `gc` (the process's own global stays as it was).
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : null;
}
