// "Add to review queue" from the connections table is proposing by hand: review/propose-item.ts
// (proposeForReview) does it, with the protected-people warning. The kinds the table offers:
export const REVIEW_KINDS = ["REMOVE", "FOLLOW_UP"] as const;
export type TReviewKind = (typeof REVIEW_KINDS)[number];
