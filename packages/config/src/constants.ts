export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const INVITATION_TTL_HOURS = 72;
export const PASSWORD_RESET_TTL_MINUTES = 30;
export const SESSION_TTL_DAYS = 30;
export const ROLES = ["OWNER", "ADMIN", "MEMBER"] as const;
export type TRole = (typeof ROLES)[number];
