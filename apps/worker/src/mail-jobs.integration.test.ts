import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { Worker, type Job } from "bullmq";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import {
  clockNow, confirmImportScope, createReminders, mailNotifications, createInvitation, createLinkedInAccount, listTeamDeliveries, receiveUpload, resolveTeamContext, retryDelivery,
  setTestClockOffset, signUp, sweepMail, updateMailPreferences, type TTeamContext,
} from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { db, disconnectDb, withTeam } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { MAX_SEND_ATTEMPTS, publishOutbox } from "@crm/email";
import { closeProducerRedis, closeQueues, createRedis, enqueue, finishedJob, queue, QUEUES } from "@crm/jobs";
import { processJob } from "./processors";

// The mail scheduler end to end: mail.sweep's per-team jobs through real Redis queues and real
// workers (two per queue), the outbox delivered over a real SMTP server. The database is shared
// with other test files and the sweep looks at every team, so these workers run team jobs for this
// file's teams only (the others are acknowledged, not run). Time moves with the test clock.

type TMail = { to: string; subject: string; text: string; outboxId: string; headers: Map<string, string> };
const received: TMail[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
let workers: Worker[] = [];
const ours = new Set<string>();
const DAY = 86_400_000;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream).then((m) => {
        const outboxId = /<([^@>]+)@connection-crm>/.exec(m.messageId ?? "")?.[1] ?? /^<?([^@>]+)@/.exec(m.messageId ?? "")?.[1] ?? "";
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(","), subject: m.subject ?? "", text: m.text ?? "", outboxId, headers: new Map(m.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()])) });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.SMTP_URL = smtpUrl;
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  process.env.CRM_TEST_CLOCK = "1";
  resetServerEnvForTests();
  await prepareTestDatabase();
  const run = (job: Job) => {
    const teamId = (job.data as { teamId?: unknown })?.teamId;
    return typeof teamId === "string" && !ours.has(teamId) && !teamId.startsWith("gone-") ? Promise.resolve({ status: "not-this-test" }) : processJob(job);
  };
  // Two workers per queue: concurrent jobs for the same members must still send once.
  workers = [QUEUES.maintenance, QUEUES.digests, QUEUES.email].flatMap((name) =>
    [0, 1].map(() => new Worker(name, run, { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX, concurrency: 2 })),
  );
});
afterAll(async () => {
  setTestClockOffset(0);
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
  await new Promise<void>((r) => smtp.close(() => r()));
});

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
const settle = (ms = 1_500) => new Promise((r) => setTimeout(r, ms));

