// A LinkedIn data archive for e2e/invitations.spec.ts, built at run time so that invitation ages
// are relative to today: Connections.csv (LinkedIn's 2023+ layout) and Invitations.csv (2024
// layout with profile URLs, dates as LinkedIn writes them: `12/15/24, 7:47 AM`). The zip is
// written here (stored, no compression): apps/web has no zip library of its own, and borrowing
// one through hoisting from another workspace breaks as soon as the hoisting changes.

export type TInvite = { name: string; slug: string; daysAgo: number; message?: string; direction?: "OUTGOING" | "INCOMING" };
export type TConnectionRow = { first: string; last: string; slug: string; company: string; position: string };

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

export function connectionsCsv(people: TConnectionRow[]): string {
  const lines = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    "",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
  ];
  for (const p of people) lines.push([p.first, p.last, `https://www.linkedin.com/in/${p.slug}`, "", q(p.company), q(p.position), "14 Mar 2022"].join(","));
  return lines.join("\n") + "\n";
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of UTF-8 text files, stored (method 0): the smallest valid archive, enough for the importer. */
export function archiveZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, text] of Object.entries(files)) {
    const name = Buffer.from(path, "utf8");
    const data = Buffer.from(text, "utf8");
    const crc = crc32(data);
    // Shared fields: version 2.0, flag bit 11 (UTF-8 names), stored, DOS time/date 2024-01-01 00:00.
    const common = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at);
      b.writeUInt16LE(0x0800, at + 2);
      b.writeUInt16LE(0, at + 4);
      b.writeUInt16LE(0, at + 6);
      b.writeUInt16LE(((2024 - 1980) << 9) | (1 << 5) | 1, at + 8);
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(data.length, at + 14);
      b.writeUInt32LE(data.length, at + 18);
      b.writeUInt16LE(name.length, at + 22);
      b.writeUInt16LE(0, at + 24);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    common(central, 6);
    // Comment length, disk, internal and external attributes stay 0; then the local header's offset.
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
