import { ArrayMaxSize, IsOptional, ValidateNested } from "class-validator";
import type { ClassType } from "type-graphql";
import { Field, InputType, registerEnumType } from "type-graphql";
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
} from "../../models/enums";
import { BooleanFilter, DateFilter, EnumFilter, IDFilter, IntFilter, OrderInput, PlaceRef, StringFilter } from "./filters.input";

/*
 * Typed `where` inputs, one per entity, with AND / OR / NOT and relation
 * filters: `is` / `isNot` on single relations, `some` / `none` / `every` on
 * lists. Relation fields are typed loosely here because the classes refer
 * to each other; their GraphQL types come from the thunks.
 */
type Nested = Record<string, unknown>;
const MAX_BRANCHES = 20;

const PlaceKindFilter = EnumFilter(PlaceKind, "PlaceKind");
const OrganizationKindFilter = EnumFilter(OrganizationKind, "OrganizationKind");
const EventKindFilter = EnumFilter(EventKind, "EventKind");
const EventStatusFilter = EnumFilter(EventStatus, "EventStatus");
const DatePrecisionFilter = EnumFilter(DatePrecision, "DatePrecision");
const ProjectKindFilter = EnumFilter(ProjectKind, "ProjectKind");
const ProjectStatusFilter = EnumFilter(ProjectStatus, "ProjectStatus");
const QuoteKindFilter = EnumFilter(QuoteKind, "QuoteKind");
const FigureMetricFilter = EnumFilter(FigureMetric, "FigureMetric");
const FigureUnitFilter = EnumFilter(FigureUnit, "FigureUnit");
const FigureQualifierFilter = EnumFilter(FigureQualifier, "FigureQualifier");

/** `{ is, isNot, isNull }` on a single relation to `name`. */
function RelationFilter(target: () => ClassType, name: string) {
  @InputType(`${name}RelationFilter`, { description: `Conditions on a related ${name}.` })
  class Relation {
    @Field(target, { nullable: true, description: `The related ${name} matches.` })
    @IsOptional()
    @ValidateNested()
    is?: Nested;

    @Field(target, { nullable: true, description: `There is no related ${name}, or it does not match.` })
    @IsOptional()
    @ValidateNested()
    isNot?: Nested;

    @Field(() => Boolean, { nullable: true, description: `true: there is no related ${name}; false: there is one.` })
    isNull?: boolean;
  }
  return Relation;
}

/** `{ some, none, every }` on a list of `name`. */
function ListFilter(target: () => ClassType, name: string) {
  @InputType(`${name}ListFilter`, { description: `Conditions on a list of related ${name} items.` })
  class List {
    @Field(target, { nullable: true, description: "At least one item matches." })
    @IsOptional()
    @ValidateNested()
    some?: Nested;

    @Field(target, { nullable: true, description: "No item matches." })
    @IsOptional()
    @ValidateNested()
    none?: Nested;

    @Field(target, { nullable: true, description: "Every item matches (true of an empty list)." })
    @IsOptional()
    @ValidateNested()
    every?: Nested;
  }
  return List;
}

/** The where inputs by entity name, so each can refer to itself before it is defined. */
const whereTypes: Record<string, ClassType> = {};

/** AND / OR / NOT over the same where type, and the id and slug every entity has. */
function Logic(name: string) {
  const self = () => whereTypes[name];
  @InputType(`${name}WhereBase`, { description: `Conditions every ${name} filter has.` })
  class Combinators {
    @Field(() => [self()], { nullable: true, description: "All of these match." })
    @IsOptional()
    @ArrayMaxSize(MAX_BRANCHES)
    @ValidateNested({ each: true })
    AND?: Nested[];

    @Field(() => [self()], { nullable: true, description: "At least one of these matches." })
    @IsOptional()
    @ArrayMaxSize(MAX_BRANCHES)
    @ValidateNested({ each: true })
    OR?: Nested[];

    @Field(() => self(), { nullable: true, description: "This does not match." })
    @IsOptional()
    @ValidateNested()
    NOT?: Nested;

    @Field(() => IDFilter, { nullable: true, description: "Conditions on the global id." })
    @IsOptional()
    @ValidateNested()
    id?: IDFilter;

    @Field(() => StringFilter, { nullable: true, description: "Conditions on the slug." })
    @IsOptional()
    @ValidateNested()
    slug?: StringFilter;
  }
  return Combinators;
}

const text = (description: string) => [() => StringFilter, { nullable: true, description }] as const;

