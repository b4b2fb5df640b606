-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PlaceKind" AS ENUM ('REGION', 'PROVINCE', 'CITY', 'COUNTY_LEVEL_CITY', 'DISTRICT', 'TOWN', 'ZONE');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('COMPANY', 'ASSOCIATION', 'GOVERNMENT', 'GOVERNMENT_TEAM', 'RESEARCH', 'MEDIA', 'PLATFORM', 'FACTORY');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('TRIP', 'CONFERENCE', 'INSPECTION', 'VISIT', 'SIGNING', 'FORUM', 'ENGAGEMENT');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('HELD', 'PLANNED');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY');

-- CreateEnum
CREATE TYPE "ProjectKind" AS ENUM ('INDUSTRIAL_PARK', 'SCIENCE_PARK', 'TRADE_HUB', 'SUPPLY_CHAIN', 'HEADQUARTERS', 'TECHNOLOGY');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('DECIDED', 'SIGNED', 'LANDED', 'OPERATING');

-- CreateEnum
CREATE TYPE "QuoteKind" AS ENUM ('DIRECT', 'REPORTED');

-- CreateEnum
CREATE TYPE "FigureMetric" AS ENUM ('INVESTMENT', 'COMPLETED_INVESTMENT', 'ANNUAL_OUTPUT', 'PROJECTS', 'PROJECTS_BUILDING_OR_OPERATING', 'COMPANIES', 'PARTICIPANTS', 'GROUPS', 'PHASES', 'STANDARDS', 'RANK', 'BATCHES');

-- CreateEnum
CREATE TYPE "FigureUnit" AS ENUM ('CNY', 'COUNT', 'RANK');

-- CreateEnum
CREATE TYPE "FigureQualifier" AS ENUM ('EXACT', 'APPROXIMATE', 'AT_LEAST', 'MORE_THAN');

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "outletName" TEXT NOT NULL,
    "outletId" INTEGER,
    "byline" TEXT NOT NULL,
    "dateText" TEXT,
    "year" INTEGER,
    "yearInferred" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleReporter" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "articleId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "ArticleReporter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Place" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PlaceKind" NOT NULL,
    "parentId" INTEGER,
    "parentInferred" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Place_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganizationKind" NOT NULL,
    "parentId" INTEGER,
    "placeId" INTEGER,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationAlias" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "OrganizationAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EventKind" NOT NULL,
    "status" "EventStatus",
    "dateText" TEXT,
    "startDate" TEXT,
    "endDate" TEXT,
    "datePrecision" "DatePrecision",
    "timeOfDay" TEXT,
    "yearInferred" BOOLEAN NOT NULL DEFAULT false,
    "placeId" INTEGER,
    "parentId" INTEGER,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProjectKind" NOT NULL,
    "status" "ProjectStatus",
    "placeId" INTEGER,
    "dateText" TEXT,
    "date" TEXT,
    "datePrecision" "DatePrecision",
    "yearInferred" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectOrganization" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "role" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "ProjectOrganization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventProject" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "role" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "EventProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "personId" INTEGER,
    "organizationId" INTEGER,
    "role" TEXT,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" "QuoteKind" NOT NULL,
    "speakerPersonId" INTEGER,
    "speakerOrganizationId" INTEGER,
    "eventId" INTEGER,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Figure" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "metric" "FigureMetric" NOT NULL,
    "label" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    "unit" "FigureUnit" NOT NULL,
    "qualifier" "FigureQualifier" NOT NULL,
    "originalText" TEXT NOT NULL,
    "projectId" INTEGER,
    "placeId" INTEGER,
    "organizationId" INTEGER,
    "eventId" INTEGER,
    "sourceStart" INTEGER NOT NULL,
    "sourceEnd" INTEGER NOT NULL,
    "sourceExcerpt" TEXT NOT NULL,

    CONSTRAINT "Figure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");

