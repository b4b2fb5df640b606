// Prints the SQL that keeps the search index in step with the data, for one
// provider: `node scripts/search-sql.mjs sqlite|postgresql [Table …]`.
// Migrations embed its output; naming tables prints only their triggers and
// backfill, for a migration that adds a searchable table to an existing index. Every indexed text gets a stable row id,
//   (type code << 40) + (source row id << 4) + field code,
// so a trigger can replace a record's rows by id range without scanning.
const ALL = [
  { table: "Place", code: 1, type: "Place", record: "id", fields: [["name", "name", 0], ["description", "description", 1]] },
  { table: "Organization", code: 2, type: "Organization", record: "id", fields: [["name", "name", 0], ["description", "description", 1]] },
  { table: "OrganizationAlias", code: 3, type: "Organization", record: "organizationId", fields: [["alias", "alias", 0]] },
  { table: "Person", code: 4, type: "Person", record: "id", fields: [["name", "name", 0], ["description", "description", 1]] },
  { table: "Event", code: 5, type: "Event", record: "id", fields: [["name", "name", 0], ["description", "description", 1]] },
  { table: "Project", code: 6, type: "Project", record: "id", fields: [["name", "name", 0], ["description", "description", 1]] },
  { table: "Quote", code: 7, type: "Quote", record: "id", fields: [["text", "text", 0]] },
  { table: "Technology", code: 8, type: "Technology", record: "id", fields: [["name", "name", 0], ["description", "description", 1]] },
];

const [provider, ...named] = process.argv.slice(2);
for (const t of named) if (!ALL.some((s) => s.table === t)) throw new Error(`no searchable table ${t}`);
const out = [];
const SOURCES = named.length ? ALL.filter((s) => named.includes(s.table)) : ALL;

if (provider === "sqlite") {
  const base = (s, row) => `(${s.code} << 40) + ${row}."id" * 16`;
  if (!named.length) out.push(`-- Search: an FTS5 trigram index (substring matching in any script), kept by triggers.`);
  if (!named.length) out.push(`CREATE VIRTUAL TABLE "SearchIndex" USING fts5("text", "type" UNINDEXED, "recordId" UNINDEXED, "field" UNINDEXED, tokenize = 'trigram');`);
  for (const s of SOURCES) {
    const inserts = s.fields
      .map(([col, field, fc]) => `  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT ${base(s, "NEW")} + ${fc}, NEW."${col}", '${s.type}', NEW."${s.record}", '${field}' WHERE NEW."${col}" IS NOT NULL;`)
      .join("\n");
    const del = `  DELETE FROM "SearchIndex" WHERE rowid BETWEEN ${base(s, "OLD")} AND ${base(s, "OLD")} + 15;`;
    const cols = s.fields.map(([col]) => `"${col}"`).concat(`"${s.record}"`).filter((c, i, a) => a.indexOf(c) === i && c !== '"id"');
    out.push(`CREATE TRIGGER "${s.table}_search_insert" AFTER INSERT ON "${s.table}" BEGIN\n${inserts}\nEND;`);
    out.push(`CREATE TRIGGER "${s.table}_search_update" AFTER UPDATE OF ${cols.join(", ")} ON "${s.table}" BEGIN\n${del}\n${inserts}\nEND;`);
    out.push(`CREATE TRIGGER "${s.table}_search_delete" AFTER DELETE ON "${s.table}" BEGIN\n${del}\nEND;`);
    for (const [col, field, fc] of s.fields) {
      out.push(`INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT ${base(s, `"${s.table}"`)} + ${fc}, "${col}", '${s.type}', "${s.record}", '${field}' FROM "${s.table}" WHERE "${col}" IS NOT NULL;`);
    }
  }
} else if (provider === "postgresql") {
  const base = (s, row) => `(${s.code}::bigint << 40) + ${row}."id"::bigint * 16`;
  if (!named.length) {
    out.push(`-- Search: a trigram-indexed (pg_trgm) document table, kept by triggers.`);
    out.push(`CREATE EXTENSION IF NOT EXISTS pg_trgm;`);
    out.push(`CREATE TABLE "SearchDocument" ("id" BIGINT NOT NULL PRIMARY KEY, "type" TEXT NOT NULL, "recordId" INTEGER NOT NULL, "field" TEXT NOT NULL, "text" TEXT NOT NULL);`);
    out.push(`CREATE INDEX "SearchDocument_text_trgm_idx" ON "SearchDocument" USING GIN ("text" gin_trgm_ops);`);
  }
  for (const s of SOURCES) {
    const inserts = s.fields
      .map(([col, field, fc]) => `    INSERT INTO "SearchDocument" SELECT ${base(s, "NEW")} + ${fc}, '${s.type}', NEW."${s.record}", '${field}', NEW."${col}" WHERE NEW."${col}" IS NOT NULL;`)
      .join("\n");
    out.push(`CREATE FUNCTION "${s.table}_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN ${base(s, "OLD")} AND ${base(s, "OLD")} + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
${inserts}
  END IF;
  RETURN NULL;
END $$;`);
    out.push(`CREATE TRIGGER "${s.table}_search" AFTER INSERT OR UPDATE OR DELETE ON "${s.table}" FOR EACH ROW EXECUTE FUNCTION "${s.table}_search"();`);
    for (const [col, field, fc] of s.fields) {
      out.push(`INSERT INTO "SearchDocument" SELECT ${base(s, `"${s.table}"`)} + ${fc}, '${s.type}', "${s.record}", '${field}', "${col}" FROM "${s.table}" WHERE "${col}" IS NOT NULL;`);
    }
  }
} else {
  console.error("usage: node scripts/search-sql.mjs sqlite|postgresql [Table …]");
  process.exit(2);
}
console.log(out.join("\n\n"));
