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
ALTER TABLE "Project" ADD COLUMN     "investment" BIGINT,
ADD COLUMN     "investmentApproximate" BOOLEAN;

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


-- Search: a trigram-indexed (pg_trgm) document table, kept by triggers.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "SearchDocument" ("id" BIGINT NOT NULL PRIMARY KEY, "type" TEXT NOT NULL, "recordId" INTEGER NOT NULL, "field" TEXT NOT NULL, "text" TEXT NOT NULL);

CREATE INDEX "SearchDocument_text_trgm_idx" ON "SearchDocument" USING GIN ("text" gin_trgm_ops);

CREATE FUNCTION "Place_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (1::bigint << 40) + OLD."id"::bigint * 16 AND (1::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (1::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Place', NEW."id", 'name', NEW."name" WHERE NEW."name" IS NOT NULL;
    INSERT INTO "SearchDocument" SELECT (1::bigint << 40) + NEW."id"::bigint * 16 + 1, 'Place', NEW."id", 'description', NEW."description" WHERE NEW."description" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Place_search" AFTER INSERT OR UPDATE OR DELETE ON "Place" FOR EACH ROW EXECUTE FUNCTION "Place_search"();

INSERT INTO "SearchDocument" SELECT (1::bigint << 40) + "Place"."id"::bigint * 16 + 0, 'Place', "id", 'name', "name" FROM "Place" WHERE "name" IS NOT NULL;

INSERT INTO "SearchDocument" SELECT (1::bigint << 40) + "Place"."id"::bigint * 16 + 1, 'Place', "id", 'description', "description" FROM "Place" WHERE "description" IS NOT NULL;

CREATE FUNCTION "Organization_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (2::bigint << 40) + OLD."id"::bigint * 16 AND (2::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (2::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Organization', NEW."id", 'name', NEW."name" WHERE NEW."name" IS NOT NULL;
    INSERT INTO "SearchDocument" SELECT (2::bigint << 40) + NEW."id"::bigint * 16 + 1, 'Organization', NEW."id", 'description', NEW."description" WHERE NEW."description" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Organization_search" AFTER INSERT OR UPDATE OR DELETE ON "Organization" FOR EACH ROW EXECUTE FUNCTION "Organization_search"();

INSERT INTO "SearchDocument" SELECT (2::bigint << 40) + "Organization"."id"::bigint * 16 + 0, 'Organization', "id", 'name', "name" FROM "Organization" WHERE "name" IS NOT NULL;

INSERT INTO "SearchDocument" SELECT (2::bigint << 40) + "Organization"."id"::bigint * 16 + 1, 'Organization', "id", 'description', "description" FROM "Organization" WHERE "description" IS NOT NULL;

CREATE FUNCTION "OrganizationAlias_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (3::bigint << 40) + OLD."id"::bigint * 16 AND (3::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (3::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Organization', NEW."organizationId", 'alias', NEW."alias" WHERE NEW."alias" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "OrganizationAlias_search" AFTER INSERT OR UPDATE OR DELETE ON "OrganizationAlias" FOR EACH ROW EXECUTE FUNCTION "OrganizationAlias_search"();

INSERT INTO "SearchDocument" SELECT (3::bigint << 40) + "OrganizationAlias"."id"::bigint * 16 + 0, 'Organization', "organizationId", 'alias', "alias" FROM "OrganizationAlias" WHERE "alias" IS NOT NULL;

CREATE FUNCTION "Person_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (4::bigint << 40) + OLD."id"::bigint * 16 AND (4::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (4::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Person', NEW."id", 'name', NEW."name" WHERE NEW."name" IS NOT NULL;
    INSERT INTO "SearchDocument" SELECT (4::bigint << 40) + NEW."id"::bigint * 16 + 1, 'Person', NEW."id", 'description', NEW."description" WHERE NEW."description" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Person_search" AFTER INSERT OR UPDATE OR DELETE ON "Person" FOR EACH ROW EXECUTE FUNCTION "Person_search"();

INSERT INTO "SearchDocument" SELECT (4::bigint << 40) + "Person"."id"::bigint * 16 + 0, 'Person', "id", 'name', "name" FROM "Person" WHERE "name" IS NOT NULL;

INSERT INTO "SearchDocument" SELECT (4::bigint << 40) + "Person"."id"::bigint * 16 + 1, 'Person', "id", 'description', "description" FROM "Person" WHERE "description" IS NOT NULL;

CREATE FUNCTION "Event_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (5::bigint << 40) + OLD."id"::bigint * 16 AND (5::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (5::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Event', NEW."id", 'name', NEW."name" WHERE NEW."name" IS NOT NULL;
    INSERT INTO "SearchDocument" SELECT (5::bigint << 40) + NEW."id"::bigint * 16 + 1, 'Event', NEW."id", 'description', NEW."description" WHERE NEW."description" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Event_search" AFTER INSERT OR UPDATE OR DELETE ON "Event" FOR EACH ROW EXECUTE FUNCTION "Event_search"();

INSERT INTO "SearchDocument" SELECT (5::bigint << 40) + "Event"."id"::bigint * 16 + 0, 'Event', "id", 'name', "name" FROM "Event" WHERE "name" IS NOT NULL;

INSERT INTO "SearchDocument" SELECT (5::bigint << 40) + "Event"."id"::bigint * 16 + 1, 'Event', "id", 'description', "description" FROM "Event" WHERE "description" IS NOT NULL;

CREATE FUNCTION "Project_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (6::bigint << 40) + OLD."id"::bigint * 16 AND (6::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (6::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Project', NEW."id", 'name', NEW."name" WHERE NEW."name" IS NOT NULL;
    INSERT INTO "SearchDocument" SELECT (6::bigint << 40) + NEW."id"::bigint * 16 + 1, 'Project', NEW."id", 'description', NEW."description" WHERE NEW."description" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Project_search" AFTER INSERT OR UPDATE OR DELETE ON "Project" FOR EACH ROW EXECUTE FUNCTION "Project_search"();

INSERT INTO "SearchDocument" SELECT (6::bigint << 40) + "Project"."id"::bigint * 16 + 0, 'Project', "id", 'name', "name" FROM "Project" WHERE "name" IS NOT NULL;

INSERT INTO "SearchDocument" SELECT (6::bigint << 40) + "Project"."id"::bigint * 16 + 1, 'Project', "id", 'description', "description" FROM "Project" WHERE "description" IS NOT NULL;

CREATE FUNCTION "Quote_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDocument" WHERE "id" BETWEEN (7::bigint << 40) + OLD."id"::bigint * 16 AND (7::bigint << 40) + OLD."id"::bigint * 16 + 15;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDocument" SELECT (7::bigint << 40) + NEW."id"::bigint * 16 + 0, 'Quote', NEW."id", 'text', NEW."text" WHERE NEW."text" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Quote_search" AFTER INSERT OR UPDATE OR DELETE ON "Quote" FOR EACH ROW EXECUTE FUNCTION "Quote_search"();

INSERT INTO "SearchDocument" SELECT (7::bigint << 40) + "Quote"."id"::bigint * 16 + 0, 'Quote', "id", 'text', "text" FROM "Quote" WHERE "text" IS NOT NULL;
