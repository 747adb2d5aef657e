// Public surface of core/digest (issue 12); each owner adds its exports here.
export { composeTeamDigests, isQuiet, weekBefore } from "./compose-team";
export { sendWeeklyDigests, digestDedupeKey, type TSendWeeklyOptions } from "./send-weekly";
export { sendDigestNow } from "./send-now";
export { latestWeeklySlot } from "./slot";
export { previewDigestText, sendDigestForMember, type TDigestCliResult } from "./operator";
export type { TDigestUser, TDigestUserInput, TDigestStatus, TDigestResult } from "./types";
