import type { StatementScopeRef } from "./adapter";
import { RequestStop, type StopSignal } from "./request-stop";
import type { Db } from "./db";
import type { QueryCost } from "./plugins/use-query-budget";
import { type Services, createServices } from "./services";
import { readDataVersion } from "./services/data-version";
import { EVERY_COLUMN, type ReadColumns, type ReadColumnsRef } from "./services/read-columns";

export interface Context {
  db: Db;
  services: Services;
  /** The request's statement scope, which its services' statements are checked against (set by src/plugins/use-deadline.ts). */
  statementScope: StatementScopeRef;
  /** Aborted when the client goes away or the request's deadline passes: no more work is started for it. */
  signal: StopSignal;
  /**
   * Aborts `signal` with `reason` (the deadline calls it), where the caller that made the
   * context owns its stop; without it the deadline links a stop of its own.
   */
  stop?: (reason: Error) => void;
  /** The HTTP request's id, for log lines; absent for in-process operations. */
  requestId?: string;
  /** The client's address as the rate limit counts it (TRUST_PROXY decides); absent for in-process operations. */
  clientAddress?: string;
  /** What the operation may cost, measured before it runs (set by the query budget plugin). */
  cost?: QueryCost;
  /** The data version this request reads, read at most once per request (caches and ETags share it). */
  dataVersion(): Promise<string>;
  /** The columns the request's reads take, set when its operation runs (readColumnsFor). */
  readColumns: ReadColumnsRef;
}

export interface RequestScope {
  signal?: StopSignal;
  stop?: (reason: Error) => void;
  requestId?: string;
  clientAddress?: string;
}

/** The PrismaClient is shared; services and their DataLoader caches are new for every request. */
export function createContext(db: Db, { signal = new RequestStop(), stop, requestId, clientAddress }: RequestScope = {}): Context {
  let version: Promise<string> | undefined;
  const statementScope: StatementScopeRef = {};
  const readColumns: ReadColumnsRef = {};
  const context: Context = {
    db,
    // Through the context: the response cache replaces context.dataVersion with the version it has read.
    services: createServices(db, statementScope, () => context.dataVersion(), readColumns),
    statementScope,
    readColumns,
    signal,
    stop,
    requestId,
    clientAddress,
    dataVersion: () => (version ??= readDataVersion(db)),
  };
  return context;
}

/**
 * Sets the columns the context's reads take for the operation about to run.
 * A context that already ran an operation reading other columns gets new
 * services, whose reads take every column from then on: the items the old
 * ones hold may lack columns this operation reads, and the other may still
 * be running (Apollo Server hands the operations of a batched request one
 * context).
 */
export function readColumnsFor(context: Context, columns: ReadColumns): void {
  // A context made elsewhere than createContext (a test's own) has no reads to narrow.
  if (!context.readColumns) return;
  const current = context.readColumns.current;
  if (current === columns || current === EVERY_COLUMN) return;
  if (current) {
    context.readColumns = { current: EVERY_COLUMN };
    context.services = createServices(context.db, context.statementScope, () => context.dataVersion(), context.readColumns);
    return;
  }
  context.readColumns.current = columns;
}
