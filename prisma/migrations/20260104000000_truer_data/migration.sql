-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "parentInferred" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN "timeOfDayInferred" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Event" ADD COLUMN "startTimeOfDay" TEXT;
ALTER TABLE "Event" ADD COLUMN "endTimeOfDay" TEXT;

-- CreateTable
CREATE TABLE "FigurePart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wholeId" INTEGER NOT NULL,
    "partFigureId" INTEGER,
    "partProjectId" INTEGER,
    "inferred" BOOLEAN NOT NULL DEFAULT false,
    "mayOverlap" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,
    CONSTRAINT "FigurePart_wholeId_fkey" FOREIGN KEY ("wholeId") REFERENCES "Figure" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FigurePart_partFigureId_fkey" FOREIGN KEY ("partFigureId") REFERENCES "Figure" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FigurePart_partProjectId_fkey" FOREIGN KEY ("partProjectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Technology" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organizationId" INTEGER,
    "role" TEXT,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,
    CONSTRAINT "Technology_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingPlacement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "TrainingPlacement_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingPlacement_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingPlacement_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectPerson" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,
    CONSTRAINT "ProjectPerson_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectCandidatePlace" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "placeId" INTEGER NOT NULL,
    "role" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,
    CONSTRAINT "ProjectCandidatePlace_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectCandidatePlace_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

-- Search index: technologies (node scripts/search-sql.mjs sqlite Technology)
CREATE TRIGGER "Technology_search_insert" AFTER INSERT ON "Technology" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (8 << 40) + NEW."id" * 16 + 0, NEW."name", 'Technology', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (8 << 40) + NEW."id" * 16 + 1, NEW."description", 'Technology', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Technology_search_update" AFTER UPDATE OF "name", "description" ON "Technology" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (8 << 40) + OLD."id" * 16 AND (8 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (8 << 40) + NEW."id" * 16 + 0, NEW."name", 'Technology', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (8 << 40) + NEW."id" * 16 + 1, NEW."description", 'Technology', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Technology_search_delete" AFTER DELETE ON "Technology" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (8 << 40) + OLD."id" * 16 AND (8 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (8 << 40) + "Technology"."id" * 16 + 0, "name", 'Technology', "id", 'name' FROM "Technology" WHERE "name" IS NOT NULL;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (8 << 40) + "Technology"."id" * 16 + 1, "description", 'Technology', "id", 'description' FROM "Technology" WHERE "description" IS NOT NULL;

-- Data version (node scripts/data-version-sql.mjs sqlite FigurePart Technology TrainingPlacement ProjectPerson ProjectCandidatePlace)
-- Data version: bumped by every insert, delete and real update of a data table.
CREATE TRIGGER "FigurePart_data_version_insert" AFTER INSERT ON "FigurePart" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "FigurePart_data_version_update" AFTER UPDATE ON "FigurePart" WHEN OLD."id" IS NOT NEW."id" OR OLD."wholeId" IS NOT NEW."wholeId" OR OLD."partFigureId" IS NOT NEW."partFigureId" OR OLD."partProjectId" IS NOT NEW."partProjectId" OR OLD."inferred" IS NOT NEW."inferred" OR OLD."mayOverlap" IS NOT NEW."mayOverlap" OR OLD."note" IS NOT NEW."note" OR OLD."sourceStart" IS NOT NEW."sourceStart" OR OLD."sourceEnd" IS NOT NEW."sourceEnd" OR OLD."sourceExcerpt" IS NOT NEW."sourceExcerpt" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "FigurePart_data_version_delete" AFTER DELETE ON "FigurePart" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "Technology_data_version_insert" AFTER INSERT ON "Technology" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "Technology_data_version_update" AFTER UPDATE ON "Technology" WHEN OLD."id" IS NOT NEW."id" OR OLD."slug" IS NOT NEW."slug" OR OLD."name" IS NOT NEW."name" OR OLD."organizationId" IS NOT NEW."organizationId" OR OLD."role" IS NOT NEW."role" OR OLD."description" IS NOT NEW."description" OR OLD."sourceStart" IS NOT NEW."sourceStart" OR OLD."sourceEnd" IS NOT NEW."sourceEnd" OR OLD."sourceExcerpt" IS NOT NEW."sourceExcerpt" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "Technology_data_version_delete" AFTER DELETE ON "Technology" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "TrainingPlacement_data_version_insert" AFTER INSERT ON "TrainingPlacement" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "TrainingPlacement_data_version_update" AFTER UPDATE ON "TrainingPlacement" WHEN OLD."id" IS NOT NEW."id" OR OLD."slug" IS NOT NEW."slug" OR OLD."personId" IS NOT NEW."personId" OR OLD."programmeId" IS NOT NEW."programmeId" OR OLD."programmeInferred" IS NOT NEW."programmeInferred" OR OLD."hostId" IS NOT NEW."hostId" OR OLD."title" IS NOT NEW."title" OR OLD."description" IS NOT NEW."description" OR OLD."sourceStart" IS NOT NEW."sourceStart" OR OLD."sourceEnd" IS NOT NEW."sourceEnd" OR OLD."sourceExcerpt" IS NOT NEW."sourceExcerpt" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "TrainingPlacement_data_version_delete" AFTER DELETE ON "TrainingPlacement" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "ProjectPerson_data_version_insert" AFTER INSERT ON "ProjectPerson" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "ProjectPerson_data_version_update" AFTER UPDATE ON "ProjectPerson" WHEN OLD."id" IS NOT NEW."id" OR OLD."projectId" IS NOT NEW."projectId" OR OLD."personId" IS NOT NEW."personId" OR OLD."role" IS NOT NEW."role" OR OLD."sourceStart" IS NOT NEW."sourceStart" OR OLD."sourceEnd" IS NOT NEW."sourceEnd" OR OLD."sourceExcerpt" IS NOT NEW."sourceExcerpt" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "ProjectPerson_data_version_delete" AFTER DELETE ON "ProjectPerson" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "ProjectCandidatePlace_data_version_insert" AFTER INSERT ON "ProjectCandidatePlace" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "ProjectCandidatePlace_data_version_update" AFTER UPDATE ON "ProjectCandidatePlace" WHEN OLD."id" IS NOT NEW."id" OR OLD."projectId" IS NOT NEW."projectId" OR OLD."placeId" IS NOT NEW."placeId" OR OLD."role" IS NOT NEW."role" OR OLD."sourceStart" IS NOT NEW."sourceStart" OR OLD."sourceEnd" IS NOT NEW."sourceEnd" OR OLD."sourceExcerpt" IS NOT NEW."sourceExcerpt" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "ProjectCandidatePlace_data_version_delete" AFTER DELETE ON "ProjectCandidatePlace" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;

-- Data version: the update triggers of tables with new columns compare those columns too
DROP TRIGGER "Organization_data_version_update";
DROP TRIGGER "Event_data_version_update";
CREATE TRIGGER "Organization_data_version_update" AFTER UPDATE ON "Organization" WHEN OLD."id" IS NOT NEW."id" OR OLD."slug" IS NOT NEW."slug" OR OLD."name" IS NOT NEW."name" OR OLD."kind" IS NOT NEW."kind" OR OLD."parentId" IS NOT NEW."parentId" OR OLD."parentInferred" IS NOT NEW."parentInferred" OR OLD."placeId" IS NOT NEW."placeId" OR OLD."description" IS NOT NEW."description" OR OLD."sourceStart" IS NOT NEW."sourceStart" OR OLD."sourceEnd" IS NOT NEW."sourceEnd" OR OLD."sourceExcerpt" IS NOT NEW."sourceExcerpt" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;
CREATE TRIGGER "Event_data_version_update" AFTER UPDATE ON "Event" WHEN OLD."id" IS NOT NEW."id" OR OLD."slug" IS NOT NEW."slug" OR OLD."name" IS NOT NEW."name" OR OLD."kind" IS NOT NEW."kind" OR OLD."status" IS NOT NEW."status" OR OLD."dateText" IS NOT NEW."dateText" OR OLD."startDate" IS NOT NEW."startDate" OR OLD."endDate" IS NOT NEW."endDate" OR OLD."datePrecision" IS NOT NEW."datePrecision" OR OLD."timeOfDay" IS NOT NEW."timeOfDay" OR OLD."timeOfDayInferred" IS NOT NEW."timeOfDayInferred" OR OLD."startTimeOfDay" IS NOT NEW."startTimeOfDay" OR OLD."endTimeOfDay" IS NOT NEW."endTimeOfDay" OR OLD."yearInferred" IS NOT NEW."yearInferred" OR OLD."placeId" IS NOT NEW."placeId" OR OLD."parentId" IS NOT NEW."parentId" OR OLD."description" IS NOT NEW."description" OR OLD."sourceStart" IS NOT NEW."sourceStart" OR OLD."sourceEnd" IS NOT NEW."sourceEnd" OR OLD."sourceExcerpt" IS NOT NEW."sourceExcerpt" BEGIN UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion'; END;

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
