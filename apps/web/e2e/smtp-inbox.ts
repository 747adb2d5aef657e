import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TReceivedMail = { to: string; subject: string; text: string };

/** A real SMTP server in the test process: the app sends through SMTP_URL, the test reads mail. */
export async function startInbox(port: number) {
  const mails: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), subject: m.subject ?? "", text: m.text ?? "" });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    mails,
    async waitFor(to: string, timeoutMs = 20_000): Promise<TReceivedMail> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = mails.find((x) => x.to === to);
        if (m) return m;
        if (Date.now() > until) throw new Error(`no email to ${to} within ${timeoutMs} ms (got ${mails.length} others)`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function linkIn(text: string, path: string): string {
  const m = new RegExp(`https?://[^\\s"<>]*${path}[^\\s"<>]*`).exec(text);
  if (!m) throw new Error(`no ${path} link in email:\n${text}`);
  return m[0];
}
