import type { Db } from "./db";
import { type Services, createServices } from "./services";

export interface Context {
  db: Db;
  services: Services;
  /** Aborted when the client goes away or the request's deadline passes: no more work is started for it. */
  signal: AbortSignal;
  /** The HTTP request's id, for log lines; absent for in-process operations. */
  requestId?: string;
}

export interface RequestScope {
  signal?: AbortSignal;
  requestId?: string;
}

/** The PrismaClient is shared; services and their DataLoader caches are new for every request. */
export function createContext(db: Db, { signal = new AbortController().signal, requestId }: RequestScope = {}): Context {
  return { db, services: createServices(db), signal, requestId };
}
