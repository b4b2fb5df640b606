// Prints the SQL that keeps ServiceState's "dataVersion" row in step with the
// data, for one provider: `node scripts/data-version-sql.mjs sqlite|postgresql
// [Model …]` (every model but ServiceState when none is named). Migrations
// embed its output; a model added later gets its triggers in its migration,
// and test/data-version.test.ts fails for a table that has none.
// The version moves only when a row really changes, so a seed that rewrites
// the same values leaves cached responses and ETags valid.
import fs from "node:fs";

const schema = fs.readFileSync(new URL("../prisma/schema.prisma", import.meta.url), "utf8");
const enums = new Set([...schema.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]));
const scalars = new Set(["String", "Int", "BigInt", "Boolean", "Float", "DateTime", "Decimal", "Json", ...enums]);
const models = new Map(
  [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name, body]) => [
    name,
    body
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([field, type]) => field && !field.startsWith("//") && !field.startsWith("@@") && type && scalars.has(type.replace(/\?$/, "")))
      .map(([field]) => field),
  ]),
);

const [provider, ...named] = process.argv.slice(2);
const tables = named.length ? named : [...models.keys()].filter((m) => m !== "ServiceState");
for (const t of tables) if (!models.has(t)) throw new Error(`no model ${t} in prisma/schema.prisma`);
const bump = `UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'`;
const out = [];

if (provider === "sqlite") {
  out.push(`-- Data version: bumped by every insert, delete and real update of a data table.`);
  for (const t of tables) {
    const changed = models.get(t).map((c) => `OLD."${c}" IS NOT NEW."${c}"`).join(" OR ");
    out.push(`CREATE TRIGGER "${t}_data_version_insert" AFTER INSERT ON "${t}" BEGIN ${bump}; END;`);
    out.push(`CREATE TRIGGER "${t}_data_version_update" AFTER UPDATE ON "${t}" WHEN ${changed} BEGIN ${bump}; END;`);
    out.push(`CREATE TRIGGER "${t}_data_version_delete" AFTER DELETE ON "${t}" BEGIN ${bump}; END;`);
  }
} else if (provider === "postgresql") {
  out.push(`-- Data version: bumped once per statement that inserts, deletes or really changes rows of a data table.`);
  if (!named.length) {
    out.push(`CREATE FUNCTION "data_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT * FROM "changed_rows" EXCEPT SELECT * FROM "previous_rows") THEN RETURN NULL; END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM "changed_rows") THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM "previous_rows") THEN
    RETURN NULL;
  END IF;
  ${bump};
  RETURN NULL;
END $$;`);
  }
  for (const t of tables) {
    out.push(`CREATE TRIGGER "${t}_data_version_insert" AFTER INSERT ON "${t}" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();`);
    out.push(`CREATE TRIGGER "${t}_data_version_update" AFTER UPDATE ON "${t}" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();`);
    out.push(`CREATE TRIGGER "${t}_data_version_delete" AFTER DELETE ON "${t}" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();`);
  }
} else {
  console.error("usage: node scripts/data-version-sql.mjs sqlite|postgresql [Model …]");
  process.exit(2);
}
console.log(out.join("\n"));
