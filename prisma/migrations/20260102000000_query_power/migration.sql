-- DropIndex
DROP INDEX "Place_parentId_idx";

-- DropIndex
DROP INDEX "Place_kind_idx";

-- DropIndex
DROP INDEX "Place_name_idx";

-- DropIndex
DROP INDEX "Organization_parentId_idx";

-- DropIndex
DROP INDEX "Organization_placeId_idx";

-- DropIndex
DROP INDEX "Organization_kind_idx";

-- DropIndex
DROP INDEX "Organization_name_idx";

-- DropIndex
DROP INDEX "Person_name_idx";

-- DropIndex
DROP INDEX "Position_personId_idx";

-- DropIndex
DROP INDEX "Position_organizationId_idx";

-- DropIndex
DROP INDEX "Event_placeId_idx";

-- DropIndex
DROP INDEX "Event_parentId_idx";

-- DropIndex
DROP INDEX "Event_kind_idx";

-- DropIndex
DROP INDEX "Event_startDate_idx";

-- DropIndex
DROP INDEX "Project_placeId_idx";

-- DropIndex
DROP INDEX "Project_kind_idx";

-- DropIndex
DROP INDEX "Project_status_idx";

-- DropIndex
DROP INDEX "Project_name_idx";

-- DropIndex
DROP INDEX "ProjectOrganization_organizationId_idx";

-- DropIndex
DROP INDEX "EventProject_projectId_idx";

-- DropIndex
DROP INDEX "Participation_eventId_idx";

-- DropIndex
DROP INDEX "Participation_personId_idx";

-- DropIndex
DROP INDEX "Participation_organizationId_idx";

-- DropIndex
DROP INDEX "Quote_speakerPersonId_idx";

-- DropIndex
DROP INDEX "Quote_speakerOrganizationId_idx";

-- DropIndex
DROP INDEX "Quote_eventId_idx";

-- DropIndex
DROP INDEX "Figure_projectId_idx";

-- DropIndex
DROP INDEX "Figure_placeId_idx";

-- DropIndex
DROP INDEX "Figure_organizationId_idx";

-- DropIndex
DROP INDEX "Figure_eventId_idx";

-- DropIndex
DROP INDEX "Figure_metric_idx";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "investment" BIGINT;
ALTER TABLE "Project" ADD COLUMN "investmentApproximate" BOOLEAN;

-- CreateIndex
CREATE INDEX "Place_parentId_id_idx" ON "Place"("parentId", "id");

-- CreateIndex
CREATE INDEX "Place_kind_id_idx" ON "Place"("kind", "id");

-- CreateIndex
CREATE INDEX "Place_name_id_idx" ON "Place"("name", "id");

-- CreateIndex
CREATE INDEX "Organization_parentId_id_idx" ON "Organization"("parentId", "id");

-- CreateIndex
CREATE INDEX "Organization_placeId_id_idx" ON "Organization"("placeId", "id");

-- CreateIndex
CREATE INDEX "Organization_kind_id_idx" ON "Organization"("kind", "id");

-- CreateIndex
CREATE INDEX "Organization_name_id_idx" ON "Organization"("name", "id");

-- CreateIndex
CREATE INDEX "Person_name_id_idx" ON "Person"("name", "id");

-- CreateIndex
CREATE INDEX "Position_personId_id_idx" ON "Position"("personId", "id");

-- CreateIndex
CREATE INDEX "Position_organizationId_id_idx" ON "Position"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Position_title_id_idx" ON "Position"("title", "id");

-- CreateIndex
CREATE INDEX "Event_placeId_id_idx" ON "Event"("placeId", "id");

-- CreateIndex
CREATE INDEX "Event_parentId_id_idx" ON "Event"("parentId", "id");

-- CreateIndex
CREATE INDEX "Event_kind_id_idx" ON "Event"("kind", "id");

-- CreateIndex
CREATE INDEX "Event_status_id_idx" ON "Event"("status", "id");

-- CreateIndex
CREATE INDEX "Event_startDate_id_idx" ON "Event"("startDate", "id");

-- CreateIndex
CREATE INDEX "Event_name_id_idx" ON "Event"("name", "id");

-- CreateIndex
CREATE INDEX "Project_placeId_id_idx" ON "Project"("placeId", "id");

-- CreateIndex
CREATE INDEX "Project_kind_id_idx" ON "Project"("kind", "id");

-- CreateIndex
CREATE INDEX "Project_status_id_idx" ON "Project"("status", "id");

-- CreateIndex
CREATE INDEX "Project_name_id_idx" ON "Project"("name", "id");

-- CreateIndex
CREATE INDEX "Project_date_id_idx" ON "Project"("date", "id");

