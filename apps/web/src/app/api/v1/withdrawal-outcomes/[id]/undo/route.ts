import { undoWithdrawal } from "@crm/core";
import { ZUndoOutcomeBody, ZUndoWithdrawalResult } from "@/features/api-v1/removal-schemas";
import { apiJson, apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";

// The account's owner takes a withdrawal outcome back within 10 minutes (the service says why
// not: 403/409). Only a "withdrawn" needs a body ({linkedInTouched}); the others may have none.
export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (req, { ctx, params }) => {
  const id = pathId(params.id, "This withdrawal outcome");
  const body = req.body === null || req.headers.get("content-length") === "0" ? {} : await readBody(req, ZUndoOutcomeBody);
  return apiJson(ZUndoWithdrawalResult, await undoWithdrawal(ctx, id, body));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
