import { isDomainError, maxUploadBytes, receiveUpload, tooLarge } from "@crm/core";
import { apiError, chunksOf, errorResponse, settleBody, teamRoute } from "@/lib/route";
import { crossOriginResponse, isSameOrigin } from "@/lib/same-origin";

// Streams the raw body (the file's bytes) into storage and queues the import. server.mjs holds
// it to the same-origin rule like every API mutation; checked here again for `next dev`.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type TParams = { slug: string; accountId: string };

const upload = teamRoute<TParams>(async (req, { team, params }) => {
  if ((req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/")) {
    return apiError(415, "UNSUPPORTED_MEDIA", "Send the file's bytes as the request body (Content-Type: application/octet-stream), not as a form.");
  }
  // Refused before a byte is read when the client says up front that it is too big.
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const declaredBytes = Number.isFinite(declared) ? declared : null;
  const limit = maxUploadBytes();
  if (declaredBytes !== null && declaredBytes > limit) {
    await req.body?.cancel().catch(() => undefined);
    return errorResponse(tooLarge());
  }
  let importId: string;
  try {
    ({ importId } = await receiveUpload(team, {
      accountId: params.accountId,
      fileName: fileNameOf(req.headers.get("x-file-name")),
      body: chunksOf(req.body),
      declaredBytes,
    }));
  } catch (e) {
    await settleBody(req.body, isDomainError(e) && e.code !== "PAYLOAD_TOO_LARGE", limit);
    throw e;
  }
  return Response.json(
    { importId, statusUrl: `/api/t/${team.slug}/imports/${importId}`, pageUrl: `/t/${team.slug}/imports/${importId}` },
    { status: 202, headers: { "Cache-Control": "no-store" } },
  );
});

export async function POST(req: Request, ctx: { params: Promise<TParams> }): Promise<Response> {
  if (!isSameOrigin(req)) return crossOriginResponse();
  return upload(req, ctx);
}

/** The browser sends the name URI-encoded (headers are Latin-1); core strips paths and controls. */
function fileNameOf(header: string | null): string {
  if (!header) return "upload";
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}
