// Services throw these; route wrappers and actions turn them into HTTP statuses and messages.
// Messages are written for the end user: what went wrong and what to do next.

export type TErrorCode =
  | "VALIDATION"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "INVALID_CREDENTIALS"
  | "UNAUTHENTICATED"
  | "GONE"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA"
  | "UNAVAILABLE";

const STATUS: Record<TErrorCode, number> = {
  VALIDATION: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UNAVAILABLE: 503,
};

export class DomainError extends Error {
  constructor(
    public readonly code: TErrorCode,
    message: string,
    public readonly details: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "This page") => new DomainError("NOT_FOUND", `${what} does not exist or you do not have access to it.`);
export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);
export const invalid = (field: string, message: string) => new DomainError("VALIDATION", message, { field });
export const conflict = (message: string, field?: string) => new DomainError("CONFLICT", message, { field });

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
