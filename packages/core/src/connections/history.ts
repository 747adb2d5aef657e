// The connection's timeline in words: what imports saw, and what the team decided. Pure: rows in,
// sentences out, newest first.

export type THistoryEntry = { id: string; kind: string; createdAt: string; text: string };

type TJob = { company?: string | null; position?: string | null };
const role = (j: TJob | undefined) => [j?.position, j?.company].filter(Boolean).join(" at ") || "no title";

export function eventText(kind: string, data: unknown): string {
  const d = (data ?? {}) as { from?: TJob; to?: TJob; fields?: string[] };
  switch (kind) {
    case "IMPORTED":
      return "Appeared in a new export";
    case "JOB_CHANGED":
      return `Changed job: ${role(d.from)} → ${role(d.to)}`;
    case "UPDATED":
      return d.fields?.length ? `Profile updated: ${d.fields.join(", ")}` : "Profile updated";
    case "GONE":
      return "Missing from the latest export";
    case "REAPPEARED":
      return "Back in the network";
    case "REMOVAL_VERIFIED":
      return "Removal confirmed by the next export";
    case "STILL_CONNECTED":
      return "Still connected after a removal was recorded";
    default:
      return kind;
  }
}

const REVIEW_WORDS: Record<string, string> = { REMOVE: "removal", FOLLOW_UP: "follow-up", JOB_CHANGE: "job change" };

export function reviewText(kind: string, status: string, reason: string | null): string {
  const what = `Added to the review queue for ${REVIEW_WORDS[kind] ?? kind.toLowerCase()}`;
  const state = status === "OPEN" ? "" : ` (${status.toLowerCase().replace(/_/g, " ")})`;
  return `${what}${state}${reason ? `: ${reason}` : ""}`;
}

/** Merges the sources newest first; a first import is one line, not thirty thousand events. */
export function buildHistory(input: {
  events: Array<{ id: string; kind: string; createdAt: Date; data: unknown }>;
  reviews: Array<{ id: string; kind: string; status: string; reason: string | null; updatedAt: Date }>;
  firstSeenAt: Date;
}): THistoryEntry[] {
  const out: THistoryEntry[] = [
    ...input.events.map((e) => ({ id: e.id, kind: e.kind, createdAt: e.createdAt.toISOString(), text: eventText(e.kind, e.data) })),
    ...input.reviews.map((r) => ({ id: r.id, kind: `REVIEW_${r.kind}`, createdAt: r.updatedAt.toISOString(), text: reviewText(r.kind, r.status, r.reason) })),
  ];
  if (!input.events.some((e) => e.kind === "IMPORTED")) {
    out.push({ id: "first-import", kind: "FIRST_IMPORT", createdAt: input.firstSeenAt.toISOString(), text: "First imported" });
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id)));
}

/** Where "Open on LinkedIn" goes: the profile, or a people search when the export had no URL. */
export function linkedInUrlFor(c: { profileUrl: string | null; firstName: string; lastName: string; company: string | null }): string {
  if (c.profileUrl && /^https:\/\/([a-z]{2,3}\.|www\.)?linkedin\.com\//i.test(c.profileUrl)) return c.profileUrl;
  const keywords = [c.firstName, c.lastName, c.company].filter(Boolean).join(" ");
  return `https://www.linkedin.com/search/results/people/?keywords=${encodeURIComponent(keywords)}`;
}
