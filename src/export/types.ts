/**
 * What each export holds: the GraphQL selection one page of it reads, and
 * how a node becomes one flat row. Exports read through the same schema as
 * every client (the same `where`, validation, budget and deadline), so an
 * export and the API can never disagree about what matches a filter.
 */

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface ExportType {
  /** The root list field, e.g. `projects`. */
  list: string;
  /** Its where input type, e.g. `ProjectWhere`. */
  whereType: string;
  /** The selection of one node. */
  selection: string;
  /** Column names, in order: CSV headers and the keys of JSON rows. */
  columns: string[];
  row(node: any): Row;
}

const SOURCE = "source { start end excerpt }";
const PLACE = "place { slug name kind ancestors { slug name kind } }";

const sourceColumns = ["source_start", "source_end", "source_excerpt"];
const source = (node: any): Row => ({ source_start: node.source.start, source_end: node.source.end, source_excerpt: node.source.excerpt });

const placeColumns = ["place_slug", "place_name", "place_kind", "district_slug", "district_name", "city_slug", "city_name"];

/** The place with the district (or county-level city) and the city it lies in, resolved from its ancestors. */
function place(p: any): Row {
  const chain = p ? [p, ...p.ancestors] : [];
  const district = chain.find((x: any) => x.kind === "DISTRICT" || x.kind === "COUNTY_LEVEL_CITY");
  const city = chain.find((x: any) => x.kind === "CITY");
  return {
    place_slug: p?.slug ?? null,
    place_name: p?.name ?? null,
    place_kind: p?.kind ?? null,
    district_slug: district?.slug ?? null,
    district_name: district?.name ?? null,
    city_slug: city?.slug ?? null,
    city_name: city?.name ?? null,
  };
}

const dateColumns = ["date", "date_precision", "date_text"];

