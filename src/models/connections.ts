import { ConnectionType, LinkConnectionType } from "./connection.type";
import { Event } from "./event.type";
import { Figure } from "./figure.type";
import { Organization } from "./organization.type";
import { Participation } from "./participation.type";
import { Person } from "./person.type";
import { Place } from "./place.type";
import { Position } from "./position.type";
import { Project } from "./project.type";
import { Quote } from "./quote.type";
import { Technology } from "./technology.type";

export const PlaceConnection = ConnectionType(Place, "Place");
export const OrganizationConnection = ConnectionType(Organization, "Organization");
export const PersonConnection = ConnectionType(Person, "Person");
export const PositionConnection = ConnectionType(Position, "Position");
export const EventConnection = ConnectionType(Event, "Event");
export const ProjectConnection = ConnectionType(Project, "Project");
export const ParticipationConnection = ConnectionType(Participation, "Participation");
export const QuoteConnection = ConnectionType(Quote, "Quote");
export const FigureConnection = ConnectionType(Figure, "Figure");
export const TechnologyConnection = ConnectionType(Technology, "Technology");

export const OrganizationLinkConnection = LinkConnectionType(Organization, "Organization", "through a role or title");
export const PersonLinkConnection = LinkConnectionType(Person, "Person", "through a title");
export const EventLinkConnection = LinkConnectionType(Event, "Event", "through a part played in it");
export const ProjectLinkConnection = LinkConnectionType(Project, "Project", "through a role in it");
export const PlaceLinkConnection = LinkConnectionType(Place, "Place", "through a role");
