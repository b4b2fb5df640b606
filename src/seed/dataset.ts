import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  DatePrecision,
  EventKind,
  EventStatus,
  FigureMetric,
  FigureQualifier,
  FigureUnit,
  OrganizationKind,
  PlaceKind,
  ProjectKind,
  ProjectStatus,
  QuoteKind,
} from "../generated/sqlite/enums";
import { projectRoot } from "../adapter";

/** Where a record came from: [start, end) in code points of the article text, and the text found there. */
const source = z.object({ start: z.number().int().min(0), end: z.number().int().min(1), excerpt: z.string().min(1) }).strict();
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a slug is lower-case ASCII words joined by hyphens");
const ref = slug.nullable().default(null);
const text = z.string().min(1);
const optionalText = text.nullable().default(null);
/** A partial ISO date (2020, 2020-07 or 2020-07-16), as precise as the text is. */
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable().default(null);

const dated = {
  dateText: optionalText,
  datePrecision: z.enum(DatePrecision).nullable().default(null),
  yearInferred: z.boolean().default(false),
};

export const datasetSchema = z
  .object({
    article: z
      .object({
        slug,
        title: text,
        outletName: text,
        outlet: ref,
        byline: text,
        dateText: optionalText,
        year: z.number().int().nullable().default(null),
        yearInferred: z.boolean().default(false),
        source,
        reporters: z.array(z.object({ slug, person: slug, ordinal: z.number().int(), source }).strict()),
      })
      .strict(),
    places: z.array(
      z
        .object({ slug, name: text, kind: z.enum(PlaceKind), parent: ref, parentInferred: z.boolean().default(false), description: optionalText, source })
        .strict(),
    ),
    organizations: z.array(
      z
        .object({
          slug,
          name: text,
          kind: z.enum(OrganizationKind),
          parent: ref,
          parentInferred: z.boolean().default(false),
          place: ref,
          description: optionalText,
          aliases: z.array(z.object({ alias: text, source }).strict()).default([]),
          source,
        })
        .strict(),
    ),
    people: z.array(z.object({ slug, name: text, description: optionalText, source }).strict()),
    positions: z.array(
      z.object({ slug, person: slug, organization: slug, title: text, current: z.boolean().default(true), source }).strict(),
    ),
    events: z.array(
      z
        .object({
          slug,
          name: text,
          kind: z.enum(EventKind),
          status: z.enum(EventStatus).nullable().default(null),
          startDate: isoDate,
          endDate: isoDate,
          timeOfDay: optionalText,
          timeOfDayInferred: z.boolean().default(false),
          startTimeOfDay: optionalText,
          endTimeOfDay: optionalText,
          ...dated,
          place: ref,
          parent: ref,
          description: optionalText,
          source,
        })
        .strict(),
    ),
    projects: z.array(
      z
        .object({
          slug,
          name: text,
          kind: z.enum(ProjectKind),
          status: z.enum(ProjectStatus).nullable().default(null),
          place: ref,
          date: isoDate,
          ...dated,
          description: optionalText,
          organizations: z.array(z.object({ organization: slug, role: optionalText, source }).strict()).default([]),
          events: z.array(z.object({ event: slug, role: optionalText, source }).strict()).default([]),
          /** People who helped bring the project about. */
          people: z.array(z.object({ person: slug, role: optionalText, source }).strict()).default([]),
          /** Places considered for the project (当时山东、河南、河北、陕西都在考虑范围内). */
          candidatePlaces: z.array(z.object({ place: slug, role: optionalText, source }).strict()).default([]),
          source,
        })
        .strict(),
    ),
    technologies: z.array(
      z.object({ slug, name: text, organization: ref, role: optionalText, description: optionalText, source }).strict(),
    ),
    placements: z.array(
      z
        .object({
          slug,
          person: slug,
          programme: slug,
          programmeInferred: z.boolean().default(false),
          host: ref,
          title: text,
          description: optionalText,
          source,
        })
        .strict(),
    ),
    participations: z.array(
      z.object({ slug, event: slug, person: ref, organization: ref, role: optionalText, source }).strict(),
    ),
    quotes: z.array(
      z
        .object({
          slug,
          text,
          kind: z.enum(QuoteKind),
          speakerPerson: ref,
          speakerOrganization: ref,
          event: ref,
          source,
        })
        .strict(),
    ),
    figures: z.array(
      z
        .object({
          slug,
          metric: z.enum(FigureMetric),
          label: text,
          /** A whole number as a decimal string: CNY amounts exceed 32 bits. */
          value: z.string().regex(/^\d+$/),
          unit: z.enum(FigureUnit),
          qualifier: z.enum(FigureQualifier),
          originalText: text,
          project: ref,
          place: ref,
          organization: ref,
          event: ref,
          /** What this figure counts inside it: a figure, or a project whose figure of this metric is inside it. */
          parts: z
            .array(
              z
                .object({
                  figure: ref,
                  project: ref,
                  inferred: z.boolean().default(false),
                  /** This part may share yuan (or items) with the whole's other parts. */
                  mayOverlap: z.boolean().default(false),
                  note: optionalText,
                  source,
                })
                .strict(),
            )
            .default([]),
          source,
        })
        .strict(),
    ),
  })
  .strict();

export type Dataset = z.infer<typeof datasetSchema>;
export type DatasetFigure = Dataset["figures"][number];
export type SourceRef = z.infer<typeof source>;

export const seedDir = path.join(projectRoot, "seed");

/** The article body, without the page furniture that followed it in the crawled page. */
export function loadArticleText(file = path.join(seedDir, "article.txt")): string {
  return fs.readFileSync(file, "utf8").replace(/\s+$/u, "");
}

export function readDatasetJson(file = path.join(seedDir, "dataset.json")): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}
