import type { Db } from "../db";
import { sqlReader } from "./sql";

/**
 * The data's version: a counter that database triggers move whenever a row of
 * a data table really changes (seed, generator or any other writer), shared by
 * every replica. Response caches and ETags are keyed by it, so a cached answer
 * can never outlive the data it was computed from.
 */
export async function readDataVersion(db: Db): Promise<string> {
  // A prepared read (sql.ts), not findUnique: every request reads the version (the response cache keys on it), and
  // Prisma's query compiler made this one-row read cost about 0.9 ms against 0.2 ms.
  const [row] = await sqlReader(db).all<{ value: string }>(`SELECT "value" FROM "ServiceState" WHERE "key" = ?`, ["dataVersion"], true);
  if (!row) throw new Error('ServiceState has no "dataVersion" row: the migrations have not been applied');
  return row.value;
}
