import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
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
    const transport = nodemailer.createTransport(env.SMTP_URL);
    try {
      const info = await transport.sendMail(mail);
      return { via: "smtp", detail: info.response ?? "sent" };
    } finally {
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
