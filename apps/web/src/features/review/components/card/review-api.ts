import type { TQueueView, TReviewCard, TReviewKindCode } from "@crm/core";
import { FALLBACK_ERROR } from "@/features/connections/labels";
import { countsUrl } from "../../queue-url";

// The flow's JSON calls (app/api/t/[slug]/review/*). A failure comes back as a message to show,
// never a throw, so the flow has one shape to handle.

export type TClaimScope = { accountId?: string; view?: TQueueView; kind?: TReviewKindCode };
export type TCardAnswer = { ok: true; card: TReviewCard | null } | { ok: false; status: number; message: string };

async function answerOf(res: Response): Promise<TCardAnswer> {
  const body = (await res.json().catch(() => null)) as { card?: TReviewCard | null; error?: { message?: string } } | null;
  if (!res.ok) return { ok: false, status: res.status, message: body?.error?.message ?? FALLBACK_ERROR };
  return { ok: true, card: body?.card ?? null };
}

/** Claims the next card in scope, leaving out the ones this reviewer already saw in this session. */
export async function claimNext(slug: string, scope: TClaimScope, skipIds: string[]): Promise<TCardAnswer> {
  try {
    const res = await fetch(`/api/t/${slug}/review/claim`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...scope, skipIds: skipIds.slice(-200) }),
    });
    return await answerOf(res);
  } catch {
    return { ok: false, status: 0, message: FALLBACK_ERROR };
  }
}

export async function fetchCard(slug: string, itemId: string): Promise<TCardAnswer> {
  try {
    return await answerOf(await fetch(`/api/t/${slug}/review/items/${encodeURIComponent(itemId)}`, { cache: "no-store" }));
  } catch {
    return { ok: false, status: 0, message: FALLBACK_ERROR };
  }
}

/** Best effort: a lost release only means the lease runs out on its own. keepalive survives leaving the page. */
export function releaseCard(slug: string, itemId: string): void {
  void fetch(`/api/t/${slug}/review/items/${encodeURIComponent(itemId)}/release`, { method: "POST", keepalive: true }).catch(() => undefined);
}

/** "X of Y left" comes from the queue's live counts; null when they cannot be read right now. */
export async function fetchLeft(slug: string, accountId: string | undefined, view: TQueueView, kind?: TReviewKindCode): Promise<number | null> {
  try {
    const res = await fetch(countsUrl(slug, accountId ?? null, kind ?? null), { cache: "no-store" });
    if (!res.ok) return null;
    const counts = (await res.json()) as Record<string, unknown>;
    return typeof counts[view] === "number" ? (counts[view] as number) : null;
  } catch {
    return null;
  }
}