@InputType({ description: "Which places to include." })
export class PlaceWhere extends Logic("Place") {
  @Field(...text("The name, e.g. contains: \"青岛\".")) @IsOptional() @ValidateNested() name?: StringFilter;
  @Field(() => PlaceKindFilter, { nullable: true, description: "The kind of place." }) kind?: Nested;
  @Field(...text("The description.")) @IsOptional() @ValidateNested() description?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true, description: "Whether the parent is inferred." }) parentInferred?: BooleanFilter;
  @Field(() => PlaceRef, { nullable: true, description: "This place or any place inside it, at any depth: within: { slug: \"qingdao\" }." })
  @IsOptional()
  @ValidateNested()
  within?: PlaceRef;
  @Field(() => PlaceRelationFilter, { nullable: true, description: "The parent place." }) @IsOptional() @ValidateNested() parent?: Nested;
  @Field(() => PlaceListFilter, { nullable: true, description: "The places directly inside." }) @IsOptional() @ValidateNested() children?: Nested;
  @Field(() => ProjectListFilter, { nullable: true, description: "Projects that landed here." }) @IsOptional() @ValidateNested() projects?: Nested;
  @Field(() => EventListFilter, { nullable: true, description: "Events held here." }) @IsOptional() @ValidateNested() events?: Nested;
  @Field(() => OrganizationListFilter, { nullable: true, description: "Organizations based here." }) @IsOptional() @ValidateNested() organizations?: Nested;
  @Field(() => FigureListFilter, { nullable: true, description: "Figures about this place." }) @IsOptional() @ValidateNested() figures?: Nested;
}

@InputType({ description: "Which organizations to include." })
export class OrganizationWhere extends Logic("Organization") {
  @Field(...text("The full name.")) @IsOptional() @ValidateNested() name?: StringFilter;
  @Field(...text("Any of its aliases, e.g. equals: \"卡奥斯平台\".")) @IsOptional() @ValidateNested() alias?: StringFilter;
  @Field(() => OrganizationKindFilter, { nullable: true, description: "The kind of body." }) kind?: Nested;
  @Field(...text("The description.")) @IsOptional() @ValidateNested() description?: StringFilter;
  @Field(() => OrganizationRelationFilter, { nullable: true, description: "The parent organization." }) @IsOptional() @ValidateNested() parent?: Nested;
  @Field(() => OrganizationListFilter, { nullable: true, description: "Organizations that belong to it." }) @IsOptional() @ValidateNested() children?: Nested;
  @Field(() => PlaceRelationFilter, { nullable: true, description: "Where it is based." }) @IsOptional() @ValidateNested() place?: Nested;
  @Field(() => PositionListFilter, { nullable: true, description: "Titles held there." }) @IsOptional() @ValidateNested() positions?: Nested;
  @Field(() => PersonListFilter, { nullable: true, description: "People holding a title there." }) @IsOptional() @ValidateNested() people?: Nested;
  @Field(() => ProjectListFilter, { nullable: true, description: "Projects it is behind: projects: { some: { place: { is: { slug: { equals: \"chengyang\" } } } } }." })
  @IsOptional()
  @ValidateNested()
  projects?: Nested;
  @Field(() => QuoteListFilter, { nullable: true, description: "Quotes attributed to it." }) @IsOptional() @ValidateNested() quotes?: Nested;
  @Field(() => EventListFilter, { nullable: true, description: "Events it took part in." }) @IsOptional() @ValidateNested() events?: Nested;
  @Field(() => FigureListFilter, { nullable: true, description: "Figures about it." }) @IsOptional() @ValidateNested() figures?: Nested;
}

@InputType({ description: "Which people to include." })
export class PersonWhere extends Logic("Person") {
  @Field(...text("The name.")) @IsOptional() @ValidateNested() name?: StringFilter;
  @Field(...text("The description.")) @IsOptional() @ValidateNested() description?: StringFilter;
  @Field(() => PositionListFilter, { nullable: true, description: "Their titles." }) @IsOptional() @ValidateNested() positions?: Nested;
  @Field(() => OrganizationListFilter, { nullable: true, description: "Organizations they hold a title at." }) @IsOptional() @ValidateNested() organizations?: Nested;
  @Field(() => QuoteListFilter, { nullable: true, description: "What they said." }) @IsOptional() @ValidateNested() quotes?: Nested;
  @Field(() => EventListFilter, { nullable: true, description: "Events they took part in." }) @IsOptional() @ValidateNested() events?: Nested;
}