export const EXPORT_TYPES: Record<string, ExportType> = {
  projects: {
    list: "projects",
    whereType: "ProjectWhere",
    selection: `id slug name kind status date datePrecision dateText yearInferred ${PLACE}
      investment { value unit approximate originalText } ${SOURCE}`,
    columns: ["id", "slug", "name", "kind", "status", ...dateColumns, "year_inferred", ...placeColumns, "investment_yuan", "investment_text", "investment_approximate", ...sourceColumns],
    row: (n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      kind: n.kind,
      status: n.status,
      date: n.date,
      date_precision: n.datePrecision,
      date_text: n.dateText,
      year_inferred: n.yearInferred,
      ...place(n.place),
      investment_yuan: n.investment?.value ?? null,
      investment_text: n.investment?.originalText ?? null,
      investment_approximate: n.investment?.approximate ?? null,
      ...source(n),
    }),
  },
  organizations: {
    list: "organizations",
    whereType: "OrganizationWhere",
    selection: `id slug name kind description parent { slug name } parentInferred ${PLACE} ${SOURCE}`,
    columns: ["id", "slug", "name", "kind", "description", "parent_slug", "parent_name", "parent_inferred", ...placeColumns, ...sourceColumns],
    row: (n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      kind: n.kind,
      description: n.description,
      parent_slug: n.parent?.slug ?? null,
      parent_name: n.parent?.name ?? null,
      parent_inferred: n.parentInferred,
      ...place(n.place),
      ...source(n),
    }),
  },
  people: {
    list: "people",
    whereType: "PersonWhere",
    selection: `id slug name description positions(first: 1) { nodes { title organization { slug name } } } ${SOURCE}`,
    columns: ["id", "slug", "name", "description", "title", "organization_slug", "organization_name", ...sourceColumns],
    row: (n) => {
      const position = n.positions.nodes[0];
      return {
        id: n.id,
        slug: n.slug,
        name: n.name,
        description: n.description,
        title: position?.title ?? null,
        organization_slug: position?.organization.slug ?? null,
        organization_name: position?.organization.name ?? null,
        ...source(n),
      };
    },
  },
  events: {
    list: "events",
    whereType: "EventWhere",
    selection: `id slug name kind status startDate endDate datePrecision dateText timeOfDay parent { slug name } ${PLACE} ${SOURCE}`,
    columns: ["id", "slug", "name", "kind", "status", "start_date", "end_date", "date_precision", "date_text", "time_of_day", "parent_slug", "parent_name", ...placeColumns, ...sourceColumns],
    row: (n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      kind: n.kind,
      status: n.status,
      start_date: n.startDate,
      end_date: n.endDate,
      date_precision: n.datePrecision,
      date_text: n.dateText,
      time_of_day: n.timeOfDay,
      parent_slug: n.parent?.slug ?? null,
      parent_name: n.parent?.name ?? null,
      ...place(n.place),
      ...source(n),
    }),
  },
  quotes: {
    list: "quotes",
    whereType: "QuoteWhere",
    selection: `id slug kind text
      speaker { __typename ... on Person { slug name positions(first: 1) { nodes { title organization { slug name } } } } ... on Organization { slug name } }
      event { slug name } ${SOURCE}`,
    columns: ["id", "slug", "kind", "text", "speaker_type", "speaker_slug", "speaker_name", "speaker_title", "speaker_organization_slug", "speaker_organization_name", "event_slug", "event_name", ...sourceColumns],
    row: (n) => {
      const speaker = n.speaker;
      const position = speaker?.__typename === "Person" ? speaker.positions.nodes[0] : undefined;
      const organization = speaker?.__typename === "Organization" ? speaker : position?.organization;
      return {
        id: n.id,
        slug: n.slug,
        kind: n.kind,
        text: n.text,
        speaker_type: speaker?.__typename ?? null,
        speaker_slug: speaker?.slug ?? null,
        speaker_name: speaker?.name ?? null,
        speaker_title: position?.title ?? null,
        speaker_organization_slug: organization?.slug ?? null,
        speaker_organization_name: organization?.name ?? null,
        event_slug: n.event?.slug ?? null,
        event_name: n.event?.name ?? null,
        ...source(n),
      };
    },
  },
  figures: {
    list: "figures",
    whereType: "FigureWhere",
    selection: `id slug label metric value unit qualifier approximate originalText
      subject { __typename ... on Event { slug name } ... on Organization { slug name } ... on Place { slug name } ... on Project { slug name } } ${SOURCE}`,
    columns: ["id", "slug", "label", "metric", "value", "unit", "qualifier", "approximate", "original_text", "subject_type", "subject_slug", "subject_name", ...sourceColumns],
    row: (n) => ({
      id: n.id,
      slug: n.slug,
      label: n.label,
      metric: n.metric,
      value: n.value,
      unit: n.unit,
      qualifier: n.qualifier,
      approximate: n.approximate,
      original_text: n.originalText,
      subject_type: n.subject.__typename,
      subject_slug: n.subject.slug,
      subject_name: n.subject.name,
      ...source(n),
    }),
  },
  places: {
    list: "places",
    whereType: "PlaceWhere",
    selection: `id slug name kind description parent { slug name } parentInferred ancestors { slug name kind } ${SOURCE}`,
    columns: ["id", "slug", "name", "kind", "description", "parent_slug", "parent_name", "parent_inferred", "district_slug", "district_name", "city_slug", "city_name", ...sourceColumns],
    row: (n) => {
      const { district_slug, district_name, city_slug, city_name } = place(n);
      return {
        id: n.id,
        slug: n.slug,
        name: n.name,
        kind: n.kind,
        description: n.description,
        parent_slug: n.parent?.slug ?? null,
        parent_name: n.parent?.name ?? null,
        parent_inferred: n.parentInferred,
        district_slug,
        district_name,
        city_slug,
        city_name,
        ...source(n),
      };
    },
  },
};

export const EXPORT_TYPE_NAMES = Object.keys(EXPORT_TYPES);

export const EXPORT_FORMATS = ["csv", "json", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The operation that reads one page of an export. */
export function pageQuery(type: ExportType): string {
  return `query Export($where: ${type.whereType}, $first: Int!, $after: String) {
  ${type.list}(where: $where, first: $first, after: $after) {
    nodes { ${type.selection} }
    pageInfo { hasNextPage endCursor }
  }
}`;
}
