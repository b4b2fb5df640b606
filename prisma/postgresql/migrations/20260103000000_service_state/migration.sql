-- CreateTable
CREATE TABLE "ServiceState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ServiceState_pkey" PRIMARY KEY ("key")
);


INSERT INTO "ServiceState" ("key", "value") VALUES ('dataVersion', '1');

-- Data version: bumped once per statement that inserts, deletes or really changes rows of a data table.
CREATE FUNCTION "data_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT * FROM "changed_rows" EXCEPT SELECT * FROM "previous_rows") THEN RETURN NULL; END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM "changed_rows") THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM "previous_rows") THEN
    RETURN NULL;
  END IF;
  UPDATE "ServiceState" SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT) WHERE "key" = 'dataVersion';
  RETURN NULL;
END $$;
CREATE TRIGGER "Article_data_version_insert" AFTER INSERT ON "Article" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Article_data_version_update" AFTER UPDATE ON "Article" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Article_data_version_delete" AFTER DELETE ON "Article" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ArticleReporter_data_version_insert" AFTER INSERT ON "ArticleReporter" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ArticleReporter_data_version_update" AFTER UPDATE ON "ArticleReporter" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ArticleReporter_data_version_delete" AFTER DELETE ON "ArticleReporter" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Place_data_version_insert" AFTER INSERT ON "Place" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Place_data_version_update" AFTER UPDATE ON "Place" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Place_data_version_delete" AFTER DELETE ON "Place" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Organization_data_version_insert" AFTER INSERT ON "Organization" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Organization_data_version_update" AFTER UPDATE ON "Organization" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Organization_data_version_delete" AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "OrganizationAlias_data_version_insert" AFTER INSERT ON "OrganizationAlias" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "OrganizationAlias_data_version_update" AFTER UPDATE ON "OrganizationAlias" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "OrganizationAlias_data_version_delete" AFTER DELETE ON "OrganizationAlias" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Person_data_version_insert" AFTER INSERT ON "Person" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Person_data_version_update" AFTER UPDATE ON "Person" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Person_data_version_delete" AFTER DELETE ON "Person" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Position_data_version_insert" AFTER INSERT ON "Position" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Position_data_version_update" AFTER UPDATE ON "Position" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Position_data_version_delete" AFTER DELETE ON "Position" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Event_data_version_insert" AFTER INSERT ON "Event" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Event_data_version_update" AFTER UPDATE ON "Event" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Event_data_version_delete" AFTER DELETE ON "Event" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Project_data_version_insert" AFTER INSERT ON "Project" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Project_data_version_update" AFTER UPDATE ON "Project" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Project_data_version_delete" AFTER DELETE ON "Project" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectOrganization_data_version_insert" AFTER INSERT ON "ProjectOrganization" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectOrganization_data_version_update" AFTER UPDATE ON "ProjectOrganization" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "ProjectOrganization_data_version_delete" AFTER DELETE ON "ProjectOrganization" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "EventProject_data_version_insert" AFTER INSERT ON "EventProject" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "EventProject_data_version_update" AFTER UPDATE ON "EventProject" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "EventProject_data_version_delete" AFTER DELETE ON "EventProject" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Participation_data_version_insert" AFTER INSERT ON "Participation" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Participation_data_version_update" AFTER UPDATE ON "Participation" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Participation_data_version_delete" AFTER DELETE ON "Participation" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Quote_data_version_insert" AFTER INSERT ON "Quote" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Quote_data_version_update" AFTER UPDATE ON "Quote" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Quote_data_version_delete" AFTER DELETE ON "Quote" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Figure_data_version_insert" AFTER INSERT ON "Figure" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Figure_data_version_update" AFTER UPDATE ON "Figure" REFERENCING OLD TABLE AS "previous_rows" NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "Figure_data_version_delete" AFTER DELETE ON "Figure" REFERENCING OLD TABLE AS "previous_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
