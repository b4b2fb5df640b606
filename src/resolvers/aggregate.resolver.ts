import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { FigureAggregate, FigureGroup, FigureGroupBy, OVERLAP_RULE, PlaceInvestment } from "../models/aggregate.type";
import { Figure } from "../models/figure.type";
import type { AggregateResult } from "../services/aggregate.service";
import { FigureConnection, ProjectConnection, ProjectLinkConnection } from "../models/connections";
import { PlaceKind } from "../models/enums";
import type { Connection } from "../pagination";
import { PlaceRef } from "./inputs/filters.input";

type Listed = Connection<unknown>;

const AGGREGATE = "Over the whole list this page was cut from (its where applies; first/after do not).";

@Resolver(() => FigureAggregate)
export class FigureAggregateResolver {
  @FieldResolver(() => [Figure], { description: "Figures of the set the sum leaves out because a wider figure of the set contains them (约75亿元 when 182.9亿元 is in the set)." })
  excluded(@Root() aggregate: AggregateResult, @Ctx() { services }: Context) {
    return services.aggregate.figuresOf(aggregate.excluded);
  }

  @FieldResolver(() => [Figure], { description: "When overlapping is true, the figures that may share yuan; empty otherwise." })
  overlaps(@Root() aggregate: AggregateResult, @Ctx() { services }: Context) {
    return services.aggregate.figuresOf(aggregate.overlaps);
  }
}

@Resolver(() => FigureConnection)
export class FigureConnectionResolver {
  @FieldResolver(() => FigureAggregate, { description: `Count, sum, min, max and average of the figures, each yuan once. ${AGGREGATE}` })
  aggregate(@Root() connection: Listed, @Ctx() { services }: Context) {
    return services.aggregate.figures(connection.scope!);
  }

  @FieldResolver(() => [FigureGroup], { description: `The figures grouped by place, organization or event, largest sum first (groups without a sum last); each group is summed on its own, each yuan once. ${AGGREGATE}` })
  groups(
    @Root() connection: Listed,
    @Arg("by", () => FigureGroupBy, { description: "What to group by." }) by: FigureGroupBy,
    @Arg("rollup", () => Boolean, { defaultValue: false, description: "PLACE only: count each figure in every place that contains its place too (城阳区 into 青岛 into 山东)." })
    rollup: boolean,
    @Ctx() { services }: Context,
  ) {
    return services.aggregate.figureGroups(connection.scope!, by, rollup);
  }
}

@Resolver(() => ProjectConnection)
export class ProjectConnectionResolver {
  @FieldResolver(() => FigureAggregate, { description: `The projects' total investment (总投资) in yuan, each yuan once. ${AGGREGATE}` })
  investment(@Root() connection: Listed, @Ctx() { services }: Context) {
    return services.aggregate.projectInvestment(connection.scope!);
  }
}

@Resolver(() => ProjectLinkConnection)
export class ProjectLinkConnectionResolver {
  @FieldResolver(() => FigureAggregate, { description: `The projects' total investment (总投资) in yuan, each yuan once. ${AGGREGATE}` })
  investment(@Root() connection: Listed, @Ctx() { services }: Context) {
    return services.aggregate.projectInvestment(connection.scope!);
  }
}

@Resolver()
export class InvestmentResolver {
  @Query(() => [PlaceInvestment], {
    description: `Total planned investment the article states for projects, by the place they landed in, largest first: investmentByPlace(kind: [DISTRICT]) is investment by district. ${OVERLAP_RULE}`,
  })
  investmentByPlace(
    @Arg("kind", () => [PlaceKind], { nullable: true, description: "Only places of these kinds." }) kind: PlaceKind[] | null,
    @Arg("within", () => PlaceRef, { nullable: true, description: "Only this place and the places inside it." }) within: PlaceRef | null,
    @Arg("rollup", () => Boolean, { defaultValue: false, description: "Add the projects of places inside each place to it (城阳区 and 平度 into 青岛)." })
    rollup: boolean,
    @Ctx() { services }: Context,
  ) {
    return services.aggregate.investmentByPlace({ kind, within: within as Record<string, unknown> | null, rollup });
  }
}
