// Guided invitation withdrawals (issue 17, docs/decisions/0013).
export {};
