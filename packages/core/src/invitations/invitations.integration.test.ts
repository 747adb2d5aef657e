import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, withTeam } from "@crm/db";
import { DomainError } from "../errors";
import { listMembers } from "../teams/members";
import { listUserTeams, resolveTeamContext } from "../teams/membership";
import { signUp } from "../users/sign-up";
import {
  deliverLatestTo,
  latestOutboxFor,
  ownerQuery,
  rejectionOf,
  signUpUser,
  startTestEnv,
  stopTestEnv,
  strongPassword,
  uniqueEmail,
  type TSignedUpUser,
} from "../testing/setup";
import { acceptInvitation, createInvitation, listPendingInvitations, previewInvitation, revokeInvitation } from "./invitations";

beforeAll(async () => {
  await startTestEnv();
});
afterAll(async () => {
  await stopTestEnv();
});

function tokenFromLink(text: string): string {
  const m = /\/invite\/([A-Za-z0-9._-]+[A-Za-z0-9_-])/.exec(text);
  if (!m) throw new Error(`no invite link in: ${text}`);
  return m[1]!;
}

describe("invitations", () => {
  let owner: TSignedUpUser;
  beforeAll(async () => {
    owner = await signUpUser("Inviter");
  });

  it("emails an invitation over SMTP and lets the invitee sign up into the team as ADMIN", async () => {
    const email = uniqueEmail("invitee");
    const created = await createInvitation(owner.ctx, { email, role: "ADMIN" });

    const row = await latestOutboxFor(email);
    expect(row).not.toBeNull();
    expect(row!.status).toBe("PENDING");
    expect(row!.dedupeKey).toBe(`invitation:${created.id}`);
    expect(row!.subject).toBe("You are invited to join a team on Connection CRM");

    const mail = await deliverLatestTo(email);
    expect(mail.to).toEqual([email]);
    expect(mail.subject).toBe("You are invited to join a team on Connection CRM");
    expect(mail.text).toContain(`/invite/${owner.team.id}.`);
    const token = tokenFromLink(mail.text);
    expect(token).toBe(created.token);
    expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: row!.id } })).status).toBe("SENT");

    const preview = await previewInvitation(token);
    expect(preview).toEqual({ teamName: owner.team.name, email, role: "ADMIN", state: "valid", message: null, emailHasAccount: false });

    const joined = await signUp({ name: "Invited Admin", email, password: strongPassword(), invitationToken: token });
    expect(joined.team).toEqual({ id: owner.team.id, slug: owner.team.slug, name: owner.team.name });
    expect(await listUserTeams({ userId: joined.userId })).toEqual([{ slug: owner.team.slug, name: owner.team.name, role: "ADMIN" }]);
    const ctx = await resolveTeamContext({ userId: joined.userId, slug: owner.team.slug });
    expect(ctx.role).toBe("ADMIN");
    const members = await listMembers(owner.ctx);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "OWNER"],
      [email, "ADMIN"],
    ]);

    const after = await previewInvitation(token);
    expect(after.state).toBe("accepted");
    expect(after.emailHasAccount).toBe(true);

    // The same link a second time.
    const reuse = await rejectionOf(acceptInvitation({ token, user: { id: joined.userId, email } }));
    expect(reuse).toBeInstanceOf(DomainError);
    expect(reuse.code).toBe("GONE");
    expect(reuse.message).toContain("already been used");

    const reuseSignUp = await rejectionOf(signUp({ name: "Second", email: uniqueEmail("second"), password: strongPassword(), invitationToken: token }));
    expect(reuseSignUp.code).toBe("GONE");

    const audit = await withTeam(owner.team.id, (tx) => tx.auditLog.findMany({ where: { targetId: created.id }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((a) => a.action)).toEqual(["invitation.created", "invitation.accepted"]);
  });

  it("refuses a revoked invitation", async () => {
    const email = uniqueEmail("revoked");
    const { id, token } = await createInvitation(owner.ctx, { email, role: "MEMBER" });
    await revokeInvitation(owner.ctx, { invitationId: id });
    expect((await previewInvitation(token)).state).toBe("revoked");
    const err = await rejectionOf(signUp({ name: "Revoked", email, password: strongPassword(), invitationToken: token }));
    expect(err.code).toBe("GONE");
    expect(err.message).toContain("revoked");
    // Nothing was created: the sign-up transaction rolled back.
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
    // Revoking it again finds nothing pending.
    expect((await rejectionOf(revokeInvitation(owner.ctx, { invitationId: id }))).code).toBe("NOT_FOUND");
  });

  it("refuses an expired invitation", async () => {
    const email = uniqueEmail("expired");
    const { id, token } = await createInvitation(owner.ctx, { email, role: "MEMBER" });
    const updated = await ownerQuery(`UPDATE "Invitation" SET "expiresAt" = now() - interval '1 hour' WHERE id = $1 RETURNING id`, [id]);
    expect(updated).toHaveLength(1);
    expect((await previewInvitation(token)).state).toBe("expired");
    const pending = await listPendingInvitations(owner.ctx);
    expect(pending.map((p) => p.id)).not.toContain(id);
    const err = await rejectionOf(signUp({ name: "Late", email, password: strongPassword(), invitationToken: token }));
    expect(err.code).toBe("GONE");
    expect(err.message).toContain("expired");
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it("refuses an invitation accepted by a user signed in with another email", async () => {
    const invited = uniqueEmail("intended");
    const { token } = await createInvitation(owner.ctx, { email: invited, role: "MEMBER" });
    const other = await signUpUser("Other");
    const err = await rejectionOf(acceptInvitation({ token, user: { id: other.userId, email: other.email } }));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toContain(invited);
    expect(err.message).toContain(other.email);
    expect((await previewInvitation(token)).state).toBe("valid");
    expect(await listUserTeams({ userId: other.userId })).toHaveLength(1);
  });

  it("treats a tampered token as not found", async () => {
    const email = uniqueEmail("tamper");
    const { token } = await createInvitation(owner.ctx, { email, role: "MEMBER" });
    const last = token.at(-1)!;
    const tampered = token.slice(0, -1) + (last === "A" ? "B" : "A");
    expect(tampered).not.toBe(token);
    expect((await rejectionOf(previewInvitation(tampered))).code).toBe("NOT_FOUND");
    const err = await rejectionOf(signUp({ name: "Tamper", email, password: strongPassword(), invitationToken: tampered }));
    expect(err.code).toBe("NOT_FOUND");
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
    expect((await rejectionOf(previewInvitation("not-a-token"))).code).toBe("NOT_FOUND");
    expect((await previewInvitation(token)).state).toBe("valid");
  });

  it("does not let a MEMBER invite", async () => {
    const memberEmail = uniqueEmail("plain-member");
    const { token } = await createInvitation(owner.ctx, { email: memberEmail, role: "MEMBER" });
    const { userId } = await signUp({ name: "Plain Member", email: memberEmail, password: strongPassword(), invitationToken: token });
    const memberCtx = await resolveTeamContext({ userId, slug: owner.team.slug });
    expect(memberCtx.role).toBe("MEMBER");
    const target = uniqueEmail("by-member");
    const err = await rejectionOf(createInvitation(memberCtx, { email: target, role: "MEMBER" }));
    expect(err.code).toBe("FORBIDDEN");
    expect(await latestOutboxFor(target)).toBeNull();
  });

  it("refuses to invite someone who is already a member", async () => {
    const err = await rejectionOf(createInvitation(owner.ctx, { email: owner.email.toUpperCase(), role: "MEMBER" }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toContain(owner.email);
  });

  it("re-inviting the same email revokes the older pending invitation", async () => {
    const email = uniqueEmail("reinvite");
    const first = await createInvitation(owner.ctx, { email, role: "MEMBER" });
    const second = await createInvitation(owner.ctx, { email, role: "ADMIN" });
    expect(second.id).not.toBe(first.id);
    expect((await previewInvitation(first.token)).state).toBe("revoked");
    expect((await previewInvitation(second.token)).state).toBe("valid");
    const pending = (await listPendingInvitations(owner.ctx)).filter((p) => p.email === email);
    expect(pending.map((p) => [p.id, p.role])).toEqual([[second.id, "ADMIN"]]);

    const err = await rejectionOf(signUp({ name: "Re", email, password: strongPassword(), invitationToken: first.token }));
    expect(err.code).toBe("GONE");
    expect(err.message).toContain("revoked");

    const ok = await signUp({ name: "Re", email, password: strongPassword(), invitationToken: second.token });
    expect((await resolveTeamContext({ userId: ok.userId, slug: owner.team.slug })).role).toBe("ADMIN");
  });

  it("lets an existing, signed-in user with the matching email accept and join", async () => {
    const existing = await signUpUser("Existing");
    const { token } = await createInvitation(owner.ctx, { email: existing.email, role: "MEMBER" });
    expect((await previewInvitation(token)).emailHasAccount).toBe(true);
    await expect(resolveTeamContext({ userId: existing.userId, slug: owner.team.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const team = await acceptInvitation({ token, user: { id: existing.userId, email: existing.email } });
    expect(team).toEqual({ id: owner.team.id, slug: owner.team.slug, name: owner.team.name });

    const teams = await listUserTeams({ userId: existing.userId });
    expect(teams).toEqual([
      { slug: existing.team.slug, name: existing.team.name, role: "OWNER" },
      { slug: owner.team.slug, name: owner.team.name, role: "MEMBER" },
    ]);
    const ctx = await resolveTeamContext({ userId: existing.userId, slug: owner.team.slug });
    expect(ctx).toMatchObject({ teamId: owner.team.id, role: "MEMBER", userId: existing.userId });
    expect((await previewInvitation(token)).state).toBe("accepted");
  });
});
