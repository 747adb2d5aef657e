import { randomUUID } from "node:crypto";
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