async function newTeam(label: string): Promise<TTeamContext & { email: string }> {
  const email = `${label.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}@example.test`;
  const { team, userId } = await signUp({ name: `${label} Owner`, email, password: "mail jobs passphrase 2026", teamName: `${label} ${randomUUID().slice(0, 6)}` });
  ours.add(team.id);
  return { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER", email };
}

async function addMember(owner: TTeamContext, label: string): Promise<TTeamContext & { email: string }> {
  const email = `${label.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}@example.test`;
  const { token } = await createInvitation(owner, { email, role: "MEMBER" });
  const { userId } = await signUp({ name: `${label} Person`, email, password: "mail jobs passphrase 2026", invitationToken: token });
  return { ...(await resolveTeamContext({ userId, slug: owner.slug })), email };
}

async function notify(teamId: string, userId: string, kind: string, data: Record<string, unknown>, actorId: string | null = null): Promise<string> {
  const id = randomUUID();
  await withTeam(teamId, (tx) => tx.$executeRaw`
    INSERT INTO "Notification" (id, "teamId", "userId", kind, "actorId", data) VALUES (${id}, ${teamId}, ${userId}, ${kind}, ${actorId}, ${JSON.stringify(data)}::jsonb)`);
  return id;
}

const kindOf = async (m: TMail) => (await db().emailOutbox.findUnique({ where: { id: m.outboxId }, select: { kind: true } }))?.kind ?? null;
async function mailsFor(to: string, kind: string): Promise<TMail[]> {
  const out: TMail[] = [];
  for (const m of received.filter((r) => r.to === to.toLowerCase())) if ((await kindOf(m)) === kind) out.push(m);
  return out;
}

/** digest.team payloads enqueued so far (any state), as team → user ids. */
async function digestJobs(): Promise<Map<string, Set<string>>> {
  const jobs = await queue(QUEUES.digests).getJobs(["waiting", "active", "delayed", "completed", "failed", "prioritized"], 0, 5_000);
  const out = new Map<string, Set<string>>();
  for (const j of jobs) {
    if (j?.name !== "digest.team") continue;
    const set = out.get(j.data.teamId) ?? new Set<string>();
    for (const u of j.data.users) set.add(u.userId);
    out.set(j.data.teamId, set);
  }
  return out;
}

describe("mail.sweep and the per-team mail jobs", () => {
  let t1: Awaited<ReturnType<typeof newTeam>>;
  let t2: Awaited<ReturnType<typeof newTeam>>;
  let m1: Awaited<ReturnType<typeof addMember>>;
  let m2: Awaited<ReturnType<typeof addMember>>;

  beforeAll(async () => {
    t1 = await newTeam("Sweep One");
    t2 = await newTeam("Sweep Two");
    m1 = await addMember(t1, "Sweep One Member");
    m2 = await addMember(t2, "Sweep Two Member");
    await updateMailPreferences(m2, { digestEnabled: false });
    // New teams have a quiet week: the short note is the digest they get.
    await Promise.all([updateMailPreferences(t1, { quietWeekNote: true }), updateMailPreferences(m1, { quietWeekNote: true })]);
  });

  it("finds only due digests: nobody before their first slot, then members of both teams but not one who turned digests off", async () => {
    await sweepMail(clockNow()); // joined after this week's slot: not due yet
    await settle(500);
    const before = await digestJobs();
    expect([t1.teamId, t2.teamId].filter((t) => before.has(t))).toEqual([]);

    setTestClockOffset(8 * DAY);
    const [s1, s2] = await Promise.all([sweepMail(clockNow()), sweepMail(clockNow())]); // two concurrent sweeps
    expect(s1.digests).toBeGreaterThanOrEqual(3);
    expect(s2.digests).toBeGreaterThanOrEqual(0);
    const jobs = await digestJobs();
    expect([...(jobs.get(t1.teamId) ?? [])].sort()).toEqual([t1.userId, m1.userId].sort());
    expect([...(jobs.get(t2.teamId) ?? [])]).toEqual([t2.userId]);
  });

  it("two sweeps and duplicate jobs on two workers deliver each digest once, with both unsubscribe headers", async () => {
    // A job for the same members again, as a sweep in the next 10-minute bucket would add.
    const runs = () => withTeam(t1.teamId, (tx) => tx.digestRun.findMany({ where: { teamId: t1.teamId, kind: "weekly" } }));
    const claimed = await until(async () => ((await runs()).length === 2 ? await runs() : undefined));
    const users = claimed.map((r) => ({ userId: r.userId, period: r.period, dueAt: r.dueAt.toISOString() }));
    await Promise.all([enqueue("digest.team", { teamId: t1.teamId, users }, { dedupeId: "again-1" }), enqueue("digest.team", { teamId: t1.teamId, users }, { dedupeId: "again-2" })]);
    await sweepMail(clockNow());
    const mail = await until(async () => (await mailsFor(t1.email, "digest"))[0]);
    await until(async () => (await mailsFor(m1.email, "digest"))[0]);
    await settle();
    expect(await mailsFor(t1.email, "digest")).toHaveLength(1);
    expect(await mailsFor(m1.email, "digest")).toHaveLength(1);
    expect(await mailsFor(m2.email, "digest")).toHaveLength(0);
    expect(String(mail.headers.get("list-unsubscribe"))).toMatch(/\/api\/unsubscribe\//);
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(await runs()).toHaveLength(2);
  });

  it("an instant mention email arrives once however many sweeps run", async () => {
    await notify(t1.teamId, m1.userId, "mention", { connectionName: "Katherine Johnson" }, t1.userId);
    await Promise.all([sweepMail(clockNow()), sweepMail(clockNow())]);
    const mail = await until(async () => (await mailsFor(m1.email, "notification"))[0]);
    expect(mail.subject).toBe("Sweep One Owner mentioned you on Katherine Johnson");
    await sweepMail(clockNow());
    await settle();
    expect(await mailsFor(m1.email, "notification")).toHaveLength(1);
  });

  it("a daily summary is sent once at the member's hour, with what waited for it", async () => {
    await updateMailPreferences(m1, { emailModes: { mention: "daily" }, digestHour: 7, timeZone: "UTC" });
    const id = await notify(t1.teamId, m1.userId, "mention", { connectionName: "Dorothy Vaughan" }, t1.userId);
    // The next minute: this minute's notifications.mail job for the team has run already (its id
    // holds the minute), so a notification written after it is mailed by the next minute's sweep.
    setTestClockOffset(8 * DAY + 60_000);
    await sweepMail(clockNow());
    const state = () => withTeam(t1.teamId, async (tx) => (await tx.notification.findUniqueOrThrow({ where: { id } })).mailState);
    await until(async () => ((await state()) === "daily" ? true : undefined));
    setTestClockOffset(9 * DAY + 60_000); // the next local day's 07:00 has passed
    await Promise.all([sweepMail(clockNow()), sweepMail(clockNow())]);
    const mail = await until(async () => (await mailsFor(m1.email, "summary"))[0]);
    expect(mail.text).toContain("Dorothy Vaughan");
    expect(await state()).toBe("summarized");
    await sweepMail(clockNow());
    await settle();
    expect(await mailsFor(m1.email, "summary")).toHaveLength(1);
    expect(await mailsFor(m1.email, "notification")).toHaveLength(1); // not emailed instantly as well
  });

  it("a delivery that fails at the last attempt shows as FAILED to the team's admins, not to another team, and a retry sends it", async () => {
    await notify(t2.teamId, t2.userId, "mention", { connectionName: "Mary Jackson" }, m2.userId);
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // the mail server is down
    resetServerEnvForTests();
    let outboxId: string;
    try {
      // Most tries already spent: the job gets the one left (MAX_SEND_ATTEMPTS counted on the row).
      await mailNotifications(t2.teamId); // writes the outbox row and publishes it
      outboxId = await until(async () => (await db().emailOutbox.findFirst({ where: { teamId: t2.teamId, kind: "notification" } }))?.id);
      await until(async () => ((await db().emailOutbox.findUniqueOrThrow({ where: { id: outboxId } })).attempts >= 1 ? true : undefined));
      await db().emailOutbox.update({ where: { id: outboxId }, data: { attempts: MAX_SEND_ATTEMPTS - 1 } });
      await publishOutbox(outboxId, MAX_SEND_ATTEMPTS - 1);
      await until(async () => ((await db().emailOutbox.findUniqueOrThrow({ where: { id: outboxId } })).status === "FAILED" ? true : undefined));
    } finally {
      process.env.SMTP_URL = smtpUrl;
      resetServerEnvForTests();
    }
    const failed = await listTeamDeliveries(t2, { failedOnly: true });
    expect(failed.items.map((d) => d.id)).toEqual([outboxId]);
    expect(failed.items[0]).toMatchObject({ status: "FAILED", attempts: MAX_SEND_ATTEMPTS, to: t2.email });
    expect(failed.items[0]!.lastError).toBeTruthy();
    expect((await listTeamDeliveries(t1, { limit: 100 })).items.map((d) => d.id)).not.toContain(outboxId);
    await expect(retryDelivery(t1, outboxId)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await retryDelivery(t2, outboxId);
    const mail = await until(() => received.find((m) => m.outboxId === outboxId));
    expect(mail.subject).toContain("Mary Jackson");
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ status: "SENT", failedAt: null });
  });
});

describe("payloads are untrusted", () => {
  it("jobs for a team that does not exist do nothing", async () => {
    const job = (name: string, data: object) => processJob({ name, data, opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job);
    const gone = `gone-${randomUUID().slice(0, 8)}`;
    const users = [{ userId: "someone", period: "2026-W49", dueAt: new Date().toISOString() }];
    expect(await job("reminders.notify", { teamId: gone })).toEqual({ status: "team-gone" });
    expect(await job("reminders.cadence", { teamId: gone })).toEqual({ status: "team-gone" });
    expect(await job("jobchanges.notify", { teamId: gone, importId: "imp" })).toEqual({ status: "team-gone" });
    expect(await job("notifications.mail", { teamId: gone })).toEqual({ status: "team-gone" });
    expect(await job("digest.team", { teamId: gone, users })).toEqual({ status: "team-gone" });
    expect(await job("summary.team", { teamId: gone, users: [{ ...users[0], period: "2026-12-05" }] })).toEqual({ status: "team-gone" });
    await expect(job("digest.team", { teamId: gone, users: [{ userId: "x", period: "nope", dueAt: "x" }] })).rejects.toThrow();
  });

  it("a reminders.notify job through the queue for a gone team completes as team-gone", async () => {
    const gone = `gone-${randomUUID().slice(0, 8)}`;
    await enqueue("reminders.notify", { teamId: gone }, { dedupeId: gone });
    const result = await until(async () => {
      const end = finishedJob(await queue(QUEUES.maintenance).getJob(`reminders.notify__${gone}`));
      return end.done && !end.failed ? end.value : undefined;
    });
    expect(result).toEqual({ status: "team-gone" });
  });
});

describe("after an import", () => {
  it("a completed import enqueues jobchanges.notify and reminders.cadence; a reminder that comes due is emailed once", async () => {
    setTestClockOffset(0);
    const t = await newTeam("Import Mail");
    const { id: accountId } = await createLinkedInAccount(t, { label: "Net", ownerUserId: t.userId, timeZone: "Europe/Berlin" });
    const { importId } = await receiveUpload(t, { accountId, fileName: "Connections.csv", body: Readable.from([Buffer.from(generateConnectionsCsv({ rows: 20 }))]) }, { queue: false });
    const run = () => processJob({ name: "import.process", data: { teamId: t.teamId, importId }, opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job) as Promise<{ status: string }>;
    let s = await run();
    if (s.status === "NEEDS_CONFIRMATION") {
      await confirmImportScope(t, importId, "whole", { queue: false });
      s = await run();
    }
    expect(s.status).toBe("COMPLETED");
    const done = async (id: string) => {
      const end = finishedJob<{ status: string }>(await queue(QUEUES.maintenance).getJob(id));
      if (end.done && end.failed) throw new Error(`${id} failed: ${end.reason}`);
      return end.done ? end.value : undefined;
    };
    expect((await until(() => done(`jobchanges.notify__${importId}`))).status).toBe("done");
    expect((await until(() => done(`reminders.cadence__${t.teamId}-${importId}`))).status).toBe("done");

    // A reminder on one of the imported people: due tomorrow at the latest, emailed as it happens.
    const [person] = await withTeam(t.teamId, (tx) => tx.$queryRaw<Array<{ id: string; name: string }>>`
      SELECT id, "firstName" || ' ' || "lastName" AS name FROM "Connection" WHERE "teamId" = ${t.teamId} ORDER BY id LIMIT 1`);
    await updateMailPreferences(t, { emailModes: { reminder_due: "instant" } });
    const { reminderIds } = await createReminders(t, { target: { ids: [person!.id] }, date: new Date().toISOString().slice(0, 10), timeZone: "UTC", note: "Send the deck" });
    setTestClockOffset(DAY + 5 * 60_000);
    // Another team's job does not touch this team's reminders.
    const other = await newTeam("Import Mail Other");
    const job = (name: string, data: object) => processJob({ name, data, opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job);
    expect(await job("reminders.notify", { teamId: other.teamId })).toMatchObject({ status: "done", reminders: 0 });
    const notified = () => withTeam(t.teamId, async (tx) => (await tx.reminder.findUniqueOrThrow({ where: { id: reminderIds[0]! } })).notifiedAt);
    expect(await notified()).toBeNull();

    const swept = await sweepMail(clockNow());
    expect(swept.reminderTeams).toBeGreaterThanOrEqual(1);
    const mail = await until(async () => (await mailsFor(t.email, "notification"))[0]);
    expect(mail.subject).toBe(`Reminder: follow up with ${person!.name} — Send the deck`);
    expect(mail.text).toContain(`/t/${t.slug}/connections?open=${person!.id}`);
    expect(await notified()).toBeInstanceOf(Date);
    await sweepMail(clockNow());
    await settle();
    expect(await mailsFor(t.email, "notification")).toHaveLength(1);
  });
});
