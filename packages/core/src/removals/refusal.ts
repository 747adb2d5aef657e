import { DomainError } from "../errors";
import type { TLimitCode, TRemovalBudget } from "./types";

/**
 * A "Removed" the budget does not allow right now. Routes answer 429 with `code` = `limit` and
 * `nextAllowedAt`; the page shows `message` and counts down to `nextAllowedAt`.
 */
export class BudgetRefusedError extends DomainError {
  constructor(
    public readonly limit: TLimitCode,
    public readonly nextAllowedAt: Date,
    public readonly budget: TRemovalBudget,
    message: string,
    now: Date,
  ) {
    super("RATE_LIMITED", message, { retryAfterSeconds: Math.max(1, Math.ceil((nextAllowedAt.getTime() - now.getTime()) / 1000)) });
    this.name = "BudgetRefusedError";
  }
}

export function isBudgetRefused(e: unknown): e is BudgetRefusedError {
  return e instanceof BudgetRefusedError;
}
