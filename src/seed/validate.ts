import type { Dataset, SourceRef } from "./dataset";
import { datasetSchema } from "./dataset";
import { parseFigureText } from "./numbers";

/** Thrown before anything is written: every problem found, each naming its record. */
export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed dataset is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n- ${problems.join("\n- ")}`);
    this.name = "SeedValidationError";
  }
}

/** Offsets count Unicode code points, so that they mean the same in any language. */
export function sliceCodePoints(codePoints: string[], start: number, end: number): string {
  return codePoints.slice(start, end).join("");
}

/**
 * Parses the dataset and checks it against the article: every excerpt must
 * stand at its offsets, every quote and figure wording inside its excerpt,
 * every direct quote verbatim in the article, every figure's number what its
 * wording says, every reference resolvable, and no figure inside itself.
 */
export function validateDataset(input: unknown, articleText: string): Dataset {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) {
    throw new SeedValidationError(
      parsed.error.issues.map((issue) => `${describePath(input, issue.path)}: ${issue.message}`),
    );
  }
  const data = parsed.data;
  const problems: string[] = [];
  const codePoints = Array.from(articleText);

  const checkSource = (label: string, src: SourceRef) => {
    if (src.end <= src.start || src.end > codePoints.length) {
      problems.push(`${label}: source offsets ${src.start}-${src.end} are outside the article (0-${codePoints.length})`);
      return;
    }
    const found = sliceCodePoints(codePoints, src.start, src.end);
    if (found !== src.excerpt) {
      problems.push(`${label}: source excerpt does not match the article at ${src.start}-${src.end} (found "${found}")`);
    }
  };

  const keys = <T extends { slug: string }>(kind: string, records: T[]) => {
    const set = new Set<string>();
    for (const r of records) {
      if (set.has(r.slug)) problems.push(`${kind} "${r.slug}": slug is used twice`);
      set.add(r.slug);
    }
    return set;
  };
  const places = keys("place", data.places);
  const organizations = keys("organization", data.organizations);
  const people = keys("person", data.people);
  const events = keys("event", data.events);
  const projects = keys("project", data.projects);
  keys("position", data.positions);
  keys("participation", data.participations);
  keys("quote", data.quotes);
  const figures = keys("figure", data.figures);
  keys("reporter", data.article.reporters);
  keys("technology", data.technologies);
  keys("placement", data.placements);
  const nameOf = (records: { slug: string; name: string }[]) => new Map(records.map((r) => [r.slug, r.name]));
  const personName = nameOf(data.people);
  const placeName = nameOf(data.places);
  const orgNames = new Map(data.organizations.map((o) => [o.slug, [o.name, ...o.aliases.map((a) => a.alias)]]));
  const projectName = nameOf(data.projects);

  const checkRef = (label: string, field: string, set: Set<string>, value: string | null) => {
    if (value !== null && !set.has(value)) problems.push(`${label}: ${field} "${value}" does not exist`);
  };

  const a = data.article;
  checkSource(`article "${a.slug}"`, a.source);
  checkRef(`article "${a.slug}"`, "outlet", organizations, a.outlet);
  for (const r of a.reporters) {
    checkSource(`reporter "${r.slug}"`, r.source);
    checkRef(`reporter "${r.slug}"`, "person", people, r.person);
  }
  for (const p of data.places) {
    const label = `place "${p.slug}"`;
    checkSource(label, p.source);
    checkRef(label, "parent", places, p.parent);
  }
  for (const o of data.organizations) {
    const label = `organization "${o.slug}"`;
    checkSource(label, o.source);
    checkRef(label, "parent", organizations, o.parent);
    checkRef(label, "place", places, o.place);
    for (const alias of o.aliases) {
      checkSource(`${label} alias "${alias.alias}"`, alias.source);
      if (!alias.source.excerpt.includes(alias.alias)) problems.push(`${label} alias "${alias.alias}": not in its excerpt`);
    }
  }
  for (const p of data.people) checkSource(`person "${p.slug}"`, p.source);
  for (const p of data.positions) {
    const label = `position "${p.slug}"`;
    checkSource(label, p.source);
    checkRef(label, "person", people, p.person);
    checkRef(label, "organization", organizations, p.organization);
  }
  for (const e of data.events) {
    const label = `event "${e.slug}"`;
    checkSource(label, e.source);
    checkRef(label, "place", places, e.place);
    checkRef(label, "parent", events, e.parent);
  }
  for (const p of data.projects) {
    const label = `project "${p.slug}"`;
    checkSource(label, p.source);
    checkRef(label, "place", places, p.place);
    for (const o of p.organizations) {
      checkSource(`${label} organization "${o.organization}"`, o.source);
      checkRef(label, "organization", organizations, o.organization);
    }
    for (const e of p.events) {
      checkSource(`${label} event "${e.event}"`, e.source);
      checkRef(label, "event", events, e.event);
    }
    for (const link of p.people) {
      const linkLabel = `${label} person "${link.person}"`;
      checkSource(linkLabel, link.source);
      checkRef(label, "person", people, link.person);
      const name = personName.get(link.person);
      if (name && !link.source.excerpt.includes(name)) problems.push(`${linkLabel}: the person's name is not in the passage`);
    }
    for (const link of p.candidatePlaces) {
      const linkLabel = `${label} candidate place "${link.place}"`;
      checkSource(linkLabel, link.source);
      checkRef(label, "place", places, link.place);
      const name = placeName.get(link.place);
      if (name && !link.source.excerpt.includes(name)) problems.push(`${linkLabel}: the place's name is not in the passage`);
    }
  }
  for (const t of data.technologies) {
    const label = `technology "${t.slug}"`;
    checkSource(label, t.source);
    checkRef(label, "organization", organizations, t.organization);
    if (!t.source.excerpt.includes(t.name)) problems.push(`${label}: its name is not in its passage`);
  }
  for (const p of data.placements) {
    const label = `placement "${p.slug}"`;
    checkSource(label, p.source);
    checkRef(label, "person", people, p.person);
    checkRef(label, "programme", organizations, p.programme);
    checkRef(label, "host", organizations, p.host);
    if (!p.source.excerpt.includes(p.title)) problems.push(`${label}: title "${p.title}" is not in its passage`);
    const name = personName.get(p.person);
    if (name && !p.source.excerpt.includes(name)) problems.push(`${label}: the person's name is not in the passage`);
    if (p.host && !orgNames.get(p.host)?.some((n) => p.source.excerpt.includes(n))) problems.push(`${label}: the host is not named in the passage`);
  }
  for (const p of data.participations) {
    const label = `participation "${p.slug}"`;
    checkSource(label, p.source);
    checkRef(label, "event", events, p.event);
    checkRef(label, "person", people, p.person);
    checkRef(label, "organization", organizations, p.organization);
    if ((p.person === null) === (p.organization === null)) problems.push(`${label}: needs exactly one of person and organization`);
  }
  for (const q of data.quotes) {
    const label = `quote "${q.slug}"`;
    checkSource(label, q.source);
    checkRef(label, "speakerPerson", people, q.speakerPerson);
    checkRef(label, "speakerOrganization", organizations, q.speakerOrganization);
    checkRef(label, "event", events, q.event);
    if (q.speakerPerson !== null && q.speakerOrganization !== null) problems.push(`${label}: has two speakers`);
    if (q.kind === "DIRECT" && !articleText.includes(q.text)) problems.push(`${label}: direct quote is not verbatim in the article`);
    else if (!q.source.excerpt.includes(q.text)) problems.push(`${label}: quote text is not inside its source excerpt`);
  }
  const investmentOf = new Set<string>();
  for (const f of data.figures) {
    const label = `figure "${f.slug}"`;
    checkSource(label, f.source);
    checkRef(label, "project", projects, f.project);
    checkRef(label, "place", places, f.place);
    checkRef(label, "organization", organizations, f.organization);
    checkRef(label, "event", events, f.event);
    const subjects = [f.project, f.place, f.organization, f.event].filter((s) => s !== null).length;
    if (subjects !== 1) problems.push(`${label}: needs exactly one of project, place, organization and event`);
    if (!f.source.excerpt.includes(f.originalText)) problems.push(`${label}: original wording "${f.originalText}" is not in its excerpt`);
    if (BigInt(f.value) > BigInt(Number.MAX_SAFE_INTEGER)) problems.push(`${label}: value exceeds 2^53 - 1`);
    const parsed = parseFigureText(f.originalText);
    if (!parsed) problems.push(`${label}: cannot read a number from "${f.originalText}"`);
    else if (parsed.value !== BigInt(f.value) || parsed.unit !== f.unit || parsed.qualifier !== f.qualifier) {
      problems.push(`${label}: "${f.originalText}" says ${parsed.value} ${parsed.unit} ${parsed.qualifier}, the record ${f.value} ${f.unit} ${f.qualifier}`);
    }
    if (f.project && f.metric === "INVESTMENT") {
      if (investmentOf.has(f.project)) problems.push(`${label}: project "${f.project}" already has an investment figure`);
      investmentOf.add(f.project);
    }
  }
  const figureBySlug = new Map(data.figures.map((f) => [f.slug, f]));
  for (const whole of data.figures) {
    const seen = new Set<string>();
    for (const part of whole.parts) {
      const label = `figure "${whole.slug}" part "${part.figure ?? part.project}"`;
      checkSource(label, part.source);
      if ((part.figure === null) === (part.project === null)) {
        problems.push(`${label}: needs exactly one of figure and project`);
        continue;
      }
      checkRef(label, "figure", figures, part.figure);
      checkRef(label, "project", projects, part.project);
      const key = part.figure ? `figure:${part.figure}` : `project:${part.project}`;
      if (seen.has(key)) problems.push(`${label}: listed twice`);
      seen.add(key);
      if (part.mayOverlap && !part.figure) problems.push(`${label}: only a figure part may overlap the other parts (distinct projects never do)`);
      const inner = part.figure ? figureBySlug.get(part.figure) : undefined;
      if (inner && inner.unit !== whole.unit) problems.push(`${label}: a ${inner.unit} figure cannot be inside a ${whole.unit} one`);
      if (!part.inferred) {
        const partText = inner ? inner.originalText : projectName.get(part.project!);
        if (partText && !part.source.excerpt.includes(partText)) problems.push(`${label}: the passage does not name the part (mark it inferred, with a note, if the text implies it)`);
        if (!part.source.excerpt.includes(whole.originalText)) problems.push(`${label}: the passage does not state the whole "${whole.originalText}"`);
      } else if (!part.note) {
        problems.push(`${label}: an inferred part needs a note saying why`);
      }
    }
  }
  const loop = findContainmentCycle(data.figures);
  if (loop) problems.push(`figure "${loop}": is inside itself (its parts lead back to it)`);
  for (const [kind, records] of [
    ["place", data.places],
    ["organization", data.organizations],
    ["event", data.events],
  ] as const) {
    const cycle = findCycle(records);
    if (cycle) problems.push(`${kind} "${cycle}": parent chain loops back to itself`);
  }

  if (problems.length > 0) throw new SeedValidationError(problems);
  return data;
}

