import { registerEnumType } from "type-graphql";
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

export {
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
};

registerEnumType(PlaceKind, {
  name: "PlaceKind",
  description: "What kind of place a Place is.",
  valuesConfig: {
    REGION: { description: "A region without a fixed administrative border, e.g. 粤港澳大湾区 or 北方." },
    PROVINCE: { description: "A province, e.g. 山东." },
    CITY: { description: "A city, e.g. 青岛." },
    COUNTY_LEVEL_CITY: { description: "A county-level city within a city, e.g. 平度." },
    DISTRICT: { description: "A city district or new area, e.g. 城阳区, 西海岸新区." },
    TOWN: { description: "A town, e.g. 宝山镇." },
    ZONE: { description: "A designated zone or park, e.g. 中德生态园, 上合示范区." },
  },
});
registerEnumType(OrganizationKind, {
  name: "OrganizationKind",
  description: "What kind of body an Organization is.",
  valuesConfig: {
    COMPANY: { description: "A company or group." },
    ASSOCIATION: { description: "An association, chamber of commerce or society." },
    GOVERNMENT: { description: "A government body." },
    GOVERNMENT_TEAM: { description: "A team of government cadres, e.g. 第三批赴深圳体悟实训队." },
    RESEARCH: { description: "A research institute or innovation centre." },
    MEDIA: { description: "A news outlet." },
    PLATFORM: { description: "An industrial platform, e.g. 海尔卡奥斯工业互联网平台." },
    FACTORY: { description: "A factory." },
  },
});
registerEnumType(EventKind, {
  name: "EventKind",
  description: "What kind of event an Event is.",
  valuesConfig: {
    TRIP: { description: "A delegation's trip." },
    CONFERENCE: { description: "A conference or founding meeting." },
    INSPECTION: { description: "An inspection tour, or one of its routes." },
    VISIT: { description: "A visit to one site." },
    SIGNING: { description: "A signing ceremony." },
    FORUM: { description: "A forum." },
    ENGAGEMENT: { description: "Officials working with a company to bring it to a place." },
    DECISION: { description: "A decision or plan made definite (明确…计划), e.g. 爱能森's plan to move its headquarters to 青岛." },
  },
});
registerEnumType(EventStatus, {
  name: "EventStatus",
  description: "Whether the event had happened when the article was written.",
  valuesConfig: { HELD: { description: "It had taken place." }, PLANNED: { description: "It was still to come (将…)." } },
});
registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How precise a date is: the text gives some dates only to the month.",
  valuesConfig: { YEAR: { description: "Year only." }, MONTH: { description: "Year and month." }, DAY: { description: "A calendar day." } },
});
registerEnumType(ProjectKind, {
  name: "ProjectKind",
  description:
    "What kind of investment project a Project is. Technologies (爱能森赫爱斯系统) are not projects: they have no place, status or investment, so they are Technology records and stay out of project lists, counts and sums.",
  valuesConfig: {
    INDUSTRIAL_PARK: { description: "An industrial park (产业园)." },
    SCIENCE_PARK: { description: "A science and technology park or city (科创园, 科创城, 数码城)." },
    TRADE_HUB: { description: "A trade hub (贸易港)." },
    SUPPLY_CHAIN: { description: "A supply-chain business (供应链)." },
    HEADQUARTERS: { description: "A company headquarters moving to a place." },
  },
});
registerEnumType(ProjectStatus, {
  name: "ProjectStatus",
  description: "How far a project had got, as the text tells it.",
  valuesConfig: {
    DECIDED: { description: "Decided on (决定)." },
    SIGNED: { description: "Contract signed (签约)." },
    LANDED: { description: "Settled in its place (落户)." },
    OPERATING: { description: "Running, with tenants (已经入驻)." },
  },
});
registerEnumType(QuoteKind, {
  name: "QuoteKind",
  description: "Whether a quote is the speaker's own words or the reporter's account of them.",
  valuesConfig: {
    DIRECT: { description: "Words inside quotation marks, verbatim." },
    REPORTED: { description: "Reported speech (表示, 建议, 告诉…): the article's wording, not the speaker's." },
  },
});
registerEnumType(FigureMetric, {
  name: "FigureMetric",
  description: "What a Figure measures.",
  valuesConfig: {
    INVESTMENT: { description: "Total or planned investment (总投资, 计划总投资)." },
    COMPLETED_INVESTMENT: { description: "Investment already made (完成投资)." },
    ANNUAL_OUTPUT: { description: "Annual output value (年总产值)." },
    PROJECTS: { description: "A number of projects." },
    PROJECTS_BUILDING_OR_OPERATING: { description: "Projects under construction or in operation (已在建或运营)." },
    COMPANIES: { description: "A number of companies." },
    PARTICIPANTS: { description: "A number of people taking part." },
    GROUPS: { description: "A number of groups or routes (兵分四路)." },
    PHASES: { description: "A number of build phases (分三期)." },
    STANDARDS: { description: "A number of standards." },
    RANK: { description: "A place in a ranking (1 = first)." },
    BATCHES: { description: "A number of batches of people." },
  },
});
registerEnumType(FigureUnit, {
  name: "FigureUnit",
  description: "The unit of a Figure's value.",
  valuesConfig: {
    CNY: { description: "Chinese yuan (元): 1亿元 is 100,000,000." },
    COUNT: { description: "A count of things." },
    RANK: { description: "A rank, 1 being first." },
  },
});
registerEnumType(FigureQualifier, {
  name: "FigureQualifier",
  description: "How the text qualifies a number.",
  valuesConfig: {
    EXACT: { description: "Stated as is." },
    APPROXIMATE: { description: "About (约)." },
    AT_LEAST: { description: "That much or more (以上)." },
    MORE_THAN: { description: "More than (余, 多)." },
  },
});
