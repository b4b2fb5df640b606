import type { ApolloServerPlugin } from "@apollo/server";
import { laterTurn } from "../adapter";
import type { Context } from "../context";
import type { StopSignal } from "../request-stop";

/**
 * A counting semaphore whose waiters leave the queue when their signal
 * aborts. (async-sema and p-limit have no way to give up a place in the
 * queue, and p-limit is ESM-only; this service is CommonJS.)
 */
export class Slots {
  private free: number;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if it aborts first. */
  acquire(signal?: StopSignal): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.free++;
    };
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(release);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }
}

export interface HeavyQueryGateOptions {
  /** Operations whose possible nodes (context.cost, from the query budget) reach this are heavy. */
  nodes: number;
  /** Heavy operations executing at once; the others wait, in order of arrival, within their deadline. */
  concurrency: number;
}

/**
 * Heavy operations (by the query budget's node count, known before they run)
 * execute a few at a time and the rest wait their turn, while everything
 * else runs at once. On a server that is busy with heavy work, a lookup or
 * `{ __typename }` then queues behind at most `concurrency` heavy requests
 * instead of behind every one of them, and the memory heavy answers hold is
 * bounded by the same number. The wait is in `executionDidStart`, which
 * Apollo calls only for operations that passed every check (budget, rate
 * limit) and missed the response cache. The wait counts toward the request's
 * deadline: when it passes, or the client leaves, the request stops waiting
 * and executes without a slot, and the driver adapter refuses its first
 * statement, so it ends with the usual TIMEOUT (src/plugins/use-deadline.ts).
 */
export function useHeavyQueryGate({ nodes, concurrency }: HeavyQueryGateOptions): ApolloServerPlugin<Context> {
  const slots = new Slots(concurrency);
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      const done = () => release?.();
      return {
        async executionDidStart({ contextValue }) {
          if ((contextValue.cost?.nodes ?? 0) < nodes) return undefined;
          release = await slots.acquire(contextValue.signal).catch(() => undefined);
          // Start in a turn of its own, as statements do, rather than at the end of one other requests have filled.
          for (let wait = laterTurn(); wait; wait = laterTurn()) await wait;
          return { executionDidEnd: async () => done() };
        },
        willSendResponse: async () => done(),
      };
    },
  };
}
