// A small typed client of the Summit positions API, checked by `tsc --strict` in `make test`
// (tests/web/test_typescript_kit.py): generated/api.ts comes from this app's own /openapi.json through
// openapi-typescript, so a schema change that breaks front ends breaks this build.
import type { components, paths } from "../generated/api";

export type Position = components["schemas"]["PositionPublic"];
export type PositionPage = components["schemas"]["PositionPage"];
export type Act = NonNullable<Position["act"]>;
export type EventKind = components["schemas"]["EventSummary"]["kind"];
export type DocumentIn = components["schemas"]["DocumentIn"];
export type TopicPositionsQuery = NonNullable<paths["/v1/topics/{slug}/positions"]["get"]["parameters"]["query"]>;

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** `query` as a URL query string: arrays repeat their parameter (`leader=a&leader=b`), null/undefined drop out. */
export function toQuery(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export class SummitClient {
  constructor(
    private readonly base: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async get<T>(path: string): Promise<{ body: T; headers: Headers }> {
    const response = await this.fetchImpl(`${this.base}${path}`, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      const problem = (await response.json()) as components["schemas"]["Problem"];
      throw new Error(`${problem.status} ${problem.title}: ${problem.detail}`);
    }
    return { body: (await response.json()) as T, headers: response.headers };
  }

  /** One page of the positions on a topic; `next` is the following page's URL, or null. */
  async topicPositions(slug: string, query: TopicPositionsQuery = {}): Promise<PositionPage> {
    return (await this.get<PositionPage>(`/v1/topics/${encodeURIComponent(slug)}/positions${toQuery(query)}`)).body;
  }

  /** Every position on a topic, following `next` page by page. */
  async *allTopicPositions(slug: string, query: TopicPositionsQuery = {}): AsyncGenerator<Position> {
    let page = await this.topicPositions(slug, query);
    for (;;) {
      yield* page.items;
      if (page.next === null) return;
      page = (await this.get<PositionPage>(new URL(page.next).pathname + new URL(page.next).search)).body;
    }
  }

  /** How many positions match, from a CSV page's headers (exposed to browsers by CORS). */
  async countAsCsv(slug: string, query: TopicPositionsQuery = {}): Promise<{ total: number; kind: string }> {
    const url = `/v1/topics/${encodeURIComponent(slug)}/positions${toQuery({ ...query, format: "csv", limit: 1 })}`;
    const { headers } = await this.get<unknown>(url);
    return { total: Number(headers.get("X-Total-Count")), kind: headers.get("X-Total-Kind") ?? "exact" };
  }
}

// --- What the generated types promise (each line fails to compile if the OpenAPI document loosens) ---

const ACT_VERBS: Record<Act, string> = {
  assert: "asserted",
  commit: "committed to",
  call: "called for",
  support: "supported",
  oppose: "opposed",
  agree: "agreed on",
};

const KIND_NOUNS: Record<EventKind, string> = {
  "phone call": "a phone call",
  "video call": "a video call",
  meeting: "a meeting",
  "joint statement": "a joint statement",
};

/** "Vladimir Putin supported … (curated) https://…/v1/positions/12" */
export function describe(position: Position): string {
  const who = position.speakers.map((s) => s.name).join(" and ");
  const verb = position.act === null ? "said" : ACT_VERBS[position.act];
  // rank and highlight are always present: null unless the list was searched.
  const score: number | null = position.rank;
  const shown: string = position.highlight ?? position.text;
  const links: { self: string; permalink: string; document: string; event: string } = position.links;
  const method: string = position.provenance.method;
  return `${who} ${verb}: ${shown} (${method}${score === null ? "" : `, rank ${score.toFixed(2)}`}) ${links.permalink}`;
}

export function eventNoun(kind: EventKind): string {
  return KIND_NOUNS[kind];
}

// Queries: limit is a number (or "all"), repeated filters are arrays, acts are the enum.
export const putinOnTaiwan: TopicPositionsQuery = { leader: ["vladimir-putin"], act: ["support"], limit: 10 };
export const everyMatch: TopicPositionsQuery = { limit: "all", format: "csv" };

// A readout to store: only `text` is required (language, title, date… are optional).
export const minimalReadout: DocumentIn = { text: "Xi said China supports the Afghan people." };

// And what must not compile:
// @ts-expect-error -- an act outside the enum
export const badAct: TopicPositionsQuery = { act: ["shout"] };
// @ts-expect-error -- links are the four named ones, not an open map
export const noSuchLink = (p: Position): string => p.links.nonexistent;
// @ts-expect-error -- event kinds are the four the API stores
export const badKind: EventKind = "telegram";
// @ts-expect-error -- rank is required (null when not searched), so a position without it is incomplete
export const rankless: Pick<Position, "rank" | "highlight"> = { highlight: null };
