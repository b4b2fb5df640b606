/* eslint-disable @typescript-eslint/no-explicit-any */
import Database from "better-sqlite3";
import DataLoader from "dataloader";
import { type DocumentNode, type GraphQLError, type GraphQLScalarType, Kind, buildSchema, execute, parse, validate } from "graphql";

/**
 * The hand-written floor `npm run bench` measures the service against: the
 * benchmark queries answered by graphql-js, DataLoader and direct SQL with
 * better-sqlite3 into the service's JSON shape, with none of the service's
 * layers (type-graphql, Apollo Server, Prisma, budgets, deadlines). Each
 * relation is one statement per request and level (window functions page
 * nested lists); parsed and validated documents are cached by query text.
 * A TypeScript port of the shared harness's floor peer (peers/floor), so every
 * future change sees its distance to the floor from inside the repository.
 * It serves only the benchmark queries' fields, and sums investment without the
 * service's count-once rule, so it is a floor, not a second implementation.
 */
export function createFloor(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const statements = new Map<string, any>();
  const all = (sql: string, ...params: unknown[]): any[] => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql)));
    return st.all(...params);
  };
  const get = (sql: string, ...params: unknown[]): any => all(sql, ...params)[0] ?? null;
  const IN = "(SELECT value FROM json_each(?))";
  const keysOf = (keys: readonly unknown[]) => JSON.stringify(keys);

  const sdl = /* GraphQL */ `
    scalar SafeInt
    enum OrderDirection { ASC DESC }
    enum ProjectOrderField { INVESTMENT NAME ID }
    input ProjectOrder { field: ProjectOrderField!, direction: OrderDirection = ASC }
    input NumberFilter { gte: SafeInt }
    input PlaceRef { slug: String }
    input PlaceWhere { within: PlaceRef }
    input PlaceRelationFilter { is: PlaceWhere }
    input ProjectWhere { investment: NumberFilter, place: PlaceRelationFilter }

    type Query {
      project(slug: String!): Project
      place(slug: String!): Place
      places(first: Int): PlaceConnection!
      projects(first: Int, where: ProjectWhere, orderBy: [ProjectOrder!]): ProjectConnection!
    }
    type Place {
      name: String!
      kind: String!
      parent: Place
      children(first: Int): PlaceConnection!
      projects(first: Int, orderBy: [ProjectOrder!]): ProjectConnection!
    }
    type PlaceConnection { nodes: [Place!]!, totalCount: Int! }
    type FigureAggregate { sum: SafeInt, approximate: Boolean! }
    type ProjectConnection { nodes: [Project!]!, totalCount: Int!, investment: FigureAggregate! }
    type Project {
      name: String!
      place: Place
      investment: Figure
      organizations(first: Int): OrganizationLinkConnection!
      events(first: Int): EventLinkConnection!
      figures(first: Int): FigureConnection!
    }
    type Figure { label: String!, value: SafeInt!, approximate: Boolean! }
    type FigureConnection { nodes: [Figure!]! }
    type OrganizationLinkEdge { role: String, node: Organization! }
    type OrganizationLinkConnection { edges: [OrganizationLinkEdge!]!, nodes: [Organization!]! }
    type Organization { name: String!, people(first: Int): PersonLinkConnection! }
    type PersonLinkConnection { nodes: [Person!]! }
    type Person { name: String!, quotes(first: Int): QuoteConnection! }
    type QuoteConnection { nodes: [Quote!]! }
    type Quote { text: String!, event: Event }
    type Event { name: String!, participants(first: Int): ParticipationConnection! }
    type EventLinkConnection { nodes: [Event!]! }
    type ParticipationConnection { nodes: [Participation!]! }
    type Participation { role: String, person: Person, organization: Organization }
  `;

  const schema = buildSchema(sdl);
  const safeInt = schema.getType("SafeInt") as GraphQLScalarType;
  safeInt.serialize = Number;
  safeInt.parseValue = Number;
  safeInt.parseLiteral = (ast: any) => (ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? Number(ast.value) : undefined);

  /** Per-request loaders: one statement per relation (and page size/order) whatever the number of parents. */
  function createLoaders() {
    const cache = new Map<string, DataLoader<any, any>>();
    const loader = (key: string, batch: (keys: readonly any[]) => Promise<any[]>) => {
      let l = cache.get(key);
      if (!l) cache.set(key, (l = new DataLoader(batch)));
      return l;
    };
    const byId = (table: string) =>
      loader(`id:${table}`, async (ids: readonly any[]) => {
        const rows = new Map(all(`SELECT * FROM "${table}" WHERE id IN ${IN}`, keysOf(ids)).map((r) => [r.id, r]));
        return ids.map((id) => rows.get(id) ?? null);
      });
    const grouped = (keys: readonly any[], rows: any[]) => {
      const out = new Map<any, any[]>(keys.map((k) => [k, []]));
      for (const r of rows) out.get(r._k)?.push(r);
      return keys.map((k) => out.get(k));
    };
    /** Rows of `table` whose `fk` is each key, the first `first` of each in `order`. */
    const children = (table: string, fk: string, order: string, first: number) =>
      loader(`children:${table}:${fk}:${order}:${first}`, async (keys: readonly any[]) =>
        grouped(
          keys,
          all(
            `SELECT * FROM (SELECT t.*, t."${fk}" AS _k, row_number() OVER (PARTITION BY t."${fk}" ORDER BY ${order}) AS _rn
               FROM "${table}" t WHERE t."${fk}" IN ${IN}) WHERE _rn <= ? ORDER BY _k, _rn`,
            keysOf(keys),
            first,
          ),
        ),
      );
    /** Nodes reached through a link table, the first `first` links of each key by link id; `_role` is the link's role. */
    const linked = (link: string, fk: string, target: string, targetFk: string, roleColumn: string, first: number) =>
      loader(`linked:${link}:${fk}:${first}`, async (keys: readonly any[]) =>
        grouped(
          keys,
          all(
            `SELECT n.*, l._k, l.${roleColumn} AS _role FROM
               (SELECT l.*, l."${fk}" AS _k, row_number() OVER (PARTITION BY l."${fk}" ORDER BY l.id) AS _rn FROM "${link}" l WHERE l."${fk}" IN ${IN}) l
               JOIN "${target}" n ON n.id = l."${targetFk}" WHERE l._rn <= ? ORDER BY l._k, l._rn`,
            keysOf(keys),
            first,
          ),
        ),
      );
    const projectStats = () =>
      loader("stats:Project:placeId", async (keys: readonly any[]) => {
        const rows = new Map(
          all(
            `SELECT placeId AS k, count(*) AS c, sum(investment) AS s,
                    coalesce(max(CASE WHEN investment IS NOT NULL THEN investmentApproximate END), 0) AS a
               FROM Project WHERE placeId IN ${IN} GROUP BY placeId`,
            keysOf(keys),
          ).map((r) => [r.k, r]),
        );
        return keys.map((k) => rows.get(k) ?? { c: 0, s: null, a: 0 });
      });
    const placeCounts = () =>
      loader("count:Place:parentId", async (keys: readonly any[]) => {
        const rows = new Map(all(`SELECT parentId AS k, count(*) AS c FROM Place WHERE parentId IN ${IN} GROUP BY parentId`, keysOf(keys)).map((r) => [r.k, r.c]));
        return keys.map((k) => rows.get(k) ?? 0);
      });
    const investment = () =>
      loader("investment", async (ids: readonly any[]) => {
        const rows = new Map<unknown, any>();
        for (const r of all(`SELECT * FROM Figure WHERE projectId IN ${IN} AND +metric = 'INVESTMENT' ORDER BY projectId, id`, keysOf(ids))) {
          if (!rows.has(r.projectId)) rows.set(r.projectId, r);
        }
        return ids.map((id) => rows.get(id) ?? null);
      });
    return { byId, children, linked, projectStats, placeCounts, investment };
  }

  const page = (first: number | null | undefined) => Math.min(first ?? 20, 100);
  const projectOrder = (orderBy: { field: string; direction: string }[] | null | undefined) =>
    [
      ...(orderBy ?? []).map(({ field, direction }) => {
        const column = ({ INVESTMENT: "investment", NAME: "name", ID: "id" } as Record<string, string>)[field];
        return `t."${column}" ${direction === "DESC" ? "DESC" : "ASC"} NULLS LAST`;
      }),
      "t.id",
    ].join(", ");
  const ref = (table: string, column: string) => (row: any, _args: any, { loaders }: any) => (row[column] == null ? null : loaders.byId(table).load(row[column]));

  const resolvers: Record<string, Record<string, (...args: any[]) => unknown>> = {
    Query: {
      project: (_: any, { slug }: any) => get(`SELECT * FROM Project WHERE slug = ?`, slug),
      place: (_: any, { slug }: any) => get(`SELECT * FROM Place WHERE slug = ?`, slug),
      places: (_: any, { first }: any) => ({
        nodes: all(`SELECT * FROM Place ORDER BY id LIMIT ?`, page(first)),
        totalCount: () => get(`SELECT count(*) AS c FROM Place`).c,
      }),
      projects: (_, { first, where, orderBy }) => {
        const conditions: string[] = [];
        const params: unknown[] = [];
        if (where?.investment?.gte != null) {
          conditions.push("t.investment >= ?");
          params.push(where.investment.gte);
        }
        const within = where?.place?.is?.within?.slug;
        if (within != null) {
          conditions.push(`t.placeId IN (WITH RECURSIVE tree(id) AS (SELECT id FROM Place WHERE slug = ? UNION ALL SELECT p.id FROM Place p JOIN tree ON p.parentId = tree.id) SELECT id FROM tree)`);
          params.push(within);
        }
        const whereSql = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
        return {
          nodes: all(`SELECT * FROM Project t ${whereSql} ORDER BY ${projectOrder(orderBy)} LIMIT ?`, ...params, page(first)),
          totalCount: () => get(`SELECT count(*) AS c FROM Project t ${whereSql}`, ...params).c,
          investment: () => {
            const r = get(`SELECT sum(investment) AS s, coalesce(max(CASE WHEN investment IS NOT NULL THEN investmentApproximate END), 0) AS a FROM Project t ${whereSql}`, ...params);
            return { sum: r.s, approximate: Boolean(r.a) };
          },
        };
      },
    },
    Place: {
      parent: ref("Place", "parentId"),
      children: (place: any, { first }: any, { loaders }: any) => ({
        nodes: loaders.children("Place", "parentId", "t.id", page(first)).load(place.id),
        totalCount: () => loaders.placeCounts().load(place.id),
      }),
      projects: (place, { first, orderBy }, { loaders }) => {
        const stats = () => loaders.projectStats().load(place.id);
        return {
          nodes: loaders.children("Project", "placeId", projectOrder(orderBy), page(first)).load(place.id),
          totalCount: async () => (await stats()).c,
          investment: async () => {
            const s = await stats();
            return { sum: s.s, approximate: Boolean(s.a) };
          },
        };
      },
    },
    Project: {
      place: ref("Place", "placeId"),
      investment: (project: any, _args: any, { loaders }: any) => loaders.investment().load(project.id),
      organizations: async (project: any, { first }: any, { loaders }: any) => {
        const rows = await loaders.linked("ProjectOrganization", "projectId", "Organization", "organizationId", "role", page(first)).load(project.id);
        return { nodes: rows, edges: rows.map((node: any) => ({ role: node._role, node })) };
      },
      events: (project: any, { first }: any, { loaders }: any) => ({
        nodes: loaders.linked("EventProject", "projectId", "Event", "eventId", "role", page(first)).load(project.id),
      }),
      figures: (project: any, { first }: any, { loaders }: any) => ({ nodes: loaders.children("Figure", "projectId", "t.id", page(first)).load(project.id) }),
    },
    Figure: { approximate: (figure: any) => figure.qualifier !== "EXACT" },
    Organization: {
      people: (org: any, { first }: any, { loaders }: any) => ({ nodes: loaders.linked("Position", "organizationId", "Person", "personId", "title", page(first)).load(org.id) }),
    },
    Person: {
      quotes: (person: any, { first }: any, { loaders }: any) => ({ nodes: loaders.children("Quote", "speakerPersonId", "t.id", page(first)).load(person.id) }),
    },
    Quote: { event: ref("Event", "eventId") },
    Event: {
      participants: (event: any, { first }: any, { loaders }: any) => ({ nodes: loaders.children("Participation", "eventId", "t.id", page(first)).load(event.id) }),
    },
    Participation: { person: ref("Person", "personId"), organization: ref("Organization", "organizationId") },
  };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as any;
    for (const [name, resolve] of Object.entries(fields)) type.getFields()[name].resolve = resolve;
  }
  // Connection fields given as functions above (totalCount, investment) are called by graphql-js's
  // default resolver only when the query asks for them.

  const documents = new Map<string, { document?: DocumentNode; errors?: readonly GraphQLError[] }>();
  function prepare(query: string) {
    let entry = documents.get(query);
    if (!entry) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        entry = errors.length ? { errors } : { document };
      } catch (error) {
        entry = { errors: [error as GraphQLError] };
      }
      if (documents.size > 1000) documents.clear();
      documents.set(query, entry);
    }
    return entry;
  }

  return {
    /** Runs one operation as the floor's HTTP server would, without the HTTP. */
    async run(query: string, variables?: Record<string, unknown>) {
      const { document, errors } = prepare(query);
      if (errors) return { errors };
      return execute({ schema, document: document!, variableValues: variables, contextValue: { loaders: createLoaders() } });
    },
    close: () => db.close(),
  };
}
