import { z } from "zod";
import * as R from "./review-schemas";

// The review queue's part of the OpenAPI document (openapi.ts assembles it): component schemas,
// the list's query parameters and the paths under /review-items.

type TJson = Record<string, unknown>;

export const REVIEW_RESPONSES: Record<string, z.ZodType> = {
  UserRef: R.ZUserRef,
  RuleReason: R.ZRuleReason,
  ReviewVote: R.ZReviewVote,
  ReviewTally: R.ZReviewTally,
  ReviewConnection: R.ZReviewConnection,
  ReviewInvitation: R.ZReviewInvitation,
  ReviewItem: R.ZReviewItem,
  ReviewItemList: R.ZReviewItemList,
  ReviewComment: R.ZReviewComment,
  ReviewItemDetail: R.ZReviewItemDetail,
  ReviewUndoResult: R.ZReviewUndoResult,
};

export const REVIEW_REQUESTS: Record<string, z.ZodType> = {
  ReviewVoteBody: R.ZReviewVoteBody,
  ReviewDecisionBody: R.ZReviewDecisionBody,
};

/** Component names of the list's parameters: the connections list owns `account`, `cursor`, `limit`. */
export const REVIEW_PARAMETER_IDS: Record<(typeof R.REVIEW_LIST_PARAM_NAMES)[number], string> = {
  account: "reviewAccount",
  kind: "reviewKind",
  state: "reviewState",
  cursor: "reviewCursor",
  limit: "reviewLimit",
};

export type TOpenApiHelpers = {
  ok: (description: string, schemaId: string) => TJson;
  err: (name: string) => TJson;
  body: (schemaId: string, description?: string) => TJson;
  pathParam: (name: string, description: string) => TJson;
  queryParameter: (name: string, schema: z.ZodType) => TJson;
  READ_ERRORS: TJson;
  WRITE_ERRORS: TJson;
};

export function reviewParameters(h: TOpenApiHelpers): Record<string, TJson> {
  return Object.fromEntries(
    R.REVIEW_LIST_PARAM_NAMES.map((name) => {
      const schema = R.ZReviewListParams.shape[name];
      // Unwrap optional/default so the parameter's own schema carries the type, bounds and default.
      const inner = name === "limit" ? schema : (schema as z.ZodOptional<z.ZodType>).unwrap();
      return [REVIEW_PARAMETER_IDS[name], h.queryParameter(name, inner)];
    }),
  );
}

const AS_CREATOR =
  "The key acts as the member who created it, with their current role in the team: votes and decisions are theirs, and `myVote`, `canDecide` and `canUndo` are computed for them.";

export function reviewPaths(h: TOpenApiHelpers): TJson {
  const itemId = h.pathParam("id", "A review item id of the key's team; another team's id is 404.");
  const tags = ["Review"];
  return {
    "/review-items": {
      get: {
        operationId: "listReviewItems",
        summary: "The review queue, one page at a time",
        description: `Items of every LinkedIn account of the team (or of one, with \`account\`), oldest first (the order they joined the queue). An unknown parameter, or one given twice, is a 400 naming it. Pages are keyset-based: pass \`nextCursor\` back as \`cursor\` with the same filters. \`kind=withdraw_invitation\` lists outgoing invitations proposed for withdrawal: their \`invitation\` says when each was sent and whether it carried a message. ${AS_CREATOR}`,
        tags,
        parameters: R.REVIEW_LIST_PARAM_NAMES.map((name) => ({ $ref: `#/components/parameters/${REVIEW_PARAMETER_IDS[name]}` })),
        responses: { "200": h.ok("One page of items", "ReviewItemList"), "400": h.err("BadRequest"), "404": h.err("NotFound"), ...h.READ_ERRORS },
      },
    },
    "/review-items/{id}": {
      get: {
        operationId: "getReviewItem",
        summary: "One review item with its comments, history and teammates connected to the person",
        description: AS_CREATOR,
        tags,
        parameters: [itemId],
        responses: { "200": h.ok("The item", "ReviewItemDetail"), "404": h.err("NotFound"), ...h.READ_ERRORS },
      },
    },
    "/review-items/{id}/votes": {
      post: {
        operationId: "voteOnReviewItem",
        summary: "Vote keep, remove, follow_up or snooze on an item",
        description: `Any member may vote; a second vote in the same round replaces the first. A withdraw_invitation item takes keep (keep waiting), remove (withdraw) or snooze: follow_up is a 400 naming the kind. ${AS_CREATOR} Needs a read-and-write key.`,
        tags,
        parameters: [itemId],
        requestBody: h.body("ReviewVoteBody"),
        responses: { "200": h.ok("The item after the vote", "ReviewItem"), "404": h.err("NotFound"), "409": h.err("Conflict"), ...h.WRITE_ERRORS },
      },
    },
    "/review-items/{id}/decision": {
      post: {
        operationId: "decideReviewItem",
        summary: "Decide an item (the LinkedIn account's owner)",
        description: `Decided as the member who created the key. Only the account's owner may decide, or an admin where the team lets admins decide (Queue rules settings): here a key counts with its creator's current role, as in the app. Anyone else gets 403 (code FORBIDDEN). \`version\` is required: a decision on an item that changed since it was read is a 409 that says what changed (“Ana decided Keep 20 s ago”); read it again and retry if still right. For a withdraw_invitation item, remove approves the withdrawal and keep means keep waiting; follow_up is a 400 naming the kind. Needs a read-and-write key.`,
        tags,
        parameters: [itemId],
        requestBody: h.body("ReviewDecisionBody"),
        responses: { "200": h.ok("The item after the decision", "ReviewItem"), "404": h.err("NotFound"), "409": h.err("Conflict"), ...h.WRITE_ERRORS },
      },
    },
    "/review-items/{id}/undo": {
      post: {
        operationId: "undoReviewItem",
        summary: "Undo the latest decision on an item (or your own vote)",
        description: `No body. When the key's creator may decide, takes back the item's latest decision (until an approved removal is executed), restoring the item exactly as it was; otherwise takes back their own vote of this round. ${AS_CREATOR} Nothing to undo, an executed removal, or an item changed since the decision is a 409 saying why. Needs a read-and-write key.`,
        tags,
        parameters: [itemId],
        responses: { "200": h.ok("What was restored, and the item after", "ReviewUndoResult"), "404": h.err("NotFound"), "409": h.err("Conflict"), ...h.WRITE_ERRORS },
      },
    },
  };
}
