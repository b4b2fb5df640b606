import { BadUserInputError } from "../errors";
import { NODE_TYPES, parseGlobalId } from "../node";
import { MAX_PAGE_SIZE } from "../pagination";
import type { ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class NodeLookupService {
  private readonly repos: ServiceDeps["repos"];

  constructor(deps: ServiceDeps) {
    this.repos = deps.repos;
  }

  /** Any object by its global id; null when nothing has that id. */
  async node(id: string): Promise<Item | null> {
    const { type, dbId } = parseGlobalId(id)!;
    return this.repos[NODE_TYPES[type]].byId.load(dbId);
  }

  nodes(ids: string[]): Promise<(Item | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) {
      throw new BadUserInputError(`nodes takes at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`, { argumentName: "ids" });
    }
    return Promise.all(ids.map((id) => this.node(id)));
  }
}