-- CreateIndex
CREATE INDEX "Article_outletId_idx" ON "Article"("outletId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleReporter_slug_key" ON "ArticleReporter"("slug");

-- CreateIndex
CREATE INDEX "ArticleReporter_personId_idx" ON "ArticleReporter"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleReporter_articleId_personId_key" ON "ArticleReporter"("articleId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Place_slug_key" ON "Place"("slug");

-- CreateIndex
CREATE INDEX "Place_parentId_idx" ON "Place"("parentId");

-- CreateIndex
CREATE INDEX "Place_kind_idx" ON "Place"("kind");

-- CreateIndex
CREATE INDEX "Place_name_idx" ON "Place"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- CreateIndex
CREATE INDEX "Organization_placeId_idx" ON "Organization"("placeId");

-- CreateIndex
CREATE INDEX "Organization_kind_idx" ON "Organization"("kind");

-- CreateIndex
CREATE INDEX "Organization_name_idx" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "OrganizationAlias_alias_idx" ON "OrganizationAlias"("alias");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationAlias_organizationId_alias_key" ON "OrganizationAlias"("organizationId", "alias");

-- CreateIndex
CREATE UNIQUE INDEX "Person_slug_key" ON "Person"("slug");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Position_slug_key" ON "Position"("slug");

-- CreateIndex
CREATE INDEX "Position_personId_idx" ON "Position"("personId");

-- CreateIndex
CREATE INDEX "Position_organizationId_idx" ON "Position"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");

-- CreateIndex
CREATE INDEX "Event_placeId_idx" ON "Event"("placeId");

-- CreateIndex
CREATE INDEX "Event_parentId_idx" ON "Event"("parentId");

-- CreateIndex
CREATE INDEX "Event_kind_idx" ON "Event"("kind");

-- CreateIndex
CREATE INDEX "Event_startDate_idx" ON "Event"("startDate");

-- CreateIndex
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug");

-- CreateIndex
CREATE INDEX "Project_placeId_idx" ON "Project"("placeId");

-- CreateIndex
CREATE INDEX "Project_kind_idx" ON "Project"("kind");

-- CreateIndex
CREATE INDEX "Project_status_idx" ON "Project"("status");

-- CreateIndex
CREATE INDEX "Project_name_idx" ON "Project"("name");

-- CreateIndex
CREATE INDEX "ProjectOrganization_organizationId_idx" ON "ProjectOrganization"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectOrganization_projectId_organizationId_key" ON "ProjectOrganization"("projectId", "organizationId");

-- CreateIndex
CREATE INDEX "EventProject_projectId_idx" ON "EventProject"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "EventProject_eventId_projectId_key" ON "EventProject"("eventId", "projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_slug_key" ON "Participation"("slug");

-- CreateIndex
CREATE INDEX "Participation_eventId_idx" ON "Participation"("eventId");

-- CreateIndex
CREATE INDEX "Participation_personId_idx" ON "Participation"("personId");

-- CreateIndex
CREATE INDEX "Participation_organizationId_idx" ON "Participation"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_slug_key" ON "Quote"("slug");

-- CreateIndex
CREATE INDEX "Quote_speakerPersonId_idx" ON "Quote"("speakerPersonId");

-- CreateIndex
CREATE INDEX "Quote_speakerOrganizationId_idx" ON "Quote"("speakerOrganizationId");

-- CreateIndex
CREATE INDEX "Quote_eventId_idx" ON "Quote"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Figure_slug_key" ON "Figure"("slug");

-- CreateIndex
CREATE INDEX "Figure_projectId_idx" ON "Figure"("projectId");

-- CreateIndex
CREATE INDEX "Figure_placeId_idx" ON "Figure"("placeId");

-- CreateIndex
CREATE INDEX "Figure_organizationId_idx" ON "Figure"("organizationId");

-- CreateIndex
CREATE INDEX "Figure_eventId_idx" ON "Figure"("eventId");

-- CreateIndex
CREATE INDEX "Figure_metric_idx" ON "Figure"("metric");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleReporter" ADD CONSTRAINT "ArticleReporter_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleReporter" ADD CONSTRAINT "ArticleReporter_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Place" ADD CONSTRAINT "Place_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Place"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationAlias" ADD CONSTRAINT "OrganizationAlias_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectOrganization" ADD CONSTRAINT "ProjectOrganization_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectOrganization" ADD CONSTRAINT "ProjectOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventProject" ADD CONSTRAINT "EventProject_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventProject" ADD CONSTRAINT "EventProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_speakerPersonId_fkey" FOREIGN KEY ("speakerPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_speakerOrganizationId_fkey" FOREIGN KEY ("speakerOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

