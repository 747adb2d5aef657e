// The account's LinkedIn invitations: list, incoming fit, responses, counts (issue 17, docs/decisions/0013).
export { listAccountInvitations } from "./list-invitations";
export { getInvitationSummary } from "./get-summary";
export { recordInvitationResponse, ZInvitationResponseInput, type TInvitationResponseInput, type TRecordedResponse } from "./record-response";
export { listInvitationCounts, type TAccountInvitationCounts } from "./account-counts";
export {
  ZInvitationListInput,
  parseInvitationListInput,
  INVITATION_DIRECTIONS,
  INVITATION_VIEWS,
  INVITATION_FITS,
  INVITATION_SORTS,
  type TInvitationListInput,
  type TInvitationListQuery,
  type TInvitationDirection,
  type TInvitationView,
  type TInvitationFit,
  type TInvitationSort,
} from "./list-input";
export { NOT_ENOUGH_TO_SCORE, type TIncomingFit } from "./incoming-fit";
export type { TInvitationSummary } from "./summary";
export type { TInvitationList, TInvitationListRow, TInvitationResponse, TInvitationStatusCode } from "./types";
export { OPEN_INVITATIONS_GUIDELINE, REINVITE_BLOCK_DAYS, RECEIVED_INVITATIONS_URL, INCOMING_SCORE_CAP, LIST_LIMITS as INVITATION_LIST_LIMITS, OLDER_THAN_MAX_DAYS } from "./constants";
export { withdrawAfterDaysOf } from "./withdraw-after";
