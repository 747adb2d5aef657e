import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { queue } from "@crm/jobs";
import type { TTeamContext } from "../teams/membership";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { EXPORT_CHUNK_BYTES, processTeamExport } from "./build-export";
import { columnName, EXPORT_FILES, TABLES_WITHOUT_FILE } from "./export-files";
import { expireTeamExports, getTeamExport, listTeamExports, readTeamExport, requestTeamExport } from "./export";
import { CR_FORMULA, formulaStarts, MULTILINE_FORMULA } from "../csv/spreadsheet-safety.test-util";
import { addMember, collect, FORMULA_COMPANY, FORMULA_SLUG, seedTeamData, unzip, type TSeeded } from "./team-data.test-util";

let a: TSignedUpUser;
let b: TSignedUpUser;
let seeded: TSeeded;
let member: TTeamContext;
let admin: TTeamContext;

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("exportA"), signUpUser("exportB")]);
  seeded = await seedTeamData(a);
  await seedTeamData(b, 20);
  [member, admin] = await Promise.all([addMember(a.ctx, "MEMBER", "exMember"), addMember(a.ctx, "ADMIN", "exAdmin")]);
}, 60_000);
afterAll(stopTestEnv);

const csvRows = (buf: Buffer) => {
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for spreadsheets
  return parse(buf, { bom: true, columns: true }) as Record<string, string>[];
};
/** Rows of the team in `table`; members and audit entries only up to the export (more came since). */
const tableCount = async (table: string, teamId: string, before: string) => {
  const since = table === "Membership" || table === "AuditLog" ? ` AND "createdAt" <= $2::timestamptz AT TIME ZONE 'UTC'` : "";
  const params = since ? [teamId, before] : [teamId];
  return (await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "teamId" = $1${since}`, params))[0]!.n;
};

describe("what the export contains", () => {
  it("exports or explains every column of every tenant table (a new column must be decided on)", async () => {
    const cols = await ownerQuery<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'teamId')`,
    );
    const tables = [...new Set(cols.map((c) => c.table_name))].sort();
    const covered = [...EXPORT_FILES.map((f) => f.table), ...Object.keys(TABLES_WITHOUT_FILE)].filter((t) => t !== "Team");
    expect(tables).toEqual([...new Set(covered)].sort());
    for (const f of EXPORT_FILES) {
      const catalog = cols.filter((c) => c.table_name === f.table).map((c) => c.column_name).sort();
      const decided = [...f.columns.filter((c) => typeof c === "string"), ...Object.keys(f.excluded ?? {})];
      expect(catalog, f.table).toEqual([...new Set(decided)].sort());
    }
  });
});

