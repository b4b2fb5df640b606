import { createUnionType } from "type-graphql";
import { Event } from "./event.type";
import { Organization } from "./organization.type";
import { Person } from "./person.type";
import { Place } from "./place.type";
import { Project } from "./project.type";

const byTypename = (value: object) => (value as { __typename?: string }).__typename;

export const Actor = createUnionType({
  name: "Actor",
  description: "Someone who speaks or takes part: a person or an organization.",
  types: () => [Person, Organization] as const,
  resolveType: byTypename,
});

export const FigureSubject = createUnionType({
  name: "FigureSubject",
  description: "What a figure is about.",
  types: () => [Project, Place, Organization, Event] as const,
  resolveType: byTypename,
});
