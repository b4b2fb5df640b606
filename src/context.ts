import type { Db } from "./db";
import { type Services, createServices } from "./services";

export interface Context {
  db: Db;
  services: Services;
}

/** The PrismaClient is shared; services and their DataLoader caches are new for every request. */
export function createContext(db: Db): Context {
  return { db, services: createServices(db) };
}
