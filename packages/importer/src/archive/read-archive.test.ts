import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openArchive } from "./read-archive";
import type { TArchive } from "./types";
import { buildZip, CENTRAL, entryHeaders, expectImportError, LOCAL, makeTempDir, renameEntry, type TZipFile } from "./test-zip";

const CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,08 Jun 2026\n";
const MESSAGES = '"CONVERSATION ID","FROM","CONTENT"\n"c1","Ada","hello\nthere"\n';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let counter = 0;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp.cleanup());

async function zipFile(files: readonly TZipFile[] | Buffer): Promise<string> {
  const buf = Buffer.isBuffer(files) ? files : await buildZip(files);
  return tmp.write(`case-${++counter}.zip`, buf);
}

async function withArchive<T>(path: string, fn: (a: TArchive) => Promise<T>): Promise<T> {
  const archive = await openArchive(path);
  try {
    return await fn(archive);
  } finally {
    archive.close();
  }
}

describe("openArchive: finding the files", () => {
  it("finds wanted files by basename, case-insensitively, in any folder, and skips macOS debris", async () => {
    const root = "Complete_LinkedInDataExport_06-08-2026";
    const file = await zipFile([
      { path: `${root}/Connections.csv`, data: CONNECTIONS },
      { path: `${root}/messages.csv`, data: MESSAGES },
      { path: `${root}/nested/INVITATIONS.CSV`, data: "From,To\n" },
      { path: "Endorsement_Received_Info.csv", data: "Endorser\n" },
      { path: "Recommendations_Received.csv", data: "First Name\n", compress: false },
      { path: `${root}/Profile.csv`, data: "First Name\n" },
      { path: `__MACOSX/${root}/._Connections.csv`, data: Buffer.from([0, 5, 22, 7]) },
      { path: `${root}/._messages.csv`, data: Buffer.from([0, 5, 22, 7]) },
      // Resource forks are metadata, not archives or links, whatever their name or mode says.
      { path: `__MACOSX/${root}/._Old.zip`, data: Buffer.from([0, 5, 22, 7]), mode: 0o120644 },
    ]);
    await withArchive(file, async (archive) => {
      expect(archive.entryCount).toBe(9);
      expect(Object.keys(archive.entries).sort()).toEqual(["connections", "endorsements", "invitations", "messages", "recommendations"]);
      expect(archive.entries.connections?.path).toBe(`${root}/Connections.csv`);
      expect(archive.entries.invitations?.path).toBe(`${root}/nested/INVITATIONS.CSV`);
      expect(archive.entries.connections?.uncompressedSize).toBe(Buffer.byteLength(CONNECTIONS));
      expect((await archive.entries.connections!.readAll()).toString("utf8")).toBe(CONNECTIONS);
      expect((await archive.entries.recommendations!.readAll()).toString("utf8")).toBe("First Name\n");

      const chunks: Buffer[] = [];
      for await (const chunk of await archive.entries.messages!.openStream()) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString("utf8")).toBe(MESSAGES);
    });
  });

  it("reads Windows-style backslash paths by basename", async () => {
    const zip = renameEntry(await buildZip([{ path: "export/Connections.csv", data: CONNECTIONS }]), "export/Connections.csv", "export\\Connections.csv");
    await withArchive(await zipFile(zip), async (archive) => {
      expect(archive.entries.connections?.path).toBe("export/Connections.csv");
      expect((await archive.entries.connections!.readAll()).toString("utf8")).toBe(CONNECTIONS);
    });
  });

  it("refuses path traversal and absolute paths instead of resolving them", async () => {
    const base = await buildZip([{ path: "xx/Connections.csv", data: CONNECTIONS }]);
    const traversal = renameEntry(base, "xx/Connections.csv", "../Connections.csv");
    const err = await expectImportError(openArchive(await zipFile(traversal)), "zip_corrupt");
    expect(err.message).toMatch(/unsafe path/);
    const absolute = renameEntry(base, "xx/Connections.csv", "/x/Connections.csv");
    await expectImportError(openArchive(await zipFile(absolute)), "zip_corrupt");
  });

  it("explains a missing Connections.csv and lists the CSV files that are there", async () => {
    const file = await zipFile([
      { path: "Profile.csv", data: "a\n" },
      { path: "messages.csv", data: MESSAGES },
      { path: "Skills.csv", data: "a\n" },
      { path: "__MACOSX/._Connections.csv", data: "x" },
      { path: "Connections.txt", data: "x" },
    ]);
    const err = await expectImportError(openArchive(file), "zip_no_connections");
    expect(err.message).toContain("Profile.csv");
    expect(err.message).toContain("messages.csv");
    expect(err.message).toContain("Skills.csv");
    expect(err.message).not.toContain("._");
    expect(err.message).toMatch(/root/);
    expect(err.message).toMatch(/Connections/);
  });

  it("says so when the archive is empty or has no CSV at all", async () => {
    const empty = await expectImportError(openArchive(await zipFile([])), "zip_no_connections");
    expect(empty.message).toMatch(/empty/);
    const noCsv = await expectImportError(openArchive(await zipFile([{ path: "photo.jpg", data: "x" }])), "zip_no_connections");
    expect(noCsv.message).toContain("photo.jpg");
  });

  it("refuses two Connections.csv and names both paths", async () => {
    const file = await zipFile([
      { path: "a/Connections.csv", data: CONNECTIONS },
      { path: "b/connections.CSV", data: CONNECTIONS },
    ]);
    const err = await expectImportError(openArchive(file), "zip_ambiguous_entry");
    expect(err.message).toContain("a/Connections.csv");
    expect(err.message).toContain("b/connections.CSV");
  });
});

