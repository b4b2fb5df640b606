-- AlterEnum
ALTER TYPE "EventKind" ADD VALUE 'DECISION';


-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "parentInferred" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "endTimeOfDay" TEXT,
ADD COLUMN     "startTimeOfDay" TEXT,
ADD COLUMN     "timeOfDayInferred" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FigurePart" (
    "id" SERIAL NOT NULL,
    "wholeId" INTEGER NOT NULL,
    "partFigureId" INTEGER,
    "partProjectId" INTEGER,
    "inferred" BOOLEAN NOT NULL DEFAULT false,
    "mayOverlap" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "FigurePart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Technology" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organizationId" INTEGER,
    "role" TEXT,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Technology_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingPlacement" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "programmeInferred" BOOLEAN NOT NULL DEFAULT false,
    "hostId" INTEGER,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "TrainingPlacement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectPerson" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "ProjectPerson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectCandidatePlace" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "placeId" INTEGER NOT NULL,
    "role" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "ProjectCandidatePlace_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FigurePart_partFigureId_id_idx" ON "FigurePart"("partFigureId", "id");

-- CreateIndex
CREATE INDEX "FigurePart_partProjectId_id_idx" ON "FigurePart"("partProjectId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "FigurePart_wholeId_partFigureId_key" ON "FigurePart"("wholeId", "partFigureId");

-- CreateIndex
CREATE UNIQUE INDEX "FigurePart_wholeId_partProjectId_key" ON "FigurePart"("wholeId", "partProjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Technology_slug_key" ON "Technology"("slug");

-- CreateIndex
CREATE INDEX "Technology_organizationId_id_idx" ON "Technology"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Technology_name_id_idx" ON "Technology"("name", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingPlacement_slug_key" ON "TrainingPlacement"("slug");

-- CreateIndex
CREATE INDEX "TrainingPlacement_personId_id_idx" ON "TrainingPlacement"("personId", "id");

-- CreateIndex
CREATE INDEX "TrainingPlacement_programmeId_id_idx" ON "TrainingPlacement"("programmeId", "id");

-- CreateIndex
CREATE INDEX "TrainingPlacement_hostId_id_idx" ON "TrainingPlacement"("hostId", "id");

-- CreateIndex
CREATE INDEX "ProjectPerson_personId_id_idx" ON "ProjectPerson"("personId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectPerson_projectId_personId_key" ON "ProjectPerson"("projectId", "personId");

-- CreateIndex
CREATE INDEX "ProjectCandidatePlace_placeId_id_idx" ON "ProjectCandidatePlace"("placeId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectCandidatePlace_projectId_placeId_key" ON "ProjectCandidatePlace"("projectId", "placeId");

-- AddForeignKey
ALTER TABLE "FigurePart" ADD CONSTRAINT "FigurePart_wholeId_fkey" FOREIGN KEY ("wholeId") REFERENCES "Figure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FigurePart" ADD CONSTRAINT "FigurePart_partFigureId_fkey" FOREIGN KEY ("partFigureId") REFERENCES "Figure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FigurePart" ADD CONSTRAINT "FigurePart_partProjectId_fkey" FOREIGN KEY ("partProjectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Technology" ADD CONSTRAINT "Technology_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingPlacement" ADD CONSTRAINT "TrainingPlacement_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingPlacement" ADD CONSTRAINT "TrainingPlacement_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingPlacement" ADD CONSTRAINT "TrainingPlacement_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPerson" ADD CONSTRAINT "ProjectPerson_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPerson" ADD CONSTRAINT "ProjectPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectCandidatePlace" ADD CONSTRAINT "ProjectCandidatePlace_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectCandidatePlace" ADD CONSTRAINT "ProjectCandidatePlace_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Search index: technologies (node scripts/search-sql.mjs postgresql Technology)
CREATE FUNCTION "Technology_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (8::bigint << 40) + OLD."id"::bigint * 16 AND (8::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (8::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Technology', NEW."id", 'name', NEW."name" WHERE NEW."name" IS NOT NULL;
    INSERT INTO "SearchDocument" SELECT (8::bigint << 40) + NEW."id"::bigint * 16 + 1, 'Technology', NEW."id", 'description', NEW."description" WHERE NEW."description" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Technology_search" AFTER INSERT OR UPDATE OR DELETE ON "Technology" FOR EACH ROW EXECUTE FUNCTION "Technology_search"();

INSERT INTO "SearchDocument" SELECT (8::bigint << 40) + "Technology"."id"::bigint * 16 + 0, 'Technology', "id", 'name', "name" FROM "Technology" WHERE "name" IS NOT NULL;

INSERT INTO "SearchDocument" SELECT (8::bigint << 40) + "Technology"."id"::bigint * 16 + 1, 'Technology', "id", 'description', "description" FROM "Technology" WHERE "description" IS NOT NULL;

-- Data version (node scripts/data-version-sql.mjs postgresql FigurePart Technology TrainingPlacement ProjectPerson ProjectCandidatePlace);
-- the statement triggers of tables with new columns compare whole rows, so they need no change
-- Data version: bumped once per statement that inserts, deletes or really changes rows of a data table.
CREATE TRIGGER "FigurePart_data_version_insert" AFTER INSERT ON "FigurePart" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "FigurePart_data_version_update" AFTER UPDATE ON "FigurePart" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "FigurePart_data_version_delete" AFTER DELETE ON "FigurePart" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Technology_data_version_insert" AFTER INSERT ON "Technology" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Technology_data_version_update" AFTER UPDATE ON "Technology" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Technology_data_version_delete" AFTER DELETE ON "Technology" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "TrainingPlacement_data_version_insert" AFTER INSERT ON "TrainingPlacement" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "TrainingPlacement_data_version_update" AFTER UPDATE ON "TrainingPlacement" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "TrainingPlacement_data_version_delete" AFTER DELETE ON "TrainingPlacement" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectPerson_data_version_insert" AFTER INSERT ON "ProjectPerson" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectPerson_data_version_update" AFTER UPDATE ON "ProjectPerson" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectPerson_data_version_delete" AFTER DELETE ON "ProjectPerson" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectCandidatePlace_data_version_insert" AFTER INSERT ON "ProjectCandidatePlace" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectCandidatePlace_data_version_update" AFTER UPDATE ON "ProjectCandidatePlace" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectCandidatePlace_data_version_delete" AFTER DELETE ON "ProjectCandidatePlace" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();

-- Technologies were projects of kind TECHNOLOGY: move them (with the first
-- organization behind them) to their own table, so project lists and counts
-- no longer include them.
INSERT INTO "Technology" ("slug", "name", "organizationId", "role", "description", "sourceStart", "sourceEnd", "sourceExcerpt")
SELECT p."slug", p."name",
  (SELECT po."organizationId" FROM "ProjectOrganization" po WHERE po."projectId" = p."id" ORDER BY po."id" LIMIT 1),
  (SELECT po."role" FROM "ProjectOrganization" po WHERE po."projectId" = p."id" ORDER BY po."id" LIMIT 1),
  p."description", p."sourceStart", p."sourceEnd", p."sourceExcerpt"
FROM "Project" p WHERE p."kind" = 'TECHNOLOGY' ORDER BY p."id";
DELETE FROM "Project" WHERE "kind" = 'TECHNOLOGY';

-- AlterEnum
BEGIN;
CREATE TYPE "ProjectKind_new" AS ENUM ('INDUSTRIAL_PARK', 'SCIENCE_PARK', 'TRADE_HUB', 'SUPPLY_CHAIN', 'HEADQUARTERS');
ALTER TABLE "Project" ALTER COLUMN "kind" TYPE "ProjectKind_new" USING ("kind"::text::"ProjectKind_new");
ALTER TYPE "ProjectKind" RENAME TO "ProjectKind_old";
ALTER TYPE "ProjectKind_new" RENAME TO "ProjectKind";
DROP TYPE "ProjectKind_old";
COMMIT;
