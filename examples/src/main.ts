import { ApolloClient, HttpLink, InMemoryCache, NetworkStatus } from "@apollo/client";
import { possibleTypes, typePolicies } from "../../client";
import { ExampleInvestmentByDistrictDocument, ExampleProjectsDocument, type ExampleProjectsQuery } from "../../client/generated/graphql";

/**
 * The example front-end: Apollo Client with the kit (client/), typed
 * documents from codegen, investment by district and a project list paged
 * with fetchMore. Served by the service at /examples/ (src/http/examples.ts).
 */

const client = new ApolloClient({
  link: new HttpLink({ uri: "/graphql" }),
  cache: new InMemoryCache({ possibleTypes, typePolicies }),
});

const yuan = (value: number | null | undefined) => (value == null ? "—" : `${(value / 1e8).toLocaleString("zh-CN", { maximumFractionDigits: 2 })}亿元`);

function cell(row: HTMLTableRowElement, text: string) {
  row.insertCell().textContent = text;
}

async function showDistricts() {
  const { data } = await client.query({ query: ExampleInvestmentByDistrictDocument });
  const body = document.querySelector<HTMLTableSectionElement>("#districts tbody")!;
  for (const entry of data?.investmentByPlace ?? []) {
    const row = body.insertRow();
    cell(row, entry.place.name);
    cell(row, String(entry.projectCount));
    cell(row, entry.investment.overlapping ? "(重叠, 不求和)" : `${entry.investment.approximate ? "约" : ""}${yuan(entry.investment.sum)}`);
  }
  document.querySelector("#districts")!.setAttribute("data-loaded", "true");
}

function renderProjects(data: ExampleProjectsQuery) {
  const list = document.querySelector<HTMLOListElement>("#projects")!;
  list.replaceChildren(
    ...data.projects.nodes.map((project) => {
      const item = document.createElement("li");
      item.textContent = `${project.name} · ${project.place?.name ?? "?"} · ${project.investment?.originalText ?? yuan(project.investment?.value)}`;
      return item;
    }),
  );
  document.querySelector("#count")!.textContent = `${data.projects.nodes.length} / ${data.projects.totalCount}`;
  document.querySelector<HTMLButtonElement>("#more")!.disabled = !data.projects.pageInfo.hasNextPage;
}

function showProjects() {
  const projects = client.watchQuery({ query: ExampleProjectsDocument });
  projects.subscribe((result) => {
    if (result.dataState === "complete" && result.networkStatus === NetworkStatus.ready) renderProjects(result.data);
  });
  document.querySelector("#more")!.addEventListener("click", () => {
    const current = projects.getCurrentResult().data;
    if (current?.projects.pageInfo.hasNextPage) void projects.fetchMore({ variables: { after: current.projects.pageInfo.endCursor } });
  });
}

showDistricts().catch((error) => (document.querySelector("#error")!.textContent = String(error)));
showProjects();
