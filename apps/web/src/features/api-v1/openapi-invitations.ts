import type { z } from "zod";
import type { TOpenApiHelpers } from "./openapi-review";
import * as I from "./invitation-schemas";

// A LinkedIn account's invitations (issue 17) in the OpenAPI document (openapi.ts assembles it).

type TJson = Record<string, unknown>;

export const INVITATION_RESPONSES: Record<string, z.ZodType> = {
  InvitationList: I.ZInvitationList,
  InvitationRow: I.ZInvitationRow,
  InvitationFit: I.ZInvitationFit,
  InvitationSummary: I.ZInvitationSummary,
};

export const INVITATION_REQUESTS: Record<string, z.ZodType> = {};

export function invitationPaths(h: TOpenApiHelpers): TJson {
  return {
    "/accounts/{accountId}/invitations": {
      get: {
        operationId: "listAccountInvitations",
        summary: "A LinkedIn account's invitations from its latest archive: open outgoing, incoming with their ICP fit, or recent withdrawals",
        description:
          "Any member's key may read it. Outgoing invitations come oldest first; incoming ones best ICP fit first (scored when read from the inviter's message and, when the same person is a connection of another account of the team, that connection's position and company). `summary` carries the counts of the account's invitations page (open outgoing against the ~200 guideline, older than the team's withdrawAfterDays, incoming waiting, withdrawals this week). An unknown parameter, or one given twice, is a 400 naming it; `fit` or `sort=fit` with outgoing invitations is a 400. Pages are cursor-based: pass `nextCursor` back as `cursor` with the same filters.",
        tags: ["Invitations"],
        parameters: [
          h.pathParam("accountId", "A LinkedIn account id of the key's team; another team's id is 404."),
          ...I.INVITATION_PARAM_NAMES.map((name) => {
            const schema = I.ZInvitationListParams.shape[name];
            return h.queryParameter(name, schema);
          }),
        ],
        responses: { "200": h.ok("One page of invitations and the account's counts", "InvitationList"), "400": h.err("BadRequest"), "404": h.err("NotFound"), ...h.READ_ERRORS },
      },
    },
  };
}