@InputType({ description: "Which positions to include." })
export class PositionWhere extends Logic("Position") {
  @Field(...text("The title, e.g. equals: \"会长\".")) @IsOptional() @ValidateNested() title?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true, description: "Whether the title is held at the time of the article." }) current?: BooleanFilter;
  @Field(() => PersonRelationFilter, { nullable: true, description: "Who holds it." }) @IsOptional() @ValidateNested() person?: Nested;
  @Field(() => OrganizationRelationFilter, { nullable: true, description: "Where it is held." }) @IsOptional() @ValidateNested() organization?: Nested;
}

@InputType({ description: "Which events to include." })
export class EventWhere extends Logic("Event") {
  @Field(...text("The name.")) @IsOptional() @ValidateNested() name?: StringFilter;
  @Field(() => EventKindFilter, { nullable: true, description: "The kind of event." }) kind?: Nested;
  @Field(() => EventStatusFilter, { nullable: true, description: "Held or planned." }) status?: Nested;
  @Field(() => DateFilter, { nullable: true, description: "The start date." }) @IsOptional() @ValidateNested() startDate?: DateFilter;
  @Field(() => DateFilter, { nullable: true, description: "The end date." }) @IsOptional() @ValidateNested() endDate?: DateFilter;
  @Field(() => DatePrecisionFilter, { nullable: true, description: "How precise the dates are." }) datePrecision?: Nested;
  @Field(() => BooleanFilter, { nullable: true, description: "Whether the year is inferred." }) yearInferred?: BooleanFilter;
  @Field(...text("The description.")) @IsOptional() @ValidateNested() description?: StringFilter;
  @Field(() => PlaceRelationFilter, { nullable: true, description: "Where it took place." }) @IsOptional() @ValidateNested() place?: Nested;
  @Field(() => EventRelationFilter, { nullable: true, description: "The event it is part of." }) @IsOptional() @ValidateNested() parent?: Nested;
  @Field(() => EventListFilter, { nullable: true, description: "Its parts." }) @IsOptional() @ValidateNested() subEvents?: Nested;
  @Field(() => ParticipationListFilter, { nullable: true, description: "Who took part." }) @IsOptional() @ValidateNested() participants?: Nested;
  @Field(() => QuoteListFilter, { nullable: true, description: "What was said there." }) @IsOptional() @ValidateNested() quotes?: Nested;
  @Field(() => ProjectListFilter, { nullable: true, description: "Projects signed or advanced there." }) @IsOptional() @ValidateNested() projects?: Nested;
  @Field(() => FigureListFilter, { nullable: true, description: "Figures about it." }) @IsOptional() @ValidateNested() figures?: Nested;
}

@InputType({ description: "Which projects to include." })
export class ProjectWhere extends Logic("Project") {
  @Field(...text("The name.")) @IsOptional() @ValidateNested() name?: StringFilter;
  @Field(() => ProjectKindFilter, { nullable: true, description: "The kind of project." }) kind?: Nested;
  @Field(() => ProjectStatusFilter, { nullable: true, description: "How far it had got." }) status?: Nested;
  @Field(() => DateFilter, { nullable: true, description: "When it was decided, signed or landed." }) @IsOptional() @ValidateNested() date?: DateFilter;
  @Field(() => BooleanFilter, { nullable: true, description: "Whether the year of date is inferred." }) yearInferred?: BooleanFilter;
  @Field(...text("The description.")) @IsOptional() @ValidateNested() description?: StringFilter;
  @Field(() => IntFilter, { nullable: true, description: "Total investment in yuan: gte: 5000000000 is 50亿元 or more; isNull: true, none stated." })
  @IsOptional()
  @ValidateNested()
  investment?: IntFilter;
  @Field(() => BooleanFilter, { nullable: true, description: "Whether the investment figure is approximate." }) investmentApproximate?: BooleanFilter;
  @Field(() => PlaceRelationFilter, { nullable: true, description: "Where it landed: place: { is: { within: { slug: \"qingdao\" } } }." })
  @IsOptional()
  @ValidateNested()
  place?: Nested;
  @Field(() => OrganizationListFilter, { nullable: true, description: "Organizations behind it." }) @IsOptional() @ValidateNested() organizations?: Nested;
  @Field(() => EventListFilter, { nullable: true, description: "Events where it was signed or advanced." }) @IsOptional() @ValidateNested() events?: Nested;
  @Field(() => FigureListFilter, { nullable: true, description: "Its figures." }) @IsOptional() @ValidateNested() figures?: Nested;
}