describe("openArchive: refusing what an export never contains", () => {
  it("refuses more entries than maxEntries before reading them", async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ path: `f${i}.csv`, data: "a\n" }));
    const file = await zipFile([{ path: "Connections.csv", data: CONNECTIONS }, ...files]);
    await expectImportError(openArchive(file, { maxEntries: 5 }), "zip_too_many_entries");
    const archive = await openArchive(file, { maxEntries: 7 });
    archive.close();
  });

  it.each(["inner/Other.zip", "backup.TAR.GZ", "x.7z", "lib.jar", "a.rar", "b.tgz", "c.tar"])("refuses a nested archive (%s)", async (path) => {
    const file = await zipFile([
      { path: "Connections.csv", data: CONNECTIONS },
      { path, data: "PK" },
    ]);
    const err = await expectImportError(openArchive(file), "zip_nested_archive");
    expect(err.message).toContain(path);
  });

  it("refuses a symbolic link entry, but not a regular file with the same name", async () => {
    const link = await zipFile([
      { path: "Connections.csv", data: CONNECTIONS },
      { path: "evil", data: "/etc/passwd", mode: 0o120777 },
    ]);
    await expectImportError(openArchive(link), "zip_symlink");
    const regular = await zipFile([
      { path: "Connections.csv", data: CONNECTIONS },
      { path: "evil", data: "/etc/passwd", mode: 0o100644 },
    ]);
    (await openArchive(regular)).close();
  });

  it("recognises an Excel workbook (.xlsx) and asks for a CSV", async () => {
    const file = await zipFile([
      { path: "[Content_Types].xml", data: "<Types/>" },
      { path: "_rels/.rels", data: "<Relationships/>" },
      { path: "xl/workbook.xml", data: "<workbook/>" },
      { path: "xl/worksheets/sheet1.xml", data: "<worksheet/>" },
    ]);
    const err = await expectImportError(openArchive(file), "excel_workbook");
    expect(err.message).toMatch(/CSV/);
  });

  it("refuses an entry flagged as encrypted (general purpose bit 0)", async () => {
    const zip = await buildZip([
      { path: "Connections.csv", data: CONNECTIONS },
      { path: "Private.csv", data: "secret\n" },
    ]);
    const h = entryHeaders(zip, "Private.csv");
    zip.writeUInt16LE(zip.readUInt16LE(h.central + CENTRAL.flags) | 1, h.central + CENTRAL.flags);
    zip.writeUInt16LE(zip.readUInt16LE(h.local + LOCAL.flags) | 1, h.local + LOCAL.flags);
    const err = await expectImportError(openArchive(await zipFile(zip)), "zip_encrypted");
    expect(err.message).toContain("Private.csv");
  });

  it("refuses a compression method it cannot inflate", async () => {
    const zip = await buildZip([{ path: "Connections.csv", data: CONNECTIONS }]);
    const h = entryHeaders(zip, "Connections.csv");
    zip.writeUInt16LE(12, h.central + CENTRAL.method); // bzip2
    zip.writeUInt16LE(12, h.local + LOCAL.method);
    const err = await expectImportError(openArchive(await zipFile(zip)), "zip_corrupt");
    expect(err.message).toMatch(/compression method/);
  });
});

describe("openArchive: damaged files", () => {
  it("reports a truncated ZIP as corrupt", async () => {
    const zip = await buildZip([{ path: "Connections.csv", data: CONNECTIONS.repeat(50) }]);
    const err = await expectImportError(openArchive(await zipFile(zip.subarray(0, Math.floor(zip.length / 2)))), "zip_corrupt");
    expect(err.message).toMatch(/could not be read/);
  });

  it("reports a file that is not a ZIP at all as corrupt", async () => {
    await expectImportError(openArchive(await zipFile(Buffer.from("First Name,Last Name\nAda,Lovelace\n"))), "zip_corrupt");
  });

  it("reports damaged compressed data when the entry is read", async () => {
    const zip = await buildZip([{ path: "Connections.csv", data: CONNECTIONS.repeat(200) }]);
    const h = entryHeaders(zip, "Connections.csv");
    const dataStart = h.local + LOCAL.name + "Connections.csv".length + zip.readUInt16LE(h.local + 28);
    for (let i = 10; i < 40; i++) zip[dataStart + i] = (zip[dataStart + i] ?? 0) ^ 0x5a;
    await withArchive(await zipFile(zip), async (archive) => {
      await expectImportError(archive.entries.connections!.readAll(), "zip_corrupt");
    });
  });

  it("catches a stored entry whose bytes changed (checksum), which inflation alone cannot notice", async () => {
    const zip = await buildZip([{ path: "Connections.csv", data: CONNECTIONS, compress: false }]);
    const h = entryHeaders(zip, "Connections.csv");
    const dataStart = h.local + LOCAL.name + "Connections.csv".length + zip.readUInt16LE(h.local + 28);
    zip[dataStart] = "X".charCodeAt(0);
    await withArchive(await zipFile(zip), async (archive) => {
      const err = await expectImportError(archive.entries.connections!.readAll(), "zip_corrupt");
      expect(err.message).toMatch(/checksum/);
    });
  });

  it("lets operating-system errors through unchanged (they are not the user's fault)", async () => {
    await expect(openArchive(`${tmp.dir}/does-not-exist.zip`)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