-- CreateIndex
CREATE INDEX "Project_investment_id_idx" ON "Project"("investment", "id");

-- CreateIndex
CREATE INDEX "ProjectOrganization_organizationId_id_idx" ON "ProjectOrganization"("organizationId", "id");

-- CreateIndex
CREATE INDEX "EventProject_projectId_id_idx" ON "EventProject"("projectId", "id");

-- CreateIndex
CREATE INDEX "Participation_eventId_id_idx" ON "Participation"("eventId", "id");

-- CreateIndex
CREATE INDEX "Participation_personId_id_idx" ON "Participation"("personId", "id");

-- CreateIndex
CREATE INDEX "Participation_organizationId_id_idx" ON "Participation"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Quote_speakerPersonId_id_idx" ON "Quote"("speakerPersonId", "id");

-- CreateIndex
CREATE INDEX "Quote_speakerOrganizationId_id_idx" ON "Quote"("speakerOrganizationId", "id");

-- CreateIndex
CREATE INDEX "Quote_eventId_id_idx" ON "Quote"("eventId", "id");

-- CreateIndex
CREATE INDEX "Quote_kind_id_idx" ON "Quote"("kind", "id");

-- CreateIndex
CREATE INDEX "Figure_projectId_id_idx" ON "Figure"("projectId", "id");

-- CreateIndex
CREATE INDEX "Figure_placeId_id_idx" ON "Figure"("placeId", "id");

-- CreateIndex
CREATE INDEX "Figure_organizationId_id_idx" ON "Figure"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Figure_eventId_id_idx" ON "Figure"("eventId", "id");

-- CreateIndex
CREATE INDEX "Figure_metric_value_id_idx" ON "Figure"("metric", "value", "id");

-- CreateIndex
CREATE INDEX "Figure_value_id_idx" ON "Figure"("value", "id");


-- Search: an FTS5 trigram index (substring matching in any script), kept by triggers.

CREATE VIRTUAL TABLE "SearchIndex" USING fts5("text", "type" UNINDEXED, "recordId" UNINDEXED, "field" UNINDEXED, tokenize = 'trigram');

