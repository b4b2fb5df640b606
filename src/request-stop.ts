/**
 * What stopping a request asks of a signal: its statement checks read
 * `aborted` and `reason` (src/adapter.ts), and a running PostgreSQL statement
 * or a request queued for a heavy-query slot listens for the abort. An
 * AbortSignal is one, as is a RequestStop.
 */
export interface StopSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * A request's stop (its deadline passed, or its client went away), in place
 * of an AbortController: Node makes every AbortSignal an EventTarget, and
 * making one for each request was 2.5% of a one-project lookup's CPU, while
 * almost no request is ever aborted or listened to. Listeners are called
 * once, in the order they were added, on the first abort; later aborts
 * change nothing, and the first reason stays.
 */
export class RequestStop implements StopSignal {
  #reason: Error | undefined = undefined;
  #listeners: (() => void)[] | undefined = undefined;

  get aborted(): boolean {
    return this.#reason !== undefined;
  }

  get reason(): Error | undefined {
    return this.#reason;
  }

  /** As on an AbortSignal: a listener added twice runs once, and one added after the abort never runs. */
  addEventListener(_type: "abort", listener: () => void): void {
    if (this.#reason !== undefined) return;
    const listeners = (this.#listeners ??= []);
    if (!listeners.includes(listener)) listeners.push(listener);
  }

  /** As on an AbortSignal: a listener removed by another one while the abort runs is not called. */
  removeEventListener(_type: "abort", listener: () => void): void {
    const listeners = this.#listeners;
    const at = listeners?.indexOf(listener) ?? -1;
    if (at < 0) return;
    // While an abort runs through the list, its place is kept so the ones after it still run.
    if (this.#reason === undefined) listeners!.splice(at, 1);
    else listeners![at] = REMOVED;
  }

  /** Stops the request with `reason`, unless it has already stopped; true when this call stopped it. */
  abort(reason: Error): boolean {
    if (this.#reason !== undefined) return false;
    this.#reason = reason ?? new Error("The request was stopped");
    const listeners = this.#listeners ?? [];
    for (let i = 0; i < listeners.length; i++) {
      const listener = listeners[i];
      if (listener === REMOVED) continue;
      try {
        listener();
      } catch (error) {
        // As an EventTarget does: a throwing listener neither stops the others nor the caller.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.#listeners = undefined;
    return true;
  }
}

/** Where a removed listener stood, so that removing during an abort does not shift the ones still to run. */
const REMOVED = () => undefined;
