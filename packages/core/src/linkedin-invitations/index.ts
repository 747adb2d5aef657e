// The account's LinkedIn invitations: list, incoming fit, responses, counts (issue 17, docs/decisions/0013).
export {};
