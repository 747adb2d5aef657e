import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { Worker } from "bullmq";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { db, disconnectDb } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { addToOutbox, publishOutbox } from "@crm/email";
import { closeProducerRedis, closeQueues, createRedis, QUEUES } from "@crm/jobs";
import { processJob } from "./processors";

const received: Array<{ to: string; subject: string; text: string }> = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      simpleParser(stream).then((m) => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), subject: m.subject ?? "", text: m.text ?? "" });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  const port = (smtp.server.address() as { port: number }).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  resetServerEnvForTests();
  await prepareTestDatabase();
});
afterAll(async () => {
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
  await new Promise<void>((r) => smtp.close(() => r()));
});

async function waitFor<T>(fn: () => T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("email delivery through BullMQ", () => {
  it("an outbox row published as email.send is delivered once over SMTP, even when published twice", async () => {
    const to = `worker-${randomUUID()}@example.test`;
    const outboxId = await db().$transaction((tx) =>
      addToOutbox(tx, { dedupeKey: `test:${to}`, to, template: { kind: "password-reset", props: { name: "Wu", resetUrl: "http://x/reset-password/abc", expiresInMinutes: 30 } } }),
    );
    const worker = new Worker(QUEUES.email, processJob, { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX });
    try {
      await publishOutbox(outboxId);
      await publishOutbox(outboxId); // same dedupe id: one job
      const mail = await waitFor(() => received.find((m) => m.to === to));
      expect(mail.subject).toBe("Reset your Connection CRM password");
      expect(mail.text).toContain("http://x/reset-password/abc");
      const row = await db().emailOutbox.findUniqueOrThrow({ where: { id: outboxId } });
      expect(row.status).toBe("SENT");
      expect(row.attempts).toBe(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(received.filter((m) => m.to === to)).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });

  it("rejects a job whose payload is not valid", async () => {
    await expect(processJob({ name: "email.send", data: { outboxId: 42 } } as never)).rejects.toThrow();
    await expect(processJob({ name: "no.such", data: {} } as never)).rejects.toThrow(/unknown job name/);
  });
});

describe("worker process", () => {
  it("starts, reports health, and exits 0 on SIGTERM", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "main.ts")], {
      env: { ...process.env, WORKER_HEALTH_PORT: String(port), NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    try {
      await waitFor(() => (out.includes("worker ready") ? true : undefined), 25_000);
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", db: "up", redis: "up", workers: "running" });
      // Unauthenticated, so loopback only by default: the machine's other addresses are refused.
      const external = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === "IPv4")?.address;
      if (external) await expect(fetch(`http://${external}:${port}/health`)).rejects.toThrow();
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(out).toContain("worker stopped cleanly");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 40_000);
});
