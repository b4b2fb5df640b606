import { generateDataset, type GeneratedDataset, type GeneratedProject } from "../../src/seed/generate";
import { type TestApi, startTestApi } from "./api";

/** The seeded article plus about 10,000 generated projects, for paging and scale tests. */
export async function startGeneratedApi(projects = 10_000): Promise<TestApi & { generated: GeneratedDataset }> {
  const api = await startTestApi("seeded");
  const generated = await generateDataset(api.db, { projects });
  return Object.assign(api, { generated });
}

type Key = keyof GeneratedProject;

/**
 * The order the API promises: each key in its direction with nulls last,
 * then id ascending. Generated names are ASCII, so code-unit order is the
 * databases' order too.
 */
export function compareBy(terms: { key: Key; desc?: boolean }[]) {
  return (a: GeneratedProject, b: GeneratedProject): number => {
    for (const { key, desc } of terms) {
      const x = a[key] as unknown;
      const y = b[key] as unknown;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = (x as number | string | bigint) < (y as number | string | bigint) ? -1 : 1;
      return desc ? -c : c;
    }
    return a.id - b.id;
  };
}