@InputType({ description: "Which participations to include." })
export class ParticipationWhere extends Logic("Participation") {
  @Field(...text("The role in the article's words.")) @IsOptional() @ValidateNested() role?: StringFilter;
  @Field(() => EventRelationFilter, { nullable: true, description: "The event." }) @IsOptional() @ValidateNested() event?: Nested;
  @Field(() => PersonRelationFilter, { nullable: true, description: "The person who took part." }) @IsOptional() @ValidateNested() person?: Nested;
  @Field(() => OrganizationRelationFilter, { nullable: true, description: "The organization that took part." }) @IsOptional() @ValidateNested() organization?: Nested;
}

@InputType({ description: "Which quotes to include." })
export class QuoteWhere extends Logic("Quote") {
  @Field(...text("The words: contains: \"工业互联网\".")) @IsOptional() @ValidateNested() text?: StringFilter;
  @Field(() => QuoteKindFilter, { nullable: true, description: "Direct quote or reported speech." }) kind?: Nested;
  @Field(() => PersonRelationFilter, { nullable: true, description: "The speaker, when a person." }) @IsOptional() @ValidateNested() speakerPerson?: Nested;
  @Field(() => OrganizationRelationFilter, { nullable: true, description: "The speaker, when an organization." }) @IsOptional() @ValidateNested() speakerOrganization?: Nested;
  @Field(() => EventRelationFilter, { nullable: true, description: "The event where it was said." }) @IsOptional() @ValidateNested() event?: Nested;
}

@InputType({ description: "Which figures to include." })
export class FigureWhere extends Logic("Figure") {
  @Field(() => FigureMetricFilter, { nullable: true, description: "What is measured." }) metric?: Nested;
  @Field(...text("What is measured, in the article's words.")) @IsOptional() @ValidateNested() label?: StringFilter;
  @Field(() => IntFilter, { nullable: true, description: "The value (yuan for CNY)." }) @IsOptional() @ValidateNested() value?: IntFilter;
  @Field(() => FigureUnitFilter, { nullable: true, description: "The unit." }) unit?: Nested;
  @Field(() => FigureQualifierFilter, { nullable: true, description: "How the number is qualified." }) qualifier?: Nested;
  @Field(() => BooleanFilter, { nullable: true, description: "Whether the number is approximate (qualifier other than EXACT)." }) approximate?: BooleanFilter;
  @Field(...text("The number as printed.")) @IsOptional() @ValidateNested() originalText?: StringFilter;
  @Field(() => ProjectRelationFilter, { nullable: true, description: "The project it is about." }) @IsOptional() @ValidateNested() project?: Nested;
  @Field(() => PlaceRelationFilter, { nullable: true, description: "The place it is about." }) @IsOptional() @ValidateNested() place?: Nested;
  @Field(() => OrganizationRelationFilter, { nullable: true, description: "The organization it is about." }) @IsOptional() @ValidateNested() organization?: Nested;
  @Field(() => EventRelationFilter, { nullable: true, description: "The event it is about." }) @IsOptional() @ValidateNested() event?: Nested;
}

@InputType({ description: "Which technologies to include." })
export class TechnologyWhere extends Logic("Technology") {
  @Field(...text("The name.")) @IsOptional() @ValidateNested() name?: StringFilter;
  @Field(...text("What the article calls it for its organization, e.g. 核心项目.")) @IsOptional() @ValidateNested() role?: StringFilter;
  @Field(...text("The description.")) @IsOptional() @ValidateNested() description?: StringFilter;
  @Field(() => OrganizationRelationFilter, { nullable: true, description: "The organization whose technology it is." }) @IsOptional() @ValidateNested() organization?: Nested;
}

Object.assign(whereTypes, {
  Place: PlaceWhere,
  Organization: OrganizationWhere,
  Person: PersonWhere,
  Position: PositionWhere,
  Event: EventWhere,
  Project: ProjectWhere,
  Participation: ParticipationWhere,
  Quote: QuoteWhere,
  Figure: FigureWhere,
  Technology: TechnologyWhere,
});

