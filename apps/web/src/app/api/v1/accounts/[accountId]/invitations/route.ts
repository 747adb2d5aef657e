import { listAccountInvitations } from "@crm/core";
import { invitationListToWire, invitationQueryInput, ZInvitationList } from "@/features/api-v1/invitation-schemas";
import { ApiError, apiJson, apiV1Route, otherMethods, pathId } from "@/lib/api-v1";

// Any member's key reads an account's invitations; another team's account is a 404 (RLS).
export const GET = apiV1Route<{ accountId: string }>({ scope: "read" }, async (req, { ctx, params }) => {
  const q = invitationQueryInput(new URL(req.url).searchParams);
  if (!q.ok) throw new ApiError(400, "VALIDATION", q.message, q.field);
  const list = await listAccountInvitations(ctx, pathId(params.accountId, "This LinkedIn account"), q.value);
  return apiJson(ZInvitationList, invitationListToWire(list));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
