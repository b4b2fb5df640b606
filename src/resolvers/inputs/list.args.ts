import { ArrayMaxSize, IsOptional, ValidateNested } from "class-validator";
import type { ClassType } from "type-graphql";
import { ArgsType, Field } from "type-graphql";
import { MAX_ORDER_TERMS } from "../../services/where";
import { ConnectionArgs } from "./connection.args";
import {
  EventOrder,
  EventWhere,
  FigureOrder,
  FigureWhere,
  OrganizationOrder,
  OrganizationWhere,
  ParticipationOrder,
  ParticipationWhere,
  PersonOrder,
  PersonWhere,
  PlaceOrder,
  PlaceWhere,
  PositionOrder,
  PositionWhere,
  ProjectOrder,
  ProjectWhere,
  QuoteOrder,
  QuoteWhere,
  TechnologyOrder,
  TechnologyWhere,
} from "./where.input";

/** Connection arguments plus `where` and `orderBy` for lists of one entity. */
function ListArgsFor<W extends object, O extends object>(Where: ClassType<W>, Order: ClassType<O>, name: string) {
  @ArgsType()
  class ListArgs extends ConnectionArgs {
    @Field(() => Where, { nullable: true, description: `Only ${name} items that match.` })
    @IsOptional()
    @ValidateNested()
    where?: W;

    @Field(() => [Order], {
      nullable: true,
      description: `Sort keys, most significant first (at most ${MAX_ORDER_TERMS}); ties are broken by id. Cursors remember the ordering and filter they were made with.`,
    })
    @IsOptional()
    @ArrayMaxSize(MAX_ORDER_TERMS)
    orderBy?: O[];
  }
  return ListArgs;
}

export const PlaceListArgs = ListArgsFor(PlaceWhere, PlaceOrder, "Place");
export const OrganizationListArgs = ListArgsFor(OrganizationWhere, OrganizationOrder, "Organization");
export const PersonListArgs = ListArgsFor(PersonWhere, PersonOrder, "Person");
export const PositionListArgs = ListArgsFor(PositionWhere, PositionOrder, "Position");
export const EventListArgs = ListArgsFor(EventWhere, EventOrder, "Event");
export const ProjectListArgs = ListArgsFor(ProjectWhere, ProjectOrder, "Project");
export const ParticipationListArgs = ListArgsFor(ParticipationWhere, ParticipationOrder, "Participation");
export const QuoteListArgs = ListArgsFor(QuoteWhere, QuoteOrder, "Quote");
export const FigureListArgs = ListArgsFor(FigureWhere, FigureOrder, "Figure");
export const TechnologyListArgs = ListArgsFor(TechnologyWhere, TechnologyOrder, "Technology");
