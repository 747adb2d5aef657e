// Helpers for @crm/core integration tests: a real in-process SMTP inbox, unique emails, a signed-up
// user with their team context, and an owner-role escape hatch for state the app role cannot set.
// Call `startTestEnv()` in beforeAll BEFORE anything reads the environment, and `stopTestEnv()` in
// afterAll.
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { resetServerEnvForTests } from "@crm/config";
import { db, disconnectDb } from "@crm/db";
import { prepareTestDatabase, testDatabaseUrls } from "@crm/db/testing";
import { deliverOutboxEmail } from "@crm/email";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { signUp } from "../users/sign-up";

/** `headers`: raw header lines by lower-case name, unfolded (List-Unsubscribe and the like). */
export type TReceivedMail = { to: string[]; subject: string; text: string; html: string; headers: Map<string, string> };

export type TSmtpInbox = {
  port: number;
  url: string;
  /** Every message received so far (not removed by waitFor). */
  all(): TReceivedMail[];
  /** Messages received for `to` so far. */
  receivedFor(to: string): TReceivedMail[];
  /** Resolves with the first message for `to` (envelope recipient), waiting up to `timeoutMs`. */
  waitFor(to: string, timeoutMs?: number): Promise<TReceivedMail>;
  close(): Promise<void>;
};

/** A real SMTP server on 127.0.0.1 and a random port; no auth, no TLS. */
export async function startSmtpInbox(): Promise<TSmtpInbox> {
  const messages: TReceivedMail[] = [];
  const waiters: Array<{ to: string; resolve: (m: TReceivedMail) => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: TReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            headers: new Map(parsed.headerLines.map((h) => [h.key, h.line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]+:\s*/, "")])),
          };
          messages.push(mail);
          for (let i = waiters.length - 1; i >= 0; i--) {
            const w = waiters[i]!;
            if (mail.to.includes(w.to)) {
              waiters.splice(i, 1);
              w.resolve(mail);
            }
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const forAddress = (to: string) => messages.filter((m) => m.to.includes(to.toLowerCase()));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    all: () => [...messages],
    receivedFor: forAddress,
    waitFor(to, timeoutMs = 10_000) {
      const key = to.toLowerCase();
      const already = forAddress(key)[0];
      if (already) return Promise.resolve(already);
      return new Promise<TReceivedMail>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no email for ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          to: key,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let inbox: TSmtpInbox | undefined;

/**
 * Starts the SMTP inbox, points SMTP_URL at it, gives this file its own BullMQ/rate-limit prefix
 * and migrates / connects the shared test database (as the app role).
 */
export async function startTestEnv(): Promise<TSmtpInbox> {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  delete process.env.EMAIL_TRANSPORT;
  resetServerEnvForTests();
  await prepareTestDatabase();
  resetServerEnvForTests();
  return inbox;
}

export async function stopTestEnv(): Promise<void> {
  await closeQueues().catch(() => undefined);
  await closeProducerRedis().catch(() => undefined);
  await disconnectDb();
  await inbox?.close();
  inbox = undefined;
}

/** A unique, valid, lower-case email address. */
export function uniqueEmail(label = "user"): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `${clean}-${randomBytes(5).toString("hex")}@example.com`;
}

export const uniqueSuffix = () => randomBytes(3).toString("hex");

/** Strong enough for the password policy, unique per call. */
export function strongPassword(): string {
  return `Tidal-Lantern-${randomBytes(6).toString("hex")}`;
}

export type TSignedUpUser = {
  userId: string;
  email: string;
  name: string;
  password: string;
  team: { id: string; slug: string; name: string };
  ctx: TTeamContext;
};

/** Signs up a new user with their own team (as OWNER) and resolves their team context. */
export async function signUpUser(label: string): Promise<TSignedUpUser> {
  const email = uniqueEmail(label);
  const name = `${label} Person`;
  const password = strongPassword();
  const { userId, team } = await signUp({ name, email, password, teamName: `${label} Team ${uniqueSuffix()}` });
  const ctx = await resolveTeamContext({ userId, slug: team.slug });
  return { userId, email, name, password, team, ctx };
}

/** The newest outbox row addressed to `to`. */
export async function latestOutboxFor(to: string) {
  return db().emailOutbox.findFirst({ where: { to: to.toLowerCase() }, orderBy: { createdAt: "desc" } });
}

/** Delivers the newest outbox row for `to` over SMTP and returns what the inbox received. */
export async function deliverLatestTo(to: string): Promise<TReceivedMail> {
  if (!inbox) throw new Error("startTestEnv() first");
  const row = await latestOutboxFor(to);
  if (!row) throw new Error(`no outbox row for ${to}`);
  const r = await deliverOutboxEmail(row.id);
  if (r.status !== "sent" || r.result?.via !== "smtp") throw new Error(`unexpected delivery ${JSON.stringify(r)}`);
  return inbox.waitFor(to);
}

/** Runs SQL as the database owner (bypasses row-level security). For fixtures only. */
export async function ownerQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: testDatabaseUrls().ownerUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Awaits `p` and returns the DomainError-like error it rejects with (fails if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<{ code?: string; message: string; name: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string; name: string };
  }
  throw new Error("expected the promise to reject, but it resolved");
}
