/**
 * The one way the renderer loads data that a newer request replaces (another filter, another organization,
 * another choice in a dialog). Each `run` aborts the request before it, so an answer that arrives late is
 * dropped instead of overwriting the newer one; `more` asks for a further part of the latest (the next page)
 * and is dropped with it. `loading` says whether the latest is on its way.
 *
 * The latest request's failure is passed on to the caller, which shows it (errorMessage); a dropped
 * request's failure is dropped with it, as nobody waits for its answer any more.
 */
export class LatestRequest {
  loading = $state(false);
  private controller: AbortController | null = null;

  /** Starts a new request, aborting the one on its way; `apply` gets the answer only while it is the latest. */
  run<T>(load: (signal: AbortSignal) => Promise<T>, apply: (answer: T) => void): Promise<void> {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.settle(this.controller, load, apply);
  }

  /** A further request of the latest one (its next page): dropped, like it, once a newer `run` starts. */
  more<T>(load: (signal: AbortSignal) => Promise<T>, apply: (answer: T) => void): Promise<void> {
    this.controller ??= new AbortController();
    return this.settle(this.controller, load, apply);
  }

  /** Drops the request on its way (the screen closed, the choice became empty). */
  abort(): void {
    this.controller?.abort();
    this.controller = null;
    this.loading = false;
  }

  private async settle<T>(controller: AbortController, load: (signal: AbortSignal) => Promise<T>, apply: (answer: T) => void) {
    this.loading = true;
    try {
      const answer = await load(controller.signal);
      if (!controller.signal.aborted) apply(answer);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      if (controller === this.controller) this.loading = false;
    }
  }
}
