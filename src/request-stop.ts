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
  reason: Error | undefined = undefined;
  private listeners: (() => void)[] | undefined = undefined;

  get aborted(): boolean {
    return this.reason !== undefined;
  }

  addEventListener(_type: "abort", listener: () => void): void {
    if (this.reason === undefined) (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners!.splice(at, 1);
  }

  /** Stops the request with `reason`, unless it has already stopped; true when this call stopped it. */
  abort(reason: Error): boolean {
    if (this.reason !== undefined) return false;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) {
      try {
        listener();
      } catch (error) {
        // As an EventTarget does: a throwing listener neither stops the others nor the caller.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    return true;
  }
}
