import { mkdir, writeFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { serverEnv } from "@crm/config";

export type TOutgoingMessage = { messageId: string; to: string; subject: string; html: string; text: string; headers?: Record<string, string> };
export type TSendResult = { via: "smtp" | "file"; detail: string };

/**
 * SMTP when SMTP_URL is set. In development without it, each message is written as an .eml file
 * (openable by any mail client) so sign-up and invitations work with nothing else running.
 */
export async function sendMessage(msg: TOutgoingMessage): Promise<TSendResult> {
  const env = serverEnv();
  const mail = {
    from: env.EMAIL_FROM,
    to: msg.to,
    subject: msg.subject,
    html: msg.html,
    text: msg.text,
    messageId: `<${msg.messageId}@connection-crm>`,
    headers: msg.headers ?? {},
  };
  if (env.SMTP_URL) {
    // Bounded: the outbox row is leased while it is sent (outbox.ts), and a server that stops
    // answering must fail the try well before the lease runs out.
    const socketTimeout = env.SMTP_SOCKET_TIMEOUT_MS;
    const connectTimeout = Math.ceil(socketTimeout / 3);
    // Parsed here (nodemailer's own parser): createTransport given a `url` drops every other
    // option, getSocket included. A timeout the operator wrote into SMTP_URL wins over ours.
    const url = new URL(env.SMTP_URL);
    const timeouts = { connectionTimeout: connectTimeout, greetingTimeout: connectTimeout, socketTimeout, dnsTimeout: connectTimeout };
    for (const [k, v] of Object.entries(timeouts)) if (!url.searchParams.has(k)) url.searchParams.set(k, String(v));
    // Our own socket (nodemailer upgrades it to TLS for smtps itself), so the deadline below can
    // end the session: closing the transport does not stop a send in flight, and a session that
    // outlived its abandoned try would deliver a second copy next to the retry's.
    let socket: Socket | null = null;
    const options: SMTPTransport.Options = {
      ...parseConnectionUrl(url.toString()),
      getSocket(o, callback) {
        const s = connect({ host: o.host ?? "localhost", port: Number(o.port) || (o.secure ? 465 : 587) });
        socket = s;
        const failed = (err: Error) => callback(err);
        s.once("error", failed);
        s.once("connect", () => {
          s.off("error", failed);
          callback(null, { connection: s });
        });
      },
    };
    const transport = nodemailer.createTransport(options);
    // The socket timeout is per silence: a server that drips a byte now and then could hold one
    // send past its outbox lease (5 min), and a second job would send it again. A whole send gets
    // four socket timeouts at most (2 min by default), and never 4 minutes; then its socket goes.
    const wholeMs = Math.min(4 * socketTimeout, 240_000);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        (socket as Socket | null)?.destroy();
        reject(new Error(`The SMTP server did not finish within ${Math.round(wholeMs / 1000)} s.`));
      }, wholeMs);
    });
    try {
      const info = await Promise.race([transport.sendMail(mail), deadline]);
      return { via: "smtp", detail: info.response ?? "sent" };
    } finally {
      clearTimeout(timer);
      transport.close();
    }
  }
  if (env.NODE_ENV === "production" && env.EMAIL_TRANSPORT !== "file") {
    throw new Error("SMTP_URL is not set: cannot deliver email (set SMTP_URL, or EMAIL_TRANSPORT=file to write .eml files)");
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = await transport.sendMail(mail);
  const dir = resolve(env.MAIL_DIR);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${msg.messageId}.eml`);
  await writeFile(path, info.message as Buffer);
  return { via: "file", detail: path };
}
