import { type StatementScopeRef, inStatementScope } from "../adapter";
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import type { ReadColumnsRef } from "./read-columns";
import type { SqlReader } from "./sql";

/** The client properties that are model delegates (`project`, `place`, …). */
const DELEGATES = new Set(Object.values(Prisma.ModelName).map((name) => name[0].toLowerCase() + name.slice(1)));
const RAW = new Set(["$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe"]);
const REQUEST = Symbol("request");

interface Request {
  db: Db;
  scope: StatementScopeRef;
  /** The columns the request's reads take (read-columns.ts). */
  reads: ReadColumnsRef;
  /** The request's prepared-statement reader, made on first use (sqlReader, sql.ts). */
  reader?: SqlReader;
}

/** The client and scope behind a request's client (undefined for the shared client). */
export function requestOf(db: Db): Request | undefined {
  return (db as unknown as { [REQUEST]?: Request })[REQUEST];
}

type Method = (...args: unknown[]) => PromiseLike<unknown>;

/**
 * The shared client as one request's services see it: every Prisma call it
 * starts runs in the request's statement scope (inStatementScope), so the
 * driver adapter refuses its statements once the request has stopped, and
 * its prepared reads (sqlReader) are bound to the same scope. One per
 * request, made with the request's services, so that call sites need not
 * pass the scope; the scope itself is filled in when the operation starts
 * executing (src/plugins/use-deadline.ts).
 */
export function requestDb(db: Db, scope: StatementScopeRef, reads: ReadColumnsRef = {}): Db {
  const request: Request = { db, scope, reads };
  const wrapped = new Map<PropertyKey, unknown>();
  const inScope = (target: object, method: Method) => (...args: unknown[]) => inStatementScope(scope.current, () => method.apply(target, args));
  const delegate = (model: object) => {
    const methods = new Map<PropertyKey, unknown>();
    return new Proxy(model, {
      get(target, name) {
        const value = Reflect.get(target, name);
        if (typeof value !== "function") return value;
        let method = methods.get(name);
        if (!method) methods.set(name, (method = inScope(target, value as Method)));
        return method;
      },
    });
  };
  return new Proxy(db, {
    get(target, name) {
      if (name === REQUEST) return request;
      const value = Reflect.get(target, name);
      if (typeof name !== "string" || !(DELEGATES.has(name) || RAW.has(name))) return typeof value === "function" ? value.bind(target) : value;
      let view = wrapped.get(name);
      if (!view) wrapped.set(name, (view = RAW.has(name) ? inScope(target, value as Method) : delegate(value as object)));
      return view;
    },
  });
}