describe("team data export", () => {
  let files: Map<string, Buffer>;

  it("members are refused; owners and admins may export", async () => {
    for (const p of [requestTeamExport(member), listTeamExports(member), getTeamExport(member, seeded.exportId), readTeamExport(member, seeded.exportId)]) {
      expect((await rejectionOf(p)).code).toBe("FORBIDDEN");
    }
    expect((await listTeamExports(admin)).map((e) => e.id)).toContain(seeded.exportId);
  });

  it("builds a zip in 1 MiB chunks, ready for TEAM_EXPORT_TTL_HOURS, with its expiry job queued", async () => {
    const e = await getTeamExport(a.ctx, seeded.exportId);
    expect(e).toMatchObject({ status: "READY", progress: 100, phase: null, error: null });
    const hours = (Date.parse(e.expiresAt!) - Date.parse(e.finishedAt!)) / 3_600_000;
    expect(hours).toBeCloseTo(24, 1);
    const chunks = await withTeam(a.team.id, (tx) => tx.teamExportChunk.findMany({ where: { exportId: seeded.exportId }, select: { seq: true, data: true }, orderBy: { seq: "asc" } }));
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    expect(chunks.reduce((n, c) => n + c.data.byteLength, 0)).toBe(e.byteSize);
    expect(chunks.slice(0, -1).every((c) => c.data.byteLength === EXPORT_CHUNK_BYTES)).toBe(true);
    const delayed = await queue("maintenance").getJobs(["delayed"]);
    expect(delayed.some((j) => j.name === "export.expire" && j.data.exportId === seeded.exportId && JSON.stringify(Object.keys(j.data).sort()) === '["exportId","teamId"]')).toBe(true);

    const dl = await readTeamExport(a.ctx, seeded.exportId);
    expect(dl.fileName).toBe(`${a.team.slug}-data-${e.createdAt.slice(0, 10)}.zip`);
    const zip = await collect(dl.body);
    expect(zip.byteLength).toBe(e.byteSize);
    files = await unzip(zip);
    expect([...files.keys()].sort()).toEqual([...EXPORT_FILES.map((f) => f.file), "manifest.json"].sort());
  });

  it("holds every row of every exported table, as the manifest says", async () => {
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    expect(manifest).toMatchObject({ formatVersion: 1, team: { id: a.team.id, name: a.team.name, slug: a.team.slug } });
    for (const f of EXPORT_FILES) {
      const rows = f.format === "csv" ? csvRows(files.get(f.file)!) : (JSON.parse(files.get(f.file)!.toString("utf8")) as unknown[]);
      const inManifest = manifest.files.find((m: { name: string }) => m.name === f.file).rows;
      expect(rows.length, f.file).toBe(inManifest);
      if (f.format === "csv") expect((parse(files.get(f.file)!, { bom: true, to: 1 }) as string[][])[0], f.file).toEqual(f.columns.map(columnName));
      expect(rows.length, f.file).toBe(await tableCount(f.table, a.team.id, manifest.exportedAt));
      expect(rows.length, `${f.file} has rows`).toBeGreaterThan(0);
    }
    expect(csvRows(files.get("connections.csv")!)).toHaveLength(seeded.connections);
  });

  it("escapes cells a spreadsheet would run, keeps tags, note authors and ICP definitions", () => {
    const conns = csvRows(files.get("connections.csv")!);
    const eve = conns.find((c) => c.profileUrl?.includes(FORMULA_SLUG))!;
    expect(eve.company).toBe(`'${FORMULA_COMPANY}`);
    expect(eve.position).toBe("'-Chief");
    expect(Object.keys(eve)).not.toContain("searchText");
    expect(conns.filter((c) => c.tags === seeded.tagName)).toHaveLength(1);
    const notes = csvRows(files.get("notes.csv")!);
    expect(notes.find((n) => n.body === `'${seeded.noteBody}`)).toMatchObject({ authorEmail: a.email, authorName: a.name });
    const icps = JSON.parse(files.get("icps.json")!.toString("utf8"));
    expect(icps[0].definition.titleKeywords).toEqual({ values: ["VP Sales"], weight: "important" });
    const scores = csvRows(files.get("icp-scores.csv")!);
    expect(scores).toHaveLength(seeded.connections);
    expect(JSON.parse(scores[0]!.reasons!)).toBeInstanceOf(Array);
    expect(csvRows(files.get("members.csv")!)[0]).toMatchObject({ email: a.email, role: "OWNER" });
    expect(JSON.parse(files.get("column-mappings.json")!.toString("utf8"))[0].mapping).toEqual({ firstName: "Vorname" });
    expect(csvRows(files.get("audit-log.csv")!).map((r) => r.action)).toContain("team.export_requested");
  });

  it("carries reminders, email choices and digests, but no unsubscribe link or email body", () => {
    expect(csvRows(files.get("reminders.csv")!).map((r) => r.kind).sort()).toEqual(["CADENCE", "FOLLOW_UP"]);
    expect(csvRows(files.get("tags.csv")!)[0]).toMatchObject({ cadenceDays: "90" });
    expect(csvRows(files.get("notification-preferences.csv")!)).toEqual([
      expect.objectContaining({ userEmail: a.email, timeZone: "Europe/Berlin", digestWeekday: "5", emailModes: '{"reminder_due": "daily"}' }),
    ]);
    expect(csvRows(files.get("digest-runs.csv")!)[0]).toMatchObject({ userEmail: a.email, period: "2026-W49", status: "sent" });
    const emails = files.get("emails.csv")!.toString("utf8");
    expect(csvRows(files.get("emails.csv")!)[0]).toMatchObject({ kind: "digest", to: a.email, subject: "Your week" });
    expect(emails).not.toContain("unsubscribe");
    expect(emails).not.toContain("digest:");
  });

  it("quotes every line break and neutralises each line of a cell, so no spreadsheet row starts with a formula", () => {
    for (const f of EXPORT_FILES.filter((x) => x.format === "csv")) expect(formulaStarts(files.get(f.file)!), f.file).toEqual([]);
    // Parsed back by a real CSV parser, the cells hold the text with only the ' marks added.
    expect(csvRows(files.get("notes.csv")!).map((n) => n.body)).toContain(MULTILINE_FORMULA.replace("\n=", "\n'="));
    expect(csvRows(files.get("saved-views.csv")!).map((v) => v.name)).toContain(CR_FORMULA.replace("\r@", "\r'@"));
  });

  it("one export at a time: a second request returns the running one", async () => {
    const first = await requestTeamExport(admin);
    const again = await requestTeamExport(a.ctx);
    expect(first.created).toBe(true);
    expect(again).toEqual({ exportId: first.exportId, created: false });
    // A retried attempt drops the chunks of the one that died half-way.
    await withTeam(a.team.id, (tx) => tx.teamExportChunk.create({ data: { teamId: a.team.id, exportId: first.exportId, seq: 999, data: new Uint8Array([1]) } }));
    expect(await processTeamExport(a.team.id, first.exportId)).toMatchObject({ status: "ready" });
    expect(await withTeam(a.team.id, (tx) => tx.teamExportChunk.count({ where: { exportId: first.exportId, seq: 999 } }))).toBe(0);
    expect(await processTeamExport(a.team.id, first.exportId)).toEqual({ status: "ready" }); // not built twice
    expect((await requestTeamExport(a.ctx)).created).toBe(true);
  });

  it("refuses the download once expired, and the expiry job deletes the bytes", async () => {
    const { exportId } = await requestTeamExport(a.ctx);
    await processTeamExport(a.team.id, exportId);
    await withTeam(a.team.id, (tx) => tx.teamExport.update({ where: { id: exportId }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    const gone = await rejectionOf(readTeamExport(a.ctx, exportId));
    expect(gone.code).toBe("GONE");
    expect((await getTeamExport(a.ctx, exportId)).status).toBe("EXPIRED");
    expect((await expireTeamExports(a.team.id, exportId)).expired).toBe(1);
    expect(await withTeam(a.team.id, (tx) => tx.teamExportChunk.count({ where: { exportId } }))).toBe(0);
    expect((await withTeam(a.team.id, (tx) => tx.teamExport.findUniqueOrThrow({ where: { id: exportId } }))).status).toBe("EXPIRED");
    expect((await rejectionOf(readTeamExport(a.ctx, exportId))).code).toBe("GONE");
  });
});

describe("cross-tenant", () => {
  it("team B's context cannot see, read or download team A's export, and B's jobs cannot touch it", async () => {
    expect((await rejectionOf(getTeamExport(b.ctx, seeded.exportId))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(readTeamExport(b.ctx, seeded.exportId))).code).toBe("NOT_FOUND");
    expect((await listTeamExports(b.ctx)).map((e) => e.id)).not.toContain(seeded.exportId);
    // A forged job: B's team id with A's export id.
    expect(await processTeamExport(b.team.id, seeded.exportId)).toEqual({ status: "missing" });
    await withTeam(a.team.id, (tx) => tx.teamExport.update({ where: { id: seeded.exportId }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    expect(await expireTeamExports(b.team.id, seeded.exportId)).toEqual({ expired: 0 });
    expect(await withTeam(a.team.id, (tx) => tx.teamExportChunk.count({ where: { exportId: seeded.exportId } }))).toBeGreaterThan(0);
    // B's own export holds none of A's rows.
    const bExport = (await listTeamExports(b.ctx))[0]!;
    const bFiles = await unzip(await collect((await readTeamExport(b.ctx, bExport.id)).body));
    const text = [...bFiles.values()].map((x) => x.toString("utf8")).join("\n");
    expect(text).not.toContain(a.team.id);
    expect(text).not.toContain(a.email);
    expect(csvRows(bFiles.get("connections.csv")!)).toHaveLength(21);
  });
});