CREATE TRIGGER "Place_search_insert" AFTER INSERT ON "Place" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (1 << 40) + NEW."id" * 16 + 0, NEW."name", 'Place', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (1 << 40) + NEW."id" * 16 + 1, NEW."description", 'Place', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Place_search_update" AFTER UPDATE OF "name", "description" ON "Place" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (1 << 40) + OLD."id" * 16 AND (1 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (1 << 40) + NEW."id" * 16 + 0, NEW."name", 'Place', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (1 << 40) + NEW."id" * 16 + 1, NEW."description", 'Place', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Place_search_delete" AFTER DELETE ON "Place" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (1 << 40) + OLD."id" * 16 AND (1 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (1 << 40) + "Place"."id" * 16 + 0, "name", 'Place', "id", 'name' FROM "Place" WHERE "name" IS NOT NULL;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (1 << 40) + "Place"."id" * 16 + 1, "description", 'Place', "id", 'description' FROM "Place" WHERE "description" IS NOT NULL;

CREATE TRIGGER "Organization_search_insert" AFTER INSERT ON "Organization" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (2 << 40) + NEW."id" * 16 + 0, NEW."name", 'Organization', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (2 << 40) + NEW."id" * 16 + 1, NEW."description", 'Organization', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Organization_search_update" AFTER UPDATE OF "name", "description" ON "Organization" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (2 << 40) + OLD."id" * 16 AND (2 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (2 << 40) + NEW."id" * 16 + 0, NEW."name", 'Organization', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (2 << 40) + NEW."id" * 16 + 1, NEW."description", 'Organization', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Organization_search_delete" AFTER DELETE ON "Organization" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (2 << 40) + OLD."id" * 16 AND (2 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (2 << 40) + "Organization"."id" * 16 + 0, "name", 'Organization', "id", 'name' FROM "Organization" WHERE "name" IS NOT NULL;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (2 << 40) + "Organization"."id" * 16 + 1, "description", 'Organization', "id", 'description' FROM "Organization" WHERE "description" IS NOT NULL;

CREATE TRIGGER "OrganizationAlias_search_insert" AFTER INSERT ON "OrganizationAlias" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (3 << 40) + NEW."id" * 16 + 0, NEW."alias", 'Organization', NEW."organizationId", 'alias' WHERE NEW."alias" IS NOT NULL;
END;

CREATE TRIGGER "OrganizationAlias_search_update" AFTER UPDATE OF "alias", "organizationId" ON "OrganizationAlias" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (3 << 40) + OLD."id" * 16 AND (3 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (3 << 40) + NEW."id" * 16 + 0, NEW."alias", 'Organization', NEW."organizationId", 'alias' WHERE NEW."alias" IS NOT NULL;
END;

CREATE TRIGGER "OrganizationAlias_search_delete" AFTER DELETE ON "OrganizationAlias" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (3 << 40) + OLD."id" * 16 AND (3 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (3 << 40) + "OrganizationAlias"."id" * 16 + 0, "alias", 'Organization', "organizationId", 'alias' FROM "OrganizationAlias" WHERE "alias" IS NOT NULL;

CREATE TRIGGER "Person_search_insert" AFTER INSERT ON "Person" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (4 << 40) + NEW."id" * 16 + 0, NEW."name", 'Person', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (4 << 40) + NEW."id" * 16 + 1, NEW."description", 'Person', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Person_search_update" AFTER UPDATE OF "name", "description" ON "Person" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (4 << 40) + OLD."id" * 16 AND (4 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (4 << 40) + NEW."id" * 16 + 0, NEW."name", 'Person', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (4 << 40) + NEW."id" * 16 + 1, NEW."description", 'Person', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Person_search_delete" AFTER DELETE ON "Person" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (4 << 40) + OLD."id" * 16 AND (4 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (4 << 40) + "Person"."id" * 16 + 0, "name", 'Person', "id", 'name' FROM "Person" WHERE "name" IS NOT NULL;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (4 << 40) + "Person"."id" * 16 + 1, "description", 'Person', "id", 'description' FROM "Person" WHERE "description" IS NOT NULL;

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (5 << 40) + NEW."id" * 16 + 0, NEW."name", 'Event', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (5 << 40) + NEW."id" * 16 + 1, NEW."description", 'Event', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "name", "description" ON "Event" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (5 << 40) + OLD."id" * 16 AND (5 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (5 << 40) + NEW."id" * 16 + 0, NEW."name", 'Event', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (5 << 40) + NEW."id" * 16 + 1, NEW."description", 'Event', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (5 << 40) + OLD."id" * 16 AND (5 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (5 << 40) + "Event"."id" * 16 + 0, "name", 'Event', "id", 'name' FROM "Event" WHERE "name" IS NOT NULL;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (5 << 40) + "Event"."id" * 16 + 1, "description", 'Event', "id", 'description' FROM "Event" WHERE "description" IS NOT NULL;

CREATE TRIGGER "Project_search_insert" AFTER INSERT ON "Project" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (6 << 40) + NEW."id" * 16 + 0, NEW."name", 'Project', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (6 << 40) + NEW."id" * 16 + 1, NEW."description", 'Project', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Project_search_update" AFTER UPDATE OF "name", "description" ON "Project" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (6 << 40) + OLD."id" * 16 AND (6 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (6 << 40) + NEW."id" * 16 + 0, NEW."name", 'Project', NEW."id", 'name' WHERE NEW."name" IS NOT NULL;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (6 << 40) + NEW."id" * 16 + 1, NEW."description", 'Project', NEW."id", 'description' WHERE NEW."description" IS NOT NULL;
END;

CREATE TRIGGER "Project_search_delete" AFTER DELETE ON "Project" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (6 << 40) + OLD."id" * 16 AND (6 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (6 << 40) + "Project"."id" * 16 + 0, "name", 'Project', "id", 'name' FROM "Project" WHERE "name" IS NOT NULL;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (6 << 40) + "Project"."id" * 16 + 1, "description", 'Project', "id", 'description' FROM "Project" WHERE "description" IS NOT NULL;

CREATE TRIGGER "Quote_search_insert" AFTER INSERT ON "Quote" BEGIN
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (7 << 40) + NEW."id" * 16 + 0, NEW."text", 'Quote', NEW."id", 'text' WHERE NEW."text" IS NOT NULL;
END;

CREATE TRIGGER "Quote_search_update" AFTER UPDATE OF "text" ON "Quote" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (7 << 40) + OLD."id" * 16 AND (7 << 40) + OLD."id" * 16 + 15;
  INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (7 << 40) + NEW."id" * 16 + 0, NEW."text", 'Quote', NEW."id", 'text' WHERE NEW."text" IS NOT NULL;
END;

CREATE TRIGGER "Quote_search_delete" AFTER DELETE ON "Quote" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid BETWEEN (7 << 40) + OLD."id" * 16 AND (7 << 40) + OLD."id" * 16 + 15;
END;

INSERT INTO "SearchIndex" (rowid, "text", "type", "recordId", "field") SELECT (7 << 40) + "Quote"."id" * 16 + 0, "text", 'Quote', "id", 'text' FROM "Quote" WHERE "text" IS NOT NULL;
