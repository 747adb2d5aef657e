import { previewIcpForTeam } from "@crm/core";
import { apiError, chunksOf, teamRoute } from "@/lib/route";

// The ICP form's live preview: scores the team's network against the definition being edited,
// nothing is saved. Behind server.mjs's same-origin check; a definition is a few KB, so anything
// over 64 KB is refused without being read to its end.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BYTES = 64 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

const tooLarge = () => apiError(413, "PAYLOAD_TOO_LARGE", "The profile is too large to preview (over 64 KB). Use fewer or shorter values.");

async function readLimited(req: Request): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_BYTES) {
    await req.body?.cancel().catch(() => undefined);
    return null;
  }
  const parts: Uint8Array[] = [];
  let seen = 0;
  for await (const chunk of chunksOf(req.body)) {
    seen += chunk.byteLength;
    if (seen > MAX_BYTES) return null; // leaving the loop releases the stream; the rest is dropped
    parts.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(parts));
}

function definitionOf(text: string): unknown {
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === "object" && !Array.isArray(body) ? (body as { definition?: unknown }).definition : undefined;
  } catch {
    return undefined;
  }
}

export const POST = teamRoute(async (req, { team }) => {
  let text: string | null;
  try {
    text = await readLimited(req);
  } catch {
    // The form aborts a preview when the next edit comes in; nobody is left to answer.
    return apiError(400, "ABORTED", "The request was cancelled before it arrived.");
  }
  if (text === null) return tooLarge();
  const definition = definitionOf(text);
  if (definition === undefined) return apiError(400, "VALIDATION", "Send the profile as JSON: { \"definition\": { … } }.");
  const preview = await previewIcpForTeam(team, definition);
  return Response.json(preview, { headers: NO_STORE });
});