export const PlaceRelationFilter = RelationFilter(() => PlaceWhere, "Place");
export const OrganizationRelationFilter = RelationFilter(() => OrganizationWhere, "Organization");
export const PersonRelationFilter = RelationFilter(() => PersonWhere, "Person");
export const EventRelationFilter = RelationFilter(() => EventWhere, "Event");
export const ProjectRelationFilter = RelationFilter(() => ProjectWhere, "Project");
export const PlaceListFilter = ListFilter(() => PlaceWhere, "Place");
export const OrganizationListFilter = ListFilter(() => OrganizationWhere, "Organization");
export const PersonListFilter = ListFilter(() => PersonWhere, "Person");
export const PositionListFilter = ListFilter(() => PositionWhere, "Position");
export const EventListFilter = ListFilter(() => EventWhere, "Event");
export const ProjectListFilter = ListFilter(() => ProjectWhere, "Project");
export const ParticipationListFilter = ListFilter(() => ParticipationWhere, "Participation");
export const QuoteListFilter = ListFilter(() => QuoteWhere, "Quote");
export const FigureListFilter = ListFilter(() => FigureWhere, "Figure");

/* Sort keys. */
function orderFields<T extends Record<string, string>>(values: T, name: string, descriptions: Record<keyof T, string>) {
  registerEnumType(values, {
    name: `${name}OrderField`,
    description: `What ${name} lists can be sorted by.`,
    valuesConfig: Object.fromEntries(Object.entries(descriptions).map(([k, d]) => [k, { description: d }])) as Partial<Record<keyof T, { description: string }>>,
  });
  return OrderInput(values, name);
}

const common = { ID: "ID", SLUG: "SLUG" } as const;
const commonDescriptions = { ID: "Database order (the default).", SLUG: "The slug." };
/** Enum keys sort in the database's order, which the two providers do not share. */
const enumOrder = (what: string) => `${what}: on PostgreSQL in the order the enum lists its values, on SQLite alphabetically by value.`;

export const PlaceOrderField = { ...common, NAME: "NAME", KIND: "KIND" } as const;
export const PlaceOrder = orderFields(PlaceOrderField, "Place", { ...commonDescriptions, NAME: "The name.", KIND: enumOrder("The kind") });
export const OrganizationOrderField = { ...common, NAME: "NAME", KIND: "KIND" } as const;
export const OrganizationOrder = orderFields(OrganizationOrderField, "Organization", { ...commonDescriptions, NAME: "The name.", KIND: enumOrder("The kind") });
export const PersonOrderField = { ...common, NAME: "NAME" } as const;
export const PersonOrder = orderFields(PersonOrderField, "Person", { ...commonDescriptions, NAME: "The name." });
export const PositionOrderField = { ...common, TITLE: "TITLE" } as const;
export const PositionOrder = orderFields(PositionOrderField, "Position", { ...commonDescriptions, TITLE: "The title." });
export const EventOrderField = { ...common, NAME: "NAME", KIND: "KIND", START_DATE: "START_DATE" } as const;
export const EventOrder = orderFields(EventOrderField, "Event", { ...commonDescriptions, NAME: "The name.", KIND: enumOrder("The kind"), START_DATE: "The start date (unknown dates last)." });
export const ProjectOrderField = { ...common, NAME: "NAME", KIND: "KIND", STATUS: "STATUS", DATE: "DATE", INVESTMENT: "INVESTMENT" } as const;
export const ProjectOrder = orderFields(ProjectOrderField, "Project", {
  ...commonDescriptions,
  NAME: "The name.",
  KIND: enumOrder("The kind"),
  STATUS: `${enumOrder("The status")} Unknown last.`,
  DATE: "The date (unknown last).",
  INVESTMENT: "Total investment in yuan (projects without one last).",
});
export const ParticipationOrderField = { ...common, ROLE: "ROLE" } as const;
export const ParticipationOrder = orderFields(ParticipationOrderField, "Participation", { ...commonDescriptions, ROLE: "The role (none last)." });
export const QuoteOrderField = { ...common, KIND: "KIND" } as const;
export const QuoteOrder = orderFields(QuoteOrderField, "Quote", { ...commonDescriptions, KIND: "Direct quotes, then reported speech." });
export const FigureOrderField = { ...common, METRIC: "METRIC", VALUE: "VALUE" } as const;
export const TechnologyOrderField = { ...common, NAME: "NAME" } as const;
export const TechnologyOrder = orderFields(TechnologyOrderField, "Technology", { ...commonDescriptions, NAME: "The name." });
export const FigureOrder = orderFields(FigureOrderField, "Figure", { ...commonDescriptions, METRIC: enumOrder("What is measured"), VALUE: "The value." });
