import { fmt, plural, type TDigestInvitationAccount, type TDigestModel } from "../digest-model";

// The digest's invitations line per account the member owns (issue 17): invitations waiting
// (open outgoing ones past the team's withdraw rule + received ones without an answer) and the
// withdrawals done this week. Optional on the model, so a digest composed without it (older
// fixtures, snapshots) renders exactly as before.

export const digestInvitationsOf = (m: TDigestModel): TDigestInvitationAccount[] => m.invitations?.accounts ?? [];

/** "12 invitations waiting (9 sent more than 60 days ago, 3 received), 5 withdrawn this week". */
export function invitationLine(a: TDigestInvitationAccount): string {
  const waiting = a.olderOutgoing + a.incomingWaiting;
  const parts = [a.olderOutgoing ? `${fmt(a.olderOutgoing)} sent more than ${a.withdrawAfterDays} days ago` : "", a.incomingWaiting ? `${fmt(a.incomingWaiting)} received` : ""].filter(Boolean);
  return `${plural(waiting, "invitation")} waiting${parts.length ? ` (${parts.join(", ")})` : ""}, ${fmt(a.withdrawn)} withdrawn this week`;
}
