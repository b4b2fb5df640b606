import type { GraphQLRequestContextWillSendResponse } from "@apollo/server";
import Negotiator from "negotiator";

const APPLICATION_JSON = "application/json";
const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";

/**
 * The HTTP status of a response that has errors and no data, as the
 * GraphQL-over-HTTP spec asks: a 4xx or 5xx `status` when the client accepts
 * application/graphql-response+json, and 200 for legacy application/json
 * clients, which read errors from the body. The media type is chosen the way
 * Apollo Server chooses it (application/json wins a tie).
 */
export function setRequestErrorStatus<T extends object>(requestContext: GraphQLRequestContextWillSendResponse<T>, status: number): void {
  const http = requestContext.request.http;
  if (!http) return;
  const accept = http.headers.get("accept");
  const mediaType = accept ? new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]) : APPLICATION_JSON;
  requestContext.response.http.status = mediaType === GRAPHQL_RESPONSE_JSON ? status : 200;
}
