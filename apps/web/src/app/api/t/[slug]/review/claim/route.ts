import { z } from "zod";
import { claimNextItem, invalid, QUEUE_VIEWS, REVIEW_KIND_CODES } from "@crm/core";
import { apiError, chunksOf, teamRoute } from "@/lib/route";

// The one-card flow's "next card": claims it for the caller with a short lease (two reviewers never
// hold the same card) and answers the whole card, or null when nothing is left. Behind server.mjs's
// same-origin check like every mutation. The body is tiny: anything over 32 KB is refused unread.
export const dynamic = "force-dynamic";

const MAX_BYTES = 32 * 1024;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SKIP_MAX = 200;

const ZClaimBody = z.object({
  accountId: z.string().regex(ID, "accountId must be a LinkedIn account id.").optional(),
  view: z.enum(QUEUE_VIEWS).optional(),
  kind: z.enum(REVIEW_KIND_CODES).optional(),
  skipIds: z.array(z.string().regex(ID, "skipIds must hold review item ids.")).max(SKIP_MAX, `skipIds holds at most ${SKIP_MAX} ids.`).optional(),
});

async function bodyOf(req: Request): Promise<unknown> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BYTES) return undefined;
  const parts: Uint8Array[] = [];
  let seen = 0;
  for await (const chunk of chunksOf(req.body)) {
    seen += chunk.byteLength;
    if (seen > MAX_BYTES) return undefined;
    parts.push(chunk);
  }
  const text = Buffer.concat(parts).toString("utf8").trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const POST = teamRoute(async (req, { team }) => {
  const raw = await bodyOf(req);
  if (raw === undefined) return apiError(413, "PAYLOAD_TOO_LARGE", "The request is too large.");
  const parsed = ZClaimBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(String(issue?.path[0] ?? "body"), issue?.message ?? "Send { accountId?, view?, kind?, skipIds? } as JSON.");
  }
  const card = await claimNextItem(team, parsed.data);
  return Response.json({ card }, { headers: { "Cache-Control": "no-store" } });
});
