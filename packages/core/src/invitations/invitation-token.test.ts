import { describe, expect, it } from "vitest";
import { hashToken } from "../auth/tokens";
import { buildInvitationToken, invitationState, parseInvitationToken } from "./invitation-token";

describe("invitation tokens", () => {
  it("round-trips team id and hashes the secret", () => {
    const secret = "A".repeat(43);
    const parsed = parseInvitationToken(buildInvitationToken("7d9a0b3e-team", secret));
    expect(parsed).toEqual({ teamId: "7d9a0b3e-team", tokenHash: hashToken(secret) });
  });
  it.each(["", "no-dot", "team.short", "te am.AAAAAAAAAAAAAAAAAAAAAAAA", "t.AAAAAAAAAAAAAAAAAAAAAAAA'; DROP TABLE x"])("refuses malformed %j", (t) => {
    expect(() => parseInvitationToken(t)).toThrow(/not valid/);
  });
  it("derives the state: revoked beats accepted beats expired", () => {
    const base = { id: "i", email: "a@b.c", role: "MEMBER" as const, expiresAt: new Date(Date.now() + 1000), acceptedAt: null, revokedAt: null };
    expect(invitationState(base)).toBe("valid");
    expect(invitationState({ ...base, expiresAt: new Date(Date.now() - 1) })).toBe("expired");
    expect(invitationState({ ...base, acceptedAt: new Date() })).toBe("accepted");
    expect(invitationState({ ...base, acceptedAt: new Date(), revokedAt: new Date() })).toBe("revoked");
  });
});
