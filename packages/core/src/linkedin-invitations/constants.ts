// The numbers behind the invitations page (docs/decisions/0013). Named here so the page, the API,
// Today and the digest say the same thing.

/** LinkedIn users advise keeping open outgoing invitations under about 200. */
export const OPEN_INVITATIONS_GUIDELINE = 200;
/** LinkedIn blocks re-inviting someone for about three weeks after a withdrawal. */
export const REINVITE_BLOCK_DAYS = 21;
/** The queue rule withdrawAfterDays when the team never set it (bounds as the queue settings'). */
export const WITHDRAW_AFTER_DAYS = { default: 60, min: 14, max: 365 } as const;
/** Incoming invitations scored per request at most (incoming is normally a handful). */
export const INCOMING_SCORE_CAP = 5_000;
/** ICPs an incoming invitation is scored against at most. */
export const MAX_ICPS_SCORED = 20;
export const LIST_LIMITS = { default: 50, max: 200, maxOffset: 100_000 } as const;
export const OLDER_THAN_MAX_DAYS = 3_650;

export const DAY_MS = 86_400_000;

/** LinkedIn's page of received invitations (the guided link for incoming ones). */
export const RECEIVED_INVITATIONS_URL = "https://www.linkedin.com/mynetwork/invitation-manager/";