/**
 * A figure inside itself, directly or through a chain; a project part puts
 * the project's figures of the whole's metric inside the whole.
 */
function findContainmentCycle(figures: Dataset["figures"]): string | null {
  const inside = new Map<string, string[]>(figures.map((f) => [f.slug, []]));
  for (const whole of figures) {
    for (const part of whole.parts) {
      const members = part.figure ? [part.figure] : figures.filter((f) => f.project === part.project && f.metric === whole.metric).map((f) => f.slug);
      for (const m of members) inside.get(m)?.push(whole.slug);
    }
  }
  for (const start of inside.keys()) {
    const stack = [...(inside.get(start) ?? [])];
    const seen = new Set<string>();
    while (stack.length) {
      const at = stack.pop()!;
      if (at === start) return start;
      if (seen.has(at)) continue;
      seen.add(at);
      stack.push(...(inside.get(at) ?? []));
    }
  }
  return null;
}

function findCycle(records: readonly { slug: string; parent: string | null }[]): string | null {
  const parent = new Map(records.map((r) => [r.slug, r.parent]));
  for (const r of records) {
    const seen = new Set<string>();
    for (let at: string | null | undefined = r.slug; at; at = parent.get(at)) {
      if (seen.has(at)) return r.slug;
      seen.add(at);
    }
  }
  return null;
}

/** "quotes[3]" → 'quotes[3] (quote "nie-yuan-move-north")' so that errors name the record. */
function describePath(input: unknown, path: PropertyKey[]): string {
  let node: unknown = input;
  let named = "";
  for (const key of path) {
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const slugValue = node && typeof node === "object" ? (node as { slug?: unknown }).slug : undefined;
    if (typeof slugValue === "string") named = ` ("${slugValue}")`;
  }
  return `${path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("").replace(/^\./, "")}${named}`;
}
