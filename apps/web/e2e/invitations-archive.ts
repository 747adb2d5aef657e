import yazl from "yazl";

// A LinkedIn data archive for e2e/invitations.spec.ts, built at run time so that invitation ages
// are relative to today: Connections.csv (LinkedIn's 2023+ layout) and Invitations.csv (2024
// layout with profile URLs, dates as LinkedIn writes them: `12/15/24, 7:47 AM`).

export type TInvite = { name: string; slug: string; daysAgo: number; message?: string; direction?: "OUTGOING" | "INCOMING" };

const OWNER = { name: "Wanda Withdraw", url: "https://www.linkedin.com/in/wanda-withdraw-e2e" };

/** `12/15/24, 7:47 AM`: month/day/two-digit year, 12-hour clock, in UTC. */
export function linkedInSentAt(d: Date): string {
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear()).slice(2)}, ${h % 12 === 0 ? 12 : h % 12}:${mm} ${h < 12 ? "AM" : "PM"}`;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function invitationsCsv(invites: TInvite[], now = new Date()): string {
  const lines = ["From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"];
  for (const i of invites) {
    const at = linkedInSentAt(new Date(now.getTime() - i.daysAgo * 86_400_000));
    const other = { name: i.name, url: `https://www.linkedin.com/in/${i.slug}` };
    const [from, to] = i.direction === "INCOMING" ? [other, OWNER] : [OWNER, other];
    lines.push([q(from.name), q(to.name), q(at), q(i.message ?? ""), i.direction ?? "OUTGOING", from.url, to.url].join(","));
  }
  return lines.join("\n") + "\n";
}

export function connectionsCsv(people: Array<{ first: string; last: string; slug: string; company: string; position: string }>): string {
  const lines = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    "",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
  ];
  for (const p of people) lines.push([p.first, p.last, `https://www.linkedin.com/in/${p.slug}`, "", q(p.company), q(p.position), "14 Mar 2022"].join(","));
  return lines.join("\n") + "\n";
}

export async function archiveZip(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data, "utf8"), path);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
