"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bulkReview, invalid, undoReview, QUEUE_VIEWS, REVIEW_KIND_CODES, REVIEW_REASON_MAX, type TBulkReviewInput } from "@crm/core";
import { teamAction } from "@/lib/action";
import { filterOf, Q_MAX } from "./queue-url";

// The queue table's bulk writes. Forms send strings: the target is either `ids` (a comma list of
// the ticked rows) or `all=1` with the page's own filter (account, view, kind, q) for "all N
// matching", which the service evaluates again, so the server decides what "matching" means.
// The service skips items the caller may not act on and says why; we pass that on in words.

const ZId = z.string().min(1).max(64);
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a date.").optional().or(z.literal("").transform(() => undefined));

const ZBulk = z.object({
  ids: z.string().max(400_000).optional(),
  all: z.enum(["1"]).optional(),
  account: z.string().max(64).optional(),
  view: z.enum(QUEUE_VIEWS).optional(),
  kind: z.enum(REVIEW_KIND_CODES).optional().or(z.literal("").transform(() => undefined)),
  q: z.string().max(Q_MAX).optional(),
  expectedCount: z.string().regex(/^\d{1,6}$/, "expectedCount must be a number.").optional(),
  action: z.enum(["vote", "decide"]),
  choice: z.string().max(20),
  reason: z.string().max(REVIEW_REASON_MAX).optional(),
  snoozeUntil: ZDate,
});

type TBulkForm = z.output<typeof ZBulk>;

function targetOf(input: TBulkForm): TBulkReviewInput["target"] {
  if (input.ids) {
    const ids = input.ids.split(",").map((s) => s.trim()).filter(Boolean);
    if (ids.length) return { ids };
  }
  if (input.all === "1") {
    return {
      all: { accountId: input.account || undefined, view: input.view, kind: input.kind, filter: filterOf(input.q?.trim() ?? "") },
      expectedCount: input.expectedCount === undefined ? undefined : Number(input.expectedCount),
    };
  }
  throw invalid("ids", "Select at least one item.");
}

/** "2 skipped: you cannot decide for this account (2)", the most frequent reasons first. */
function skippedText(skipped: Array<{ id: string; why: string }>): string {
  if (!skipped.length) return "";
  const byWhy = new Map<string, number>();
  for (const s of skipped) byWhy.set(s.why, (byWhy.get(s.why) ?? 0) + 1);
  const top = [...byWhy.entries()].sort((a, b) => b[1] - a[1]);
  const shown = top.slice(0, 3).map(([why, n]) => `${why} (${n.toLocaleString("en")})`);
  if (top.length > 3) shown.push("and other reasons");
  return `${skipped.length.toLocaleString("en")} skipped: ${shown.join("; ")}`;
}

export const bulkReviewAction = teamAction(ZBulk, async (input, team) => {
  const result = await bulkReview(team, {
    target: targetOf(input),
    action: input.action,
    choice: input.choice,
    reason: input.reason?.trim() || null,
    snoozeUntil: input.snoozeUntil ?? null,
  });
  // Counts show on the queue, Today and the bell: refresh the team's pages.
  revalidatePath(`/t/${team.slug}`, "layout");
  return { ok: true, data: { batchId: result.batchId, count: result.count, skipped: result.skipped.length, skippedText: skippedText(result.skipped) } };
});

export const undoBulkReviewAction = teamAction(z.object({ batchId: ZId }), async (input, team) => {
  const result = await undoReview(team, { batchId: input.batchId });
  revalidatePath(`/t/${team.slug}`, "layout");
  return { ok: true, data: { restored: result.restored, skipped: result.skipped.length, skippedText: skippedText(result.skipped) } };
});
