import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { db } from "@crm/db";
import { deliverOutboxEmail, MAX_SEND_ATTEMPTS, sweepOutbox } from "@crm/email";
import { queue, QUEUES } from "@crm/jobs";
import { startTestEnv, stopTestEnv, type TSmtpInbox } from "../testing/setup";

// packages/email/src/outbox.ts: the row is claimed (attempt counted, lease written) in one short
// statement and sent outside any transaction; a server that never answers the end of DATA fails
// the try after the socket timeout, and the tries still end in FAILED.

let inbox: TSmtpInbox;
beforeAll(async () => {
  inbox = await startTestEnv();
});
afterAll(stopTestEnv);

/** Reads the whole message, then never answers "250": the message arrived, the client cannot know. */
async function startStallingServer() {
  let received = 0;
  const started: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        received++;
        for (const r of started.splice(0)) r();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    nextMessage: () => new Promise<void>((r) => started.push(r)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Minimal SMTP that stalls with continuation lines ("250-…", every 200 ms), each of which resets
 * the client's socket timeout, so only a whole-send deadline ends the try. `at: "data"` never
 * answers the end of DATA; `at: "ehlo"` drips on the FIRST connection's EHLO for `dripMs`, then
 * behaves, and counts the messages it accepted (a session the client abandoned but left open would
 * deliver a copy here).
 */
async function startDrippingServer(at: "data" | "ehlo", dripMs = 60_000) {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let accepted = 0;
  const server = createServer((socket) => {
    const first = connections++ === 0;
    sockets.add(socket);
    let inData = false;
    let buffer = "";
    const drip = (then: () => void) => {
      const t = setInterval(() => socket.writable && socket.write("250-still thinking\r\n"), 200);
      timers.add(t);
      const stop = setTimeout(() => {
        clearInterval(t);
        then();
      }, dripMs);
      timers.add(stop);
    };
    socket.write("220 drip ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          if (at === "data") drip(() => undefined);
          else {
            accepted++;
            socket.write("250 queued\r\n");
          }
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (line.startsWith("EHLO") || line.startsWith("HELO")) {
          if (at === "ehlo" && first) drip(() => socket.writable && socket.write("250 drip\r\n"));
          else socket.write("250 drip\r\n");
        } else if (line.startsWith("DATA")) {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function withSmtp<T>(url: string, socketTimeoutMs: string, fn: () => Promise<T>): Promise<T> {
  const saved = { url: process.env.SMTP_URL, timeout: process.env.SMTP_SOCKET_TIMEOUT_MS };
  process.env.SMTP_URL = url;
  process.env.SMTP_SOCKET_TIMEOUT_MS = socketTimeoutMs;
  resetServerEnvForTests();
  try {
    return await fn();
  } finally {
    process.env.SMTP_URL = saved.url;
    if (saved.timeout === undefined) delete process.env.SMTP_SOCKET_TIMEOUT_MS;
    else process.env.SMTP_SOCKET_TIMEOUT_MS = saved.timeout;
    resetServerEnvForTests();
  }
}

async function outboxRow(to = `lease-${randomUUID()}@example.test`) {
  return db().emailOutbox.create({ data: { dedupeKey: `test:${randomUUID()}`, to, subject: `Lease ${randomUUID()}`, html: "<p>hi</p>", text: "hi" } });
}

const rowOf = (id: string) => db().emailOutbox.findUniqueOrThrow({ where: { id } });

describe("deliverOutboxEmail against a server that stalls after DATA", () => {
  it("gives up on a server that keeps talking without answering, well inside the lease", async () => {
    const dripping = await startDrippingServer("data");
    try {
      const row = await outboxRow();
      await withSmtp(dripping.url, "800", async () => {
        const t0 = Date.now();
        const err = await deliverOutboxEmail(row.id).then(() => null, (e: Error) => e);
        // Four socket timeouts (3.2 s), although no gap ever reached one.
        expect(err?.message).toMatch(/did not finish within 3 s/);
        expect(Date.now() - t0).toBeLessThan(8_000);
        expect(await rowOf(row.id)).toMatchObject({ status: "PENDING", attempts: 1 });
      });
    } finally {
      await dripping.close();
    }
  });

  it("ends the abandoned session at the deadline, so the retry's copy is the only one", async () => {
    // The first session drips through EHLO for 5 s (past the 3.2 s deadline), then would go on.
    const dripping = await startDrippingServer("ehlo", 5_000);
    try {
      const row = await outboxRow();
      await withSmtp(dripping.url, "800", async () => {
        const err = await deliverOutboxEmail(row.id).then(() => null, (e: Error) => e);
        expect(err?.message).toMatch(/did not finish within 3 s/);
        expect(await deliverOutboxEmail(row.id)).toMatchObject({ status: "sent" });
        // Past the point where the first session would have carried on and delivered.
        await new Promise((r) => setTimeout(r, 3_000));
        expect(dripping.accepted()).toBe(1);
        expect(await rowOf(row.id)).toMatchObject({ status: "SENT", attempts: 2 });
      });
    } finally {
      await dripping.close();
    }
  }, 20_000);

  it("claims the row before sending, gives up at the socket timeout, counts every try and ends FAILED", async () => {
    const stalling = await startStallingServer();
    try {
      const row = await outboxRow();
      await withSmtp(stalling.url, "800", async () => {
        const arrived = stalling.nextMessage();
        const t0 = Date.now();
        const first = deliverOutboxEmail(row.id).then(() => "resolved", (e: Error) => e);
        await arrived;
        // The claim committed before the send: another connection sees it, and a second job sends nothing.
        const during = await rowOf(row.id);
        expect(during).toMatchObject({ status: "PENDING", attempts: 1 });
        expect(during.lastError).toMatch(/^sending; lease until \d{4}-\d{2}-\d{2}T/);
        expect((await deliverOutboxEmail(row.id)).status).toBe("busy");
        const err = await first;
        expect(err).toBeInstanceOf(Error);
        expect(Date.now() - t0).toBeLessThan(10_000);
        const after = await rowOf(row.id);
        expect(after).toMatchObject({ status: "PENDING", attempts: 1, failedAt: null });
        expect(after.lastError).not.toMatch(/^sending/);

        // The next tries go on counting: the last one marks it FAILED, after which nothing is sent.
        await db().emailOutbox.update({ where: { id: row.id }, data: { attempts: MAX_SEND_ATTEMPTS - 1 } });
        await expect(deliverOutboxEmail(row.id)).rejects.toThrow();
        const failed = await rowOf(row.id);
        expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_SEND_ATTEMPTS });
        expect(failed.failedAt).toBeInstanceOf(Date);
        expect((await deliverOutboxEmail(row.id)).status).toBe("failed");
      });
      expect(stalling.received()).toBe(2);
    } finally {
      await stalling.close();
    }
  });
});

describe("leases", () => {
  it("a live lease makes a second job answer busy; a lease that ran out (a sender died) is sent again once", async () => {
    const row = await outboxRow();
    const future = new Date(Date.now() + 60_000).toISOString();
    await db().emailOutbox.update({ where: { id: row.id }, data: { attempts: 3, lastError: `sending; lease until ${future}` } });
    expect((await deliverOutboxEmail(row.id)).status).toBe("busy");
    expect(await rowOf(row.id)).toMatchObject({ status: "PENDING", attempts: 3 });
    expect(inbox.receivedFor(row.to)).toHaveLength(0);

    await db().emailOutbox.update({ where: { id: row.id }, data: { lastError: "sending; lease until 2020-01-01T00:00:00.000Z" } });
    const r = await deliverOutboxEmail(row.id);
    expect(r.status).toBe("sent");
    expect((await inbox.waitFor(row.to)).subject).toBe(row.subject);
    expect(await rowOf(row.id)).toMatchObject({ status: "SENT", attempts: 4, lastError: null });
    expect((await deliverOutboxEmail(row.id)).status).toBe("already-sent");
    expect(inbox.receivedFor(row.to)).toHaveLength(1);
  });

  it("a row whose last try died without a result turns FAILED instead of being sent a ninth time", async () => {
    const row = await outboxRow();
    await db().emailOutbox.update({ where: { id: row.id }, data: { attempts: MAX_SEND_ATTEMPTS, lastError: "sending; lease until 2020-01-01T00:00:00.000Z" } });
    expect((await deliverOutboxEmail(row.id)).status).toBe("failed");
    const failed = await rowOf(row.id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_SEND_ATTEMPTS });
    expect(failed.lastError).toMatch(/without a result/);
    expect(inbox.receivedFor(row.to)).toHaveLength(0);
  });

  it("an error text that merely looks like a lease does not block the row", async () => {
    const row = await outboxRow();
    await db().emailOutbox.update({ where: { id: row.id }, data: { attempts: 1, lastError: "sending; lease until tomorrow" } });
    expect((await deliverOutboxEmail(row.id)).status).toBe("sent");
  });

  it("the sweeper leaves a row with a live lease alone and publishes one whose lease ran out", async () => {
    const old = new Date("2000-01-01T00:00:00Z");
    const live = await outboxRow();
    const dead = await outboxRow();
    const future = new Date(Date.now() + 60_000).toISOString();
    await db().emailOutbox.update({ where: { id: live.id }, data: { createdAt: old, attempts: 2, lastError: `sending; lease until ${future}` } });
    await db().emailOutbox.update({ where: { id: dead.id }, data: { createdAt: old, attempts: 2, lastError: "sending; lease until 2020-01-01T00:00:00.000Z" } });
    const before = Math.floor(Date.now() / 600_000);
    await sweepOutbox();
    const after = Math.floor(Date.now() / 600_000);
    // The sweeper's job ids carry a 10-minute round, unlike the publish after commit ("<id>-<attempts>"):
    // a job of that id that failed for good (its claim never ran: the database was down) cannot block it.
    const job = async (id: string) =>
      (await queue(QUEUES.email).getJob(`email.send__${id}-2-s${before}`)) ?? (await queue(QUEUES.email).getJob(`email.send__${id}-2-s${after}`));
    expect(await job(dead.id)).toBeTruthy();
    expect(await job(live.id)).toBeUndefined();
    expect(await queue(QUEUES.email).getJob(`email.send__${dead.id}-2`)).toBeUndefined();
  });
});
