import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { resetServerEnvForTests } from "@crm/config";
import { addConnections, addItems, addVote, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery } from "../testing/setup";

// Fixtures for the digest tests: a review world (owner, teammate, admin, accounts a and b, one ICP)
// with a week's worth of news before `dueAt`, written as the database owner.

export type TDigestWorld = TReviewWorld & { dueAt: Date; people: { jobChanged: string; fresh: string; quietOne: string }; importId: string };

const DAY = 86_400_000;

export async function makeDigestWorld(label: string, dueAt: Date, names: { company: string } = { company: "Globex" }): Promise<TDigestWorld> {
  const w = await makeReviewWorld(label);
  const teamId = w.owner.team.id;
  const a = w.accounts.a.id;
  const [jobChanged, fresh, quietOne] = await addConnections(w, a, [
    { firstName: "Carla", lastName: "Diaz", company: names.company, position: "VP Sales", jobChangedAt: new Date(dueAt.getTime() - 2 * DAY), score: 85 },
    { firstName: "Dan", lastName: "Eve", company: "Initech", position: "Founder", score: 50 },
    { firstName: "Old", lastName: "Friend", company: "Umbrella", position: "CTO", score: 10 },
  ]);
  // An older import, then this week's: the week's one is not the account's first.
  const older = randomUUID();
  const importId = randomUUID();
  await ownerQuery(
    `INSERT INTO "Import" (id, "teamId", "accountId", "fileName", "byteSize", status, "newCount", "goneCount", "jobChangeCount", "verifiedRemovalCount", "createdAt", "finishedAt")
     VALUES ($1, $3, $4, 'old.csv', 10, 'COMPLETED', 500, 0, 0, 0, $5, $5),
            ($2, $3, $4, 'week.csv', 10, 'COMPLETED', 1, 2, 1, 1, $6, $6)`,
    [older, importId, teamId, a, new Date(dueAt.getTime() - 30 * DAY), new Date(dueAt.getTime() - 3 * DAY)],
  );
  await ownerQuery(`INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind) VALUES ($1, $2, $3, $4, 'IMPORTED')`, [randomUUID(), teamId, fresh, importId]);
  // Queue: two open items on the owner's account (the teammate voted on one), one approved.
  const [open1] = await addItems(teamId, [
    { connectionId: quietOne!, accountId: a, createdAt: new Date(dueAt.getTime() - 9 * DAY) },
    { connectionId: fresh!, accountId: a },
    { connectionId: jobChanged!, accountId: a, kind: "JOB_CHANGE", state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId },
  ]);
  await addVote(teamId, open1!, w.teammate.userId, "REMOVE");
  // A reminder on the owner's account, due the day before the digest (overdue at the slot).
  await ownerQuery(
    `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", note, "createdById", "updatedAt") VALUES ($1, $2, $3, $4, $5, 'Ask about Q1', $6, now())`,
    [randomUUID(), teamId, jobChanged, a, new Date(dueAt.getTime() - DAY), w.owner.userId],
  );
  return { ...w, dueAt, importId, people: { jobChanged: jobChanged!, fresh: fresh!, quietOne: quietOne! } };
}

export type TRawMail = { to: string[]; subject: string; text: string; html: string; /** Raw header lines by lower-case name (unfolded). */
  headers: Map<string, string> };

/** A real SMTP server that also keeps each message's headers (List-Unsubscribe); points SMTP_URL at itself. */
export async function startHeaderInbox(): Promise<{ all: () => TRawMail[]; close: () => Promise<void> }> {
  const messages: TRawMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((p) => {
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: p.subject ?? "", text: p.text ?? "", html: typeof p.html === "string" ? p.html : "", headers: new Map(p.headerLines.map((h) => [h.key, h.line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]+:\s*/, "")])) });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  resetServerEnvForTests();
  return { all: () => [...messages], close: () => new Promise<void>((r) => server.close(() => r())) };
}
